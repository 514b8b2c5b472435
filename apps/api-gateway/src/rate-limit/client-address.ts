import ipaddr from 'ipaddr.js';

/**
 * What a per-client limit counts: an IPv4 address, or the /64 network of an IPv6 one, since an IPv6
 * subscriber is handed a whole /64 and could otherwise take a fresh address for every try.
 */
export function clientAddress(ip: string): string {
  if (!ipaddr.isValid(ip)) return ip;
  // An IPv4 client of a dual-stack socket arrives as ::ffff:a.b.c.d.
  const address = ipaddr.process(ip);
  if (address.kind() === 'ipv4') return address.toString();
  return `${ipaddr.IPv6.networkAddressFromCIDR(`${address.toString()}/64`).toString()}/64`;
}
