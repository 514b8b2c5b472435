import type { Command } from 'commander';
import type { EventType } from '@mintfax/sdk';
import type { Register } from '../command-action';
import { EXIT } from '../exit-codes';
import { eventsFromNow, subjectOf, untilInterrupted } from '../follow-events';
import { openSession } from '../session';

export function registerEventsCommands(program: Command, register: Register): void {
  const events = program.command('events').description('the events of the environment');

  register<{ type?: EventType }>(
    events
      .command('tail')
      .description('print new events as they are written, until Ctrl-C (one JSON object a line with --json)')
      .option('--type <type>', 'only events of this type, e.g. fax.delivered'),
    async ({ output, options }) => {
      const signal = untilInterrupted();
      const stream = await eventsFromNow(openSession(options).mintfax, { type: options.type, signal });
      output.say('Waiting for events (Ctrl-C to stop)…');
      for await (const event of stream) output.item(event, () => `${event.created_at}  ${event.type.padEnd(19)}  ${event.id}  ${subjectOf(event)}`);
      return EXIT.ok;
    },
  );
}
