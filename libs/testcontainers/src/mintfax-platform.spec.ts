import { join } from 'node:path';
import { dockerAnswers } from '@mintfax/local-services';
import { Mintfax } from '@mintfax/sdk';
import { pdfDocument } from '@mintfax/testing';
import { startMintfaxPlatform } from './mintfax-platform';

const IMAGE = 'mintfax:testcontainers-spec';
/** Why the module cannot run on this machine, or undefined when it can. */
async function whyNotHere(): Promise<string | undefined> {
  if (!(await dockerAnswers())) return 'no Docker engine answers (DOCKER_HOST, ~/.testcontainers.properties and the usual sockets were tried)';
  return undefined;
}

// The module as a downstream suite uses it, against the image of this checkout. It needs a Docker
// engine; where none answers the test says so and checks nothing (the gateway's bootstrap, which
// the module relies on, is tested without Docker in apps/api-gateway/test/bootstrap-account.e2e-spec.ts).
describe('@mintfax/testcontainers', () => {
  it('starts the platform image with Postgres and Redis and hands back a ready sandbox account', async () => {
    const unavailable = await whyNotHere();
    if (unavailable) {
      console.warn(`@mintfax/testcontainers not run here: ${unavailable}.`);
      return;
    }
    const { GenericContainer } = await import('testcontainers');
    await GenericContainer.fromDockerfile(join(__dirname, '..', '..', '..')).build(IMAGE, { deleteOnExit: false });

    const platform = await startMintfaxPlatform({ image: IMAGE, env: { SANDBOX_CARRIER_DELAY_MS: '0' } });
    try {
      const mintfax = new Mintfax(platform.sandboxKey, { baseUrl: platform.baseUrl });
      expect(await mintfax.environment.get()).toMatchObject({ id: platform.environmentId, type: 'sandbox' });
      const fax = await mintfax.faxes.send({ to: '+15005550001', file: await pdfDocument(1) });
      expect((await mintfax.faxes.waitFor(fax.id, { timeout: 60_000 })).status).toBe('delivered');
    } finally {
      await platform.stop();
    }
  }, 900_000);
});
