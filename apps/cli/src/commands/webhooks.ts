import type { Command } from 'commander';
import { webhooks, type Event } from '@mintfax/sdk';
import type { Register } from '../command-action';
import { readConfig, writeConfig } from '../cli-config';
import { EXIT } from '../exit-codes';
import { eventsFromNow, untilInterrupted } from '../follow-events';
import { openSession } from '../session';

/** docs/api/events-and-webhooks.md "Deliveries": what a receiver has to answer within. */
const FORWARD_TIMEOUT_MS = 10_000;

/** The secret `listen` signs with: the one kept from an earlier run, so a receiver's setting stays valid. */
function listenSecret(): { secret: string; path: string } {
  const config = readConfig();
  const secret = config.listen_secret ?? webhooks.generateSecret();
  return { secret, path: writeConfig({ ...config, listen_secret: secret }) };
}

/** POSTs the event as the webhook-dispatcher would: the same JSON, the same Standard Webhooks headers. */
async function forward(url: string, event: Event, secret: string): Promise<{ status?: number; error?: string }> {
  const body = JSON.stringify(event);
  try {
    const response = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'user-agent': 'mintfax-cli', ...webhooks.sign(body, secret, { id: event.id }) },
      body,
      redirect: 'manual',
      signal: AbortSignal.timeout(FORWARD_TIMEOUT_MS),
    });
    await response.body?.cancel();
    return { status: response.status };
  } catch (error) {
    const cause = (error as { cause?: { message?: string } }).cause?.message;
    return { error: cause ?? (error as Error).message };
  }
}

export function registerWebhooksCommands(program: Command, register: Register): void {
  const hooks = program.command('webhooks').description('develop a webhook receiver');

  register<{ forwardTo: string; events?: string }>(
    hooks
      .command('listen')
      .description('forward every new event to a local URL, signed with a local secret it prints, until Ctrl-C')
      .requiredOption('--forward-to <url>', 'the receiver, e.g. http://localhost:4000/webhooks')
      .option('--events <types>', 'only these event types, comma separated (default: all)'),
    async ({ output, options }) => {
      const url = new URL(options.forwardTo).toString();
      const types = options.events?.split(',').map((type) => type.trim());
      const session = openSession(options);
      const { secret, path } = listenSecret();
      const signal = untilInterrupted();
      const stream = await eventsFromNow(session.mintfax, { signal });
      output.item({ secret, forward_to: url }, () =>
        [`Ready: forwarding events to ${url} (Ctrl-C to stop).`, `Webhook signing secret: ${secret}`, `(kept in ${path}, so it stays the same next time)`].join('\n'),
      );
      for await (const event of stream) {
        if (types && !types.includes(event.type)) continue;
        const result = await forward(url, event, secret);
        output.item({ event: event.id, type: event.type, ...result }, () =>
          [`--> ${event.type} [${event.id}]`, `<-- [${result.status ?? `no answer: ${result.error}`}] POST ${url}`].join('\n'),
        );
      }
      return EXIT.ok;
    },
  );
}
