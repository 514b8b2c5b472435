import {
  billingConfigSpec,
  dashboardConfigSpec,
  faxWorkerConfigSpec,
  gatewayConfigSpec,
  retentionWorkerConfigSpec,
  webhookDispatcherConfigSpec,
} from '@mintfax/config';
import { ApiError, ERROR_CATALOG } from '@mintfax/errors';
import { EVENT_TYPES } from '@mintfax/events';
import { isRetryable, sandboxScenario, sandboxSubmission, type FailureCode } from '@mintfax/faxes';
import { codeSpans, tableUnder, type TableRow } from './markdown-table';

// The tables of docs/ that restate a table of the code are compared with it both ways: a code
// entry missing from the doc fails, and so does a doc row the code does not have.

const cellCode = (row: TableRow, column: string): string => codeSpans(row[column] ?? '')[0] ?? (row[column] ?? '').trim();

describe('docs/api/errors.md', () => {
  it('lists every code of the error catalog with its HTTP status and action, and no other', () => {
    const documented = Object.fromEntries(
      tableUnder('api/errors.md', 'Error codes').map((row) => [cellCode(row, 'code'), { status: Number(row.http), action: cellCode(row, 'action') }]),
    );
    const catalog = Object.fromEntries(Object.entries(ERROR_CATALOG).map(([code, { status, action }]) => [code, { status, action }]));
    expect(documented).toEqual(catalog);
  });
});

describe('docs/api/events-and-webhooks.md', () => {
  it('lists every event type, and no other', () => {
    const documented = tableUnder('api/events-and-webhooks.md', 'Event types').map((row) => cellCode(row, 'type'));
    expect([...documented].sort()).toEqual([...EVENT_TYPES].sort());
  });
});

describe('docs/api/sandbox.md', () => {
  const NONE = '—';
  type Behaviour = { submission: string; pages: string; attempt1: string; later: string };

  /** What the code does with a number, in the terms of the table's columns. */
  function behaviourOf(to: string): Behaviour {
    const billed = (documentPages: number): number | 'rejected' | string => {
      try {
        const result = sandboxSubmission(to, documentPages);
        return result.reject ?? result.pages;
      } catch (error) {
        if (error instanceof ApiError) return error.code;
        throw error;
      }
    };
    const [five, seven] = [billed(5), billed(7)];
    if (typeof five === 'string') return { submission: five, pages: NONE, attempt1: NONE, later: NONE };
    const scenario = sandboxScenario(to);
    const attempt1 = scenario.outcome(1);
    const retried = attempt1 !== 'delivered' && isRetryable(attempt1 as FailureCode);
    const later = retried ? [...new Set([2, 3, 4, 5, 6, 7, 8, 9, 10].map((n) => scenario.outcome(n)))].join(', ') : NONE;
    return { submission: 'accepted', pages: five === 5 && seven === 7 ? 'document' : String(five), attempt1, later };
  }

  function documentedBehaviour(row: TableRow): Behaviour {
    const submission = codeSpans(row['at submission'] ?? '').find((code) => code in ERROR_CATALOG) ?? (row['at submission'] ?? '').trim();
    return {
      submission,
      pages: (row['pages billed'] ?? '').trim(),
      attempt1: cellCode(row, 'attempt 1'),
      later: (row['later attempts'] ?? '').startsWith(NONE) ? NONE : cellCode(row, 'later attempts'),
    };
  }

  it('describes every magic number as the simulator treats it, and no other', () => {
    const rows = tableUnder('api/sandbox.md', 'Magic numbers');
    const fallback = rows.find((row) => row.number === 'any other');
    expect(fallback).toBeDefined();
    const otherwise = documentedBehaviour(fallback as TableRow);
    const documented = new Map(rows.filter((row) => row !== fallback).map((row) => [cellCode(row, 'number'), documentedBehaviour(row)]));

    const specialInCode = new Map<string, Behaviour>();
    for (let suffix = 0; suffix <= 9999; suffix += 1) {
      const to = `+1500555${String(suffix).padStart(4, '0')}`;
      const behaviour = behaviourOf(to);
      if (documented.has(to) || JSON.stringify(behaviour) !== JSON.stringify(otherwise)) specialInCode.set(to, behaviour);
    }
    expect(Object.fromEntries(documented)).toEqual(Object.fromEntries(specialInCode));
    // A documented number that behaves like any other is not a scenario of the code.
    for (const [to, behaviour] of documented) expect({ to, ...behaviour }).not.toEqual({ to, ...otherwise });
  });
});

describe('docs/operations.md', () => {
  const APPS = {
    'api-gateway': gatewayConfigSpec,
    billing: billingConfigSpec,
    dashboard: dashboardConfigSpec,
    'fax-worker': faxWorkerConfigSpec,
    'retention-worker': retentionWorkerConfigSpec,
    'webhook-dispatcher': webhookDispatcherConfigSpec,
  } as const;
  type App = keyof typeof APPS;
  type Entry = { env: string; parse: (raw: string | undefined) => unknown };

  const entriesOf = (app: App): Entry[] => Object.values(APPS[app] as Record<string, Entry>);
  const rows = tableUnder('operations.md', 'Configuration');
  const appsOf = (row: TableRow): App[] =>
    row.apps === 'every app' ? (Object.keys(APPS) as App[]) : ((row.apps ?? '').split(',').map((app) => app.trim()) as App[]);

  it('lists every variable of libs/config with the apps that read it, and no other', () => {
    const documented = Object.fromEntries(rows.map((row) => [cellCode(row, 'variable'), appsOf(row).sort()]));
    const inCode: Record<string, string[]> = {};
    for (const app of Object.keys(APPS) as App[]) for (const { env } of entriesOf(app)) (inCode[env] ??= []).push(app);
    expect(documented).toEqual(Object.fromEntries(Object.entries(inCode).map(([env, apps]) => [env, apps.sort()])));
  });

  it.each(rows.map((row) => [cellCode(row, 'variable'), row] as const))('gives the default of %s', (env, row) => {
    const cell = (row.default ?? '').trim();
    const spans = codeSpans(cell);
    appsOf(row).forEach((app, i) => {
      const { parse } = entriesOf(app).find((entry) => entry.env === env) as Entry;
      let fallback: unknown;
      try {
        fallback = parse(undefined);
      } catch {
        return expect(cell).toMatch(/^required\b/);
      }
      if (fallback === undefined) return expect(cell).toMatch(/^unset\b/);
      // The documented value, parsed the way the app parses it, is what the app uses when unset.
      expect(parse(spans.length > 1 ? spans[i] : spans[0])).toEqual(fallback);
    });
  });
});
