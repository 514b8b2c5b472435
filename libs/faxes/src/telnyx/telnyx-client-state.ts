/**
 * `client_state` goes with every fax we send and comes back in each of its callbacks (and in the
 * carrier's fax list): it names our fax and attempt. Telnyx requires it to be base64.
 */
export function encodeClientState(faxId: string, attempt: number): string {
  return Buffer.from(JSON.stringify({ fax_id: faxId, attempt })).toString('base64');
}

/** The fax and attempt a `client_state` names; null for anything we did not write. */
export function decodeClientState(value: unknown): { faxId: string; attempt: number } | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    const parsed = JSON.parse(Buffer.from(value, 'base64').toString('utf8')) as { fax_id?: unknown; attempt?: unknown };
    if (typeof parsed.fax_id !== 'string' || !Number.isInteger(parsed.attempt)) return null;
    return { faxId: parsed.fax_id, attempt: parsed.attempt as number };
  } catch {
    return null;
  }
}
