import type { Fax } from '@mintfax/sdk';

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;

/** Where the fax stands, in one line: `fax_… in_progress (attempt 1 of 3)`. */
export function faxProgress(fax: Fax): string {
  switch (fax.status) {
    case 'queued':
      return fax.attempts === 0
        ? `${fax.id} queued: ${plural(fax.pages, 'page')} to ${fax.to}, ${plural(fax.cost, 'credit')} held`
        : `${fax.id} queued: attempt ${fax.attempts} ended ${fax.failure_code ?? 'unfinished'}, next one at ${fax.next_attempt_at ?? 'once a worker is free'}`;
    case 'submitted':
    case 'in_progress':
      return `${fax.id} ${fax.status} (attempt ${fax.attempts} of ${fax.max_attempts})`;
    case 'delivered':
      return `${fax.id} delivered`;
    case 'failed':
      return `${fax.id} failed: ${fax.failure_code}${fax.failure_message ? ` (${fax.failure_message})` : ''}`;
    default: {
      const unknown: never = fax.status;
      return `${fax.id} ${String(unknown)}`;
    }
  }
}

/** `fax get`: the fax, then one line per attempt. */
export function faxDetails(fax: Fax): string[] {
  const rows: [string, string][] = [
    ['status', fax.status + (fax.failure_code ? ` (${fax.failure_code}${fax.failure_message ? `: ${fax.failure_message}` : ''})` : '')],
    ['to', fax.to],
    ['from', fax.from ?? '—'],
    ['pages', `${fax.pages} (held ${fax.cost}, charged ${fax.charged ?? '—'})`],
    ['attempts', `${fax.attempts} of ${fax.max_attempts}${fax.next_attempt_at ? `, next at ${fax.next_attempt_at}` : ''}`],
    ['document', fax.document.purged_at ? `purged ${fax.document.purged_at}` : `${fax.document.source.filename ?? fax.document.source.content_type}, ${fax.document.size_bytes} bytes`],
    ['tags', fax.tags.join(', ') || '—'],
    ['created', fax.created_at],
    ['completed', fax.completed_at ?? '—'],
  ];
  const attempts = (fax.attempts_log ?? []).map(
    (attempt) =>
      `attempt ${attempt.number}: ${attempt.outcome ?? 'under way'}${attempt.failure_code ? ` (${attempt.failure_code})` : ''}, ${plural(attempt.pages_sent, 'page')} sent, started ${attempt.started_at}`,
  );
  return [fax.id, ...rows.map(([label, value]) => `  ${label.padEnd(10)}${value}`), ...attempts.map((line) => `  ${line}`)];
}

/** `fax list`: one aligned row per fax. */
export function faxRows(faxes: Fax[]): string[] {
  if (faxes.length === 0) return ['No faxes.'];
  const rows = [['id', 'status', 'to', 'pages', 'created'], ...faxes.map((fax) => [fax.id, fax.status, fax.to, String(fax.pages), fax.created_at])];
  const widths = rows[0].map((_, column) => Math.max(...rows.map((row) => row[column].length)));
  return rows.map((row) => row.map((cell, column) => cell.padEnd(widths[column])).join('  ').trimEnd());
}
