import { lookup as dnsLookup, type LookupAddress } from 'node:dns';
import { isIP, type LookupFunction } from 'node:net';
import ipaddr from 'ipaddr.js';

/** Where webhooks may go. Production refuses internal targets (SSRF); development and tests need them. */
export interface WebhookUrlPolicy {
  allowPrivate: boolean;
}

/** ALLOW_PRIVATE_WEBHOOK_URLS when set, else allowed everywhere but in production. */
export function webhookUrlPolicy(config: { mode: 'development' | 'production' | 'test'; allowPrivateWebhookUrls?: boolean }): WebhookUrlPolicy {
  return { allowPrivate: config.allowPrivateWebhookUrls ?? config.mode !== 'production' };
}

const IPV4_COMPATIBLE = ipaddr.parseCIDR('::/96');

/**
 * Only public unicast addresses are webhook targets. ipaddr.js classifies every special-purpose
 * range (loopback, private, link-local, carrier-grade NAT, documentation, discard-only, site-local,
 * 6to4, NAT64, Teredo, …); an IPv4-mapped IPv6 address is judged by the IPv4 address it carries.
 */
export function isInternalAddress(address: string): boolean {
  if (isIP(address) === 0) throw new Error(`Not an IP address: ${address}`);
  const parsed = ipaddr.parse(address);
  // IPv4-compatible addresses (::a.b.c.d, deprecated): ipaddr.js calls them unicast, but they embed any IPv4.
  if (parsed.kind() === 'ipv6' && parsed.match(IPV4_COMPATIBLE)) return true;
  const judged = parsed.kind() === 'ipv6' && (parsed as ipaddr.IPv6).isIPv4MappedAddress() ? (parsed as ipaddr.IPv6).toIPv4Address() : parsed;
  return judged.range() !== 'unicast';
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
