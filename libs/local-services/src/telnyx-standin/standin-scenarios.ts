// What the Telnyx stand-in does with a fax, chosen by its destination (docs/operations.md
// "The Telnyx stand-in"). Any number not listed is delivered, every page of it.

export type StandinScenario =
  /** Sent; `pages` reported in fax.delivered (null: the document's own count). */
  | { kind: 'delivered'; pages: number | null }
  /** Fails with Telnyx's `reason`; `connects` when the call came up before it failed. */
  | { kind: 'failed'; reason: string; connects: boolean }
  /** Delivered, but no callback is ever sent: only a poll finds out. */
  | { kind: 'silent' }
  /** Reaches `sending` and stays there, without a callback. */
  | { kind: 'hangs' }
  /** The send itself is answered with this HTTP status and nothing is created. */
  | { kind: 'refused'; status: 422 | 429 | 500 }
  /** The fax is taken (and delivered), but the connection drops before the send is answered. */
  | { kind: 'unanswered' };

const SCENARIOS: Record<string, StandinScenario> = {
  '+13125550120': { kind: 'failed', reason: 'user_busy', connects: false },
  '+13125550130': { kind: 'failed', reason: 'receiver_no_answer', connects: false },
  '+13125550131': { kind: 'failed', reason: 'receiver_call_dropped', connects: true },
  '+13125550140': { kind: 'failed', reason: 'receiver_unallocated_number', connects: false },
  '+13125550141': { kind: 'failed', reason: 'receiver_decline', connects: false },
  '+13125550150': { kind: 'silent' },
  '+13125550151': { kind: 'hangs' },
  '+13125550160': { kind: 'refused', status: 429 },
  '+13125550170': { kind: 'refused', status: 500 },
  '+13125550180': { kind: 'refused', status: 422 },
  '+13125550190': { kind: 'unanswered' },
};

/** `+1312555011N`: delivered, reporting N pages sent (1–9), whatever the document holds. */
const REPORTED_PAGES = /^\+1312555011([1-9])$/;

export function standinScenario(to: string): StandinScenario {
  const pages = REPORTED_PAGES.exec(to)?.[1];
  if (pages !== undefined) return { kind: 'delivered', pages: Number(pages) };
  return SCENARIOS[to] ?? { kind: 'delivered', pages: null };
}
