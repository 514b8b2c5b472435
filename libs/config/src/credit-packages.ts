import { ConfigError } from './parsers';

export interface CreditPackage {
  id: string;
  credits: number;
  /** Price in the smallest currency unit (cents). */
  amount: number;
  currency: string;
}

const DEFAULT_PACKAGES = 'starter:500:500,growth:2500:2250,scale:10000:8000';

/**
 * `CREDIT_PACKAGES` is `id:credits:price_in_cents[:currency]`, comma separated, e.g.
 * `starter:500:500,growth:2500:2250` (currency defaults to usd).
 */
export function creditPackages(raw: string | undefined): CreditPackage[] {
  const source = raw && raw.trim() !== '' ? raw : DEFAULT_PACKAGES;
  const packages = source.split(',').map((entry) => {
    const [id, credits, amount, currency = 'usd'] = entry.trim().split(':');
    const parsed = { id, credits: Number(credits), amount: Number(amount), currency: currency.toLowerCase() };
    if (!/^[a-z0-9_-]+$/i.test(id ?? '') || !isPositiveInt(parsed.credits) || !isPositiveInt(parsed.amount)) {
      throw new ConfigError(`must be id:credits:price_in_cents[:currency], comma separated; "${entry}" is not`);
    }
    return parsed;
  });
  if (new Set(packages.map((p) => p.id)).size !== packages.length) {
    throw new ConfigError('names a package id twice');
  }
  return packages;
}

const isPositiveInt = (value: number) => Number.isInteger(value) && value > 0;
