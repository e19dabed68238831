import { isIP } from 'node:net';
import type { NetworkInterfaceInfo } from 'node:os';

/** `os.networkInterfaces()`, or a test's own list. */
export type InterfaceList = () => NodeJS.Dict<NetworkInterfaceInfo[]>;

const wildcard = new Set(['0.0.0.0', '::']);

/**
 * The addresses a server bound to `bind` is reachable at: the address itself, or, bound to
 * every interface (0.0.0.0, ::), each address of the machine's interfaces. IPv6 link-local
 * addresses are left out: a browser cannot put their zone into a Host header.
 */
export function reachableAddresses(bind: string, interfaces: InterfaceList): string[] {
  if (!wildcard.has(bind)) return [bind];
  const ipv4Only = bind === '0.0.0.0';
  const addresses: string[] = [];
  for (const list of Object.values(interfaces())) {
    for (const info of list ?? []) {
      if (ipv4Only && info.family !== 'IPv4') continue;
      if (info.family === 'IPv6' && info.address.toLowerCase().startsWith('fe80:')) continue;
      if (!addresses.includes(info.address)) addresses.push(info.address);
    }
  }
  return addresses;
}

/** An address or name as it appears in a Host header (IPv6 in brackets), with the port. */
export function hostHeader(address: string, port: number): string {
  return `${isIP(address) === 6 ? `[${address.toLowerCase()}]` : address.toLowerCase()}:${port}`;
}

/**
 * Every Host header the studio answers: each reachable address with the port (and without
 * it on the scheme's default port), `localhost` when the loopback address 127.0.0.1 or ::1
 * is among them, and any name the lead gave (`--host-name`). Everything else is refused:
 * a page loaded under a foreign name (DNS rebinding) never reaches the studio.
 */
export function allowedHostHeaders(addresses: readonly string[], port: number, options: { names?: readonly string[]; defaultPort?: number } = {}): Set<string> {
  const names = [...addresses, ...(options.names ?? [])];
  if (addresses.includes('127.0.0.1') || addresses.includes('::1')) names.push('localhost');
  const hosts = new Set<string>();
  for (const name of names) {
    const header = hostHeader(name, port);
    hosts.add(header);
    if (port === options.defaultPort) hosts.add(header.slice(0, header.lastIndexOf(':')));
  }
  return hosts;
}

/**
 * The address to print for others to open: the one bound to, or, bound to every interface,
 * the first address that is not loopback (a LAN address) and the loopback one only when
 * there is none.
 */
export function shownAddress(bind: string, interfaces: InterfaceList): string {
  if (!wildcard.has(bind)) return bind;
  const candidates = reachableAddresses(bind, interfaces);
  const external = candidates.find((a) => !isLoopback(a));
  return external ?? (bind === '::' ? '::1' : '127.0.0.1');
}

export function isLoopback(address: string): boolean {
  return address === '::1' || address === 'localhost' || /^127\./.test(address);
}
