import { readFileSync } from 'node:fs';
import { join } from 'node:path';

const root = join(__dirname, '..', '..');

/** One row of a markdown table, keyed by its lower-cased header cells. */
export type TableRow = Record<string, string>;

/** Splits `| a | b \| c |` into cells, keeping escaped pipes inside a cell. */
function cells(line: string): string[] {
  return line
    .trim()
    .replace(/^\|/, '')
    .replace(/\|$/, '')
    .split(/(?<!\\)\|/)
    .map((cell) => cell.trim().replace(/\\\|/g, '|'));
}

/**
 * The first table after the heading `heading` (any level) of a file under docs/. Fails when there
 * is no such heading or table, so a renamed section cannot make a check pass by reading nothing.
 */
export function tableUnder(docsPath: string, heading: string): TableRow[] {
  const lines = readFileSync(join(root, 'docs', docsPath), 'utf8').split('\n');
  const start = lines.findIndex((line) => new RegExp(`^#+ ${heading}$`).test(line.trim()));
  if (start === -1) throw new Error(`docs/${docsPath} has no heading "${heading}"`);
  const first = lines.findIndex((line, i) => i > start && line.trim().startsWith('|'));
  if (first === -1 || lines.slice(start + 1, first).some((line) => line.startsWith('#'))) {
    throw new Error(`docs/${docsPath} has no table under "${heading}"`);
  }
  const header = cells(lines[first] as string).map((cell) => cell.toLowerCase());
  const rows: TableRow[] = [];
  for (const line of lines.slice(first + 2)) {
    if (!line.trim().startsWith('|')) break;
    rows.push(Object.fromEntries(cells(line).map((cell, i) => [header[i] ?? String(i), cell])));
  }
  return rows;
}

/** The `code spans` of a cell, in order. */
export function codeSpans(cell: string): string[] {
  return [...cell.matchAll(/`([^`]+)`/g)].map((match) => match[1] as string);
}
