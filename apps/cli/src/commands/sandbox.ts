import { Argument, type Command } from 'commander';
import type { Fax } from '@mintfax/sdk';
import type { Register } from '../command-action';
import { EXIT } from '../exit-codes';
import { SANDBOX_SCENARIOS, scenarioDocument, type SandboxScenario } from '../sandbox-scenarios';
import { sendFax, type WaitFlags } from '../send-fax';
import { openSession } from '../session';
import { withWaitFlags } from './fax';

export function registerSandboxCommands(program: Command, register: Register): void {
  const sandbox = program.command('sandbox').description('play scenarios with the sandbox key');

  register<WaitFlags>(
    withWaitFlags(
      sandbox
        .command('trigger')
        .description('send a one-page fax to the magic number of a scenario (docs/api/sandbox.md)')
        .addArgument(new Argument('<scenario>').choices(Object.keys(SANDBOX_SCENARIOS))),
    ),
    async ({ output, options, args: [name] }) => {
      const scenario = name as SandboxScenario;
      const session = openSession(options, { sandboxOnly: true });
      const file = await scenarioDocument(scenario);
      return sendFax(session, output, { to: SANDBOX_SCENARIOS[scenario], file, filename: `sandbox-${scenario}.pdf` }, options);
    },
  );

  register(
    sandbox
      .command('reset')
      .description('delete the sandbox faxes that are delivered or failed; the credit grant is restored in the dashboard')
      .addHelpText('after', '\nThe public API has no route to restore the sandbox credit grant: the dashboard\'s Sandbox page does that.'),
    async ({ output, options }) => {
      const { mintfax } = openSession(options, { sandboxOnly: true });
      const finished: Fax[] = [];
      for (const status of ['delivered', 'failed'] as const) for await (const fax of mintfax.faxes.list({ status, limit: 100 })) finished.push(fax);
      for (const fax of finished) await mintfax.faxes.delete(fax.id);
      const balance = await mintfax.environment.balance();
      output.result({ deleted: finished.length, balance }, () => [
        `Deleted ${finished.length} finished sandbox fax${finished.length === 1 ? '' : 'es'}; faxes under way are kept.`,
        `Sandbox credit: ${balance.available} available, ${balance.held} held.`,
        'To restore the credit grant, use the Sandbox page of the dashboard: the public API has no route for it.',
      ]);
      return EXIT.ok;
    },
  );
}
