// Sends a document and waits until the fax is delivered or failed:
//   MINTFAX_API_KEY=mfx_test_… node dist/tools/examples/sdk-send-and-wait.js invoice.pdf [+15005550001]
// (after `npm run build`; MINTFAX_BASE_URL when the gateway is not on http://localhost:3000).
import { Mintfax, MintfaxError } from '@mintfax/sdk';

async function main(): Promise<void> {
  const [path, to = '+15005550001'] = process.argv.slice(2);
  if (!path || !process.env.MINTFAX_API_KEY) throw new Error('usage: MINTFAX_API_KEY=… send-and-wait <file> [to]');
  const mintfax = new Mintfax(process.env.MINTFAX_API_KEY, { baseUrl: process.env.MINTFAX_BASE_URL });

  const fax = await mintfax.faxes.send({ to, path });
  console.log(`${fax.id} ${fax.status}: ${fax.pages} page(s) to ${fax.to}`);
  const done = await mintfax.faxes.waitFor(fax.id, { timeout: 120_000, onUpdate: (update) => console.log(`${update.id} ${update.status}`) });
  console.log(done.status === 'delivered' ? `${done.id} delivered` : `${done.id} failed: ${done.failure_code}`);
  process.exitCode = done.status === 'delivered' ? 0 : 3;
}

main().catch((error: unknown) => {
  console.error(error instanceof MintfaxError ? `${error.code}: ${error.message} (${error.action})` : error);
  process.exitCode = 1;
});
