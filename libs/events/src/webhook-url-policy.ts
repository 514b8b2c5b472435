import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { BlockList, isIP, type LookupFunction } from 'node:net';

/** Where webhooks may go. Production refuses internal targets (SSRF); development and tests need them. */
export interface WebhookUrlPolicy {
  allowPrivate: boolean;
}

/** ALLOW_PRIVATE_WEBHOOK_URLS when set, else allowed everywhere but in production. */
export function webhookUrlPolicy(config: { mode: 'development' | 'production' | 'test'; allowPrivateWebhookUrls?: boolean }): WebhookUrlPolicy {
  return { allowPrivate: config.allowPrivateWebhookUrls ?? config.mode !== 'production' };
}

/**
 * Addresses a webhook must never reach from inside the deployment: loopback, private, link-local,
 * unspecified, and the like. BlockList matches IPv4-mapped IPv6 (`::ffff:127.0.0.1`) by the IPv4 rules.
 */
const INTERNAL = new BlockList();
for (const [prefix, bits] of [
  ['0.0.0.0', 8], // "this network", 0.0.0.0 included
  ['10.0.0.0', 8],
  ['100.64.0.0', 10], // carrier-grade NAT
  ['127.0.0.0', 8],
  ['169.254.0.0', 16], // link-local, cloud metadata services
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4], // multicast
  ['240.0.0.0', 4], // reserved, broadcast included
] as const) {
  INTERNAL.addSubnet(prefix, bits, 'ipv4');
}
for (const [prefix, bits] of [
  ['::', 128], // unspecified
  ['::1', 128],
  ['64:ff9b::', 96], // NAT64
  ['fc00::', 7], // unique local
  ['fe80::', 10], // link-local
  ['ff00::', 8], // multicast
] as const) {
  INTERNAL.addSubnet(prefix, bits, 'ipv6');
}

export function isInternalAddress(address: string): boolean {
  const family = isIP(address);
  if (family === 0) throw new Error(`Not an IP address: ${address}`);
  return INTERNAL.check(address, family === 4 ? 'ipv4' : 'ipv6');
}

/** The host of a URL as an IP literal, without IPv6 brackets; null for a name. */
function literalAddress(url: URL): string | null {
  const host = url.hostname.replace(/^\[(.*)\]$/, '$1');
  return isIP(host) ? host : null;
}

function resolveAll(hostname: string): Promise<LookupAddress[]> {
  return new Promise((resolve, reject) =>
    dnsLookup(hostname, { all: true, verbatim: true }, (error, addresses) => (error ? reject(error) : resolve(addresses))),
  );
}

/**
 * Why `raw` cannot be a webhook URL, or null when it can. A host name must not resolve to any
 * internal address (every address is checked, as the connection may use any of them).
 */
export async function webhookUrlProblem(raw: string, policy: WebhookUrlPolicy): Promise<string | null> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'must use http or https';
  if (url.username || url.password) return 'must not carry credentials';
  if (policy.allowPrivate) return null;
  const literal = literalAddress(url);
  if (literal) return isInternalAddress(literal) ? `must not target the internal address ${literal}` : null;
  let addresses: LookupAddress[];
  try {
    addresses = await resolveAll(url.hostname);
  } catch {
    return `host ${url.hostname} does not resolve`;
  }
  const internal = addresses.find((entry) => isInternalAddress(entry.address));
  return internal ? `host ${url.hostname} resolves to the internal address ${internal.address}` : null;
}

/**
 * A `lookup` for http.request that applies the policy to the addresses actually connected to, so a
 * name re-pointed at an internal address after the check (DNS rebinding) is refused too.
 */
export function guardedLookup(policy: WebhookUrlPolicy): LookupFunction {
  return (hostname, options, callback) => {
    dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
      if (error) return callback(error, '', 0);
      const internal = policy.allowPrivate ? undefined : addresses.find((entry) => isInternalAddress(entry.address));
      if (internal) {
        return callback(Object.assign(new Error(`${hostname} resolves to the internal address ${internal.address}`), { code: 'EWEBHOOKTARGET' }), '', 0);
      }
      if (addresses.length === 0) return callback(Object.assign(new Error(`${hostname} has no address`), { code: 'ENOTFOUND' }), '', 0);
      if (options.all) return callback(null, addresses);
      return callback(null, addresses[0].address, addresses[0].family);
    });
  };
}

/** The literal-address half of the policy, for URLs whose host needs no lookup. */
export function literalTargetProblem(url: URL, policy: WebhookUrlPolicy): string | null {
  if (policy.allowPrivate) return null;
  const literal = literalAddress(url);
  return literal && isInternalAddress(literal) ? `must not target the internal address ${literal}` : null;
}
