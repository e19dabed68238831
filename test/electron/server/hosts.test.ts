import { describe, expect, it } from 'vitest';
import { allowedHostHeaders, reachableAddresses, shownAddress } from '../../../electron/server/hosts';

// A machine with a LAN address, as `os.networkInterfaces()` describes it.
const lan = () =>
  ({
    lo: [
      { address: '127.0.0.1', family: 'IPv4', internal: true },
      { address: '::1', family: 'IPv6', internal: true },
    ],
    eth0: [
      { address: '192.168.1.20', family: 'IPv4', internal: false },
      { address: 'fd00::20', family: 'IPv6', internal: false },
      { address: 'fe80::1', family: 'IPv6', internal: false },
    ],
  }) as never;

describe('which Host headers a studio answers', () => {
  it('bound to 0.0.0.0: every IPv4 address of the machine (and localhost), nothing else', () => {
    const addresses = reachableAddresses('0.0.0.0', lan);
    expect(addresses).toEqual(['127.0.0.1', '192.168.1.20']);
    expect([...allowedHostHeaders(addresses, 8080)].sort()).toEqual(['127.0.0.1:8080', '192.168.1.20:8080', 'localhost:8080']);
    expect(shownAddress('0.0.0.0', lan)).toBe('192.168.1.20');
  });

  it('bound to :: also the IPv6 addresses in brackets, but not link-local ones a Host header cannot name', () => {
    expect([...allowedHostHeaders(reachableAddresses('::', lan), 443, { defaultPort: 443 })].sort()).toEqual(
      ['127.0.0.1', '127.0.0.1:443', '192.168.1.20', '192.168.1.20:443', '[::1]', '[::1]:443', '[fd00::20]', '[fd00::20]:443', 'localhost', 'localhost:443'].sort(),
    );
  });

  it('bound to one address: that address only (127.0.0.2 is an address like any other)', () => {
    expect([...allowedHostHeaders(reachableAddresses('127.0.0.2', lan), 9000)]).toEqual(['127.0.0.2:9000']);
    expect(shownAddress('127.0.0.2', lan)).toBe('127.0.0.2');
  });
});

