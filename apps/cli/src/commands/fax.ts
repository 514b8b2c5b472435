import { Option, type Command } from 'commander';
import type { Fax, SendFaxOptions } from '@mintfax/sdk';
import type { Register } from '../command-action';
import { EXIT } from '../exit-codes';
import { faxDetails, faxRows } from '../fax-format';
import { integerIn, keyValue, readableFile, repeatable } from '../option-parsers';
import { sendFax, type WaitFlags } from '../send-fax';
import { openSession } from '../session';

interface SendFlags extends WaitFlags {
  to: string;
  file: string;
  from?: string;
  maxAttempts?: number;
  tag?: string[];
  metadata?: Record<string, string>;
  coverPage?: 'none' | 'standard' | 'hipaa';
  recipientName?: string;
  subject?: string;
  message?: string;
  csid?: string;
  pageSize?: 'letter' | 'a4';
  resolution?: 'standard' | 'fine';
}

/** The flags, in the API's field names, leaving out the ones not given. */
function sendOptions(flags: SendFlags): SendFaxOptions {
  const options: SendFaxOptions = {
    from: flags.from,
    max_attempts: flags.maxAttempts,
    tags: flags.tag,
    metadata: flags.metadata,
    cover_page: flags.coverPage,
    recipient_name: flags.recipientName,
    subject: flags.subject,
    message: flags.message,
    csid: flags.csid,
    page_size: flags.pageSize,
    resolution: flags.resolution,
  };
  return Object.fromEntries(Object.entries(options).filter(([, value]) => value !== undefined)) as SendFaxOptions;
}

/** `--wait` and `--timeout`, shared by every command that sends. */
export function withWaitFlags(command: Command): Command {
  return command
    .option('--wait', 'follow the fax on a status line until it is delivered or failed')
    .option('--timeout <seconds>', 'with --wait, give up after this long (exit code 4)', integerIn(1, 86_400), 300);
}

export function registerFaxCommands(program: Command, register: Register): void {
  const fax = program.command('fax').description('send faxes and look at them');

  register<SendFlags>(
    withWaitFlags(
      fax
        .command('send')
        .description('send a fax (sandbox keys: to a magic number, see `mintfax sandbox trigger`)')
        .requiredOption('--to <number>', 'destination in E.164, e.g. +15005550001')
        .requiredOption('--file <path>', 'PDF, TIFF, JPEG or PNG', readableFile)
        .option('--from <number>', 'caller number in E.164')
        .option('--max-attempts <n>', 'attempts before the fax fails (1-10)', integerIn(1, 10))
        .option('--tag <tag>', 'a tag, repeatable', repeatable)
        .option('--metadata <key=value>', 'a metadata pair, repeatable', keyValue)
        .addOption(new Option('--cover-page <template>', 'cover page as page one').choices(['none', 'standard', 'hipaa']))
        .option('--recipient-name <name>', 'printed on a standard cover page')
        .option('--subject <text>', 'printed on a standard cover page')
        .option('--message <text>', 'printed on a standard cover page')
        .option('--csid <id>', 'station id printed in the header line')
        .addOption(new Option('--page-size <size>').choices(['letter', 'a4']))
        .addOption(new Option('--resolution <resolution>').choices(['standard', 'fine'])),
    ),
    ({ output, options }) => sendFax(openSession(options), output, { to: options.to, path: options.file, ...sendOptions(options) }, options),
  );

  register(fax.command('get').description('a fax with its attempts').argument('<id>', 'fax id (fax_…)'), async ({ output, options, args: [id] }) => {
    const found = await openSession(options).mintfax.faxes.get(id);
    output.result(found, () => faxDetails(found));
    return EXIT.ok;
  });

  register<{ status?: Fax['status']; tag?: string; limit: number }>(
    fax
      .command('list')
      .description('the newest faxes of the environment')
      .addOption(new Option('--status <status>').choices(['queued', 'submitted', 'in_progress', 'delivered', 'failed']))
      .option('--tag <tag>', 'only faxes with this tag')
      .option('--limit <n>', 'how many (1-1000)', integerIn(1, 1000), 20),
    async ({ output, options }) => {
      const faxes: Fax[] = [];
      const pages = openSession(options).mintfax.faxes.list({ status: options.status, tag: options.tag, limit: Math.min(options.limit, 100) });
      for await (const item of pages) {
        faxes.push(item);
        if (faxes.length === options.limit) break;
      }
      output.result(faxes, () => faxRows(faxes));
      return EXIT.ok;
    },
  );
}

