import { isIP } from 'node:net';

/** Parses one environment variable; throws a message that names what is wrong with the value. */
export type Parser<T> = (raw: string | undefined) => T;

export class ConfigError extends Error {}

const present = (raw: string | undefined): raw is string => raw !== undefined && raw.trim() !== '';

export function required<T>(parser: Parser<T>): Parser<T> {
  return (raw) => {
    if (!present(raw)) throw new ConfigError('is required but not set');
    return parser(raw);
  };
}

export function withDefault<T>(parser: Parser<T>, fallback: T): Parser<T> {
  return (raw) => (present(raw) ? parser(raw) : fallback);
}

export function optional<T>(parser: Parser<T>): Parser<T | undefined> {
  return (raw) => (present(raw) ? parser(raw) : undefined);
}

export const text: Parser<string> = (raw) => (raw ?? '').trim();

export function integer(min: number, max: number): Parser<number> {
  return (raw) => {
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      throw new ConfigError(`must be an integer from ${min} to ${max}, got "${raw}"`);
    }
    return value;
  };
}

export const port = integer(0, 65535);

export function url(protocols: readonly string[]): Parser<string> {
  return (raw) => {
    let parsed: URL;
    try {
      parsed = new URL(String(raw).trim());
    } catch {
      throw new ConfigError(`must be a URL (${protocols.join(' or ')}), got "${redact(raw)}"`);
    }
    if (!protocols.includes(parsed.protocol)) {
      throw new ConfigError(`must use ${protocols.join(' or ')}, got "${parsed.protocol}"`);
    }
    return String(raw).trim();
  };
}

export function oneOf<const T extends string>(values: readonly T[]): Parser<T> {
  return (raw) => {
    const value = String(raw).trim() as T;
    if (!values.includes(value)) throw new ConfigError(`must be one of ${values.join(', ')}, got "${raw}"`);
    return value;
  };
}

export const boolean: Parser<boolean> = (raw) => {
  const value = String(raw).trim().toLowerCase();
  if (['1', 'true', 'yes', 'on'].includes(value)) return true;
  if (['0', 'false', 'no', 'off'].includes(value)) return false;
  throw new ConfigError(`must be true or false, got "${raw}"`);
};

/** Comma-separated IP addresses or CIDR ranges (`10.0.0.0/8`, `::1`), as proxy-addr reads them. */
export const addressList: Parser<string[]> = (raw) => {
  const entries = String(raw).split(',').map((entry) => entry.trim()).filter((entry) => entry !== '');
  for (const entry of entries) {
    const [address = '', bits, extra] = entry.split('/');
    const family = isIP(address);
    const width = family === 4 ? 32 : 128;
    const validBits = bits === undefined || (/^\d{1,3}$/.test(bits) && Number(bits) <= width);
    if (family === 0 || !validBits || extra !== undefined) {
      throw new ConfigError(`must be IP addresses or CIDR ranges separated by commas, got "${entry}"`);
    }
  }
  return entries;
};

/** A phone number in E.164 form. */
export const e164: Parser<string> = (raw) => {
  const value = String(raw).trim();
  if (!/^\+[1-9]\d{1,14}$/.test(value)) throw new ConfigError(`must be a phone number in E.164 form (+13125550100), got "${raw}"`);
  return value;
};

/** An email address, as registration takes them: something, `@`, a domain. */
export const email: Parser<string> = (raw) => {
  const value = String(raw).trim();
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(value)) throw new ConfigError(`must be an email address, got "${raw}"`);
  return value;
};

/** A base64 Ed25519 public key (32 bytes), as carriers publish the key they sign callbacks with. */
export const ed25519PublicKey: Parser<string> = (raw) => {
  const value = String(raw).trim();
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(value) || Buffer.from(value, 'base64').length !== 32) {
    throw new ConfigError('must be a base64 Ed25519 public key (32 bytes)');
  }
  return value;
};

/** Never echo credentials from a URL back into a log line. */
function redact(raw: string | undefined): string {
  return String(raw).replace(/\/\/[^@/]*@/, '//***@');
}
