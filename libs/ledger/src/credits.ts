/** Credits are BIGINT in Postgres and plain numbers in the API; this is the one crossing point. */
export function toCredits(value: bigint | number): number {
  const credits = Number(value);
  if (!Number.isSafeInteger(credits)) {
    throw new RangeError(`Credit amount ${value} is beyond Number.MAX_SAFE_INTEGER and cannot be shown exactly.`);
  }
  return credits;
}

/** Amounts come from our own code (prices, Stripe metadata, config); a bad one is a bug, not a 4xx. */
export function assertCredits(amount: number, what: string, { allowZero = false, signed = false } = {}): bigint {
  const valid = Number.isSafeInteger(amount) && (signed ? amount !== 0 : allowZero ? amount >= 0 : amount > 0);
  if (!valid) {
    const expected = signed ? 'a non-zero integer' : allowZero ? 'an integer ≥ 0' : 'an integer > 0';
    throw new RangeError(`${what} must be ${expected} number of credits, got ${amount}.`);
  }
  return BigInt(amount);
}
