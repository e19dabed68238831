import { timingSafeEqual, randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export function newSessionToken(): string {
  return randomBytes(24).toString('base64url');
}

/**
 * Browsers send a cookie to every port of a host, so the session cookie is scoped twice:
 * its name carries the port (two studios on one machine keep their own), and its path is
 * the session's random path prefix, which no other server on the machine is ever asked for.
 */
export interface SessionScope {
  cookieName: string;
  /** '/s/<random>/': every page, image, upload and the bridge of this studio live under it. */
  path: string;
  secure: boolean;
}

export function newSessionScope(port: number, secure: boolean): SessionScope {
  return { cookieName: `studio_${port}`, path: `/s/${randomBytes(12).toString('base64url')}/`, secure };
}

/** The Set-Cookie header value that carries the token for this session only. */
export function sessionCookie(scope: SessionScope, token: string): string {
  return `${scope.cookieName}=${encodeURIComponent(token)}; HttpOnly; SameSite=Strict; Path=${scope.path}${scope.secure ? '; Secure' : ''}`;
}

/** Constant-time token comparison. */
export function tokenMatches(expected: string, given: string | undefined | null): boolean {
  if (!given) return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

export function cookieToken(request: IncomingMessage, cookieName: string): string | null {
  const header = request.headers.cookie;
  if (!header) return null;
  for (const part of header.split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === cookieName) {
      try {
        return decodeURIComponent(rest.join('='));
      } catch {
        return null; // a malformed cookie is no token
      }
    }
  }
  return null;
}

/**
 * The strict policy every page of the studio runs under: only its own scripts and styles,
 * images from itself (and blob/data for canvases), no plugins, no framing.
 */
export function contentSecurityPolicy(): string {
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data: blob:",
    "font-src 'self'",
    "connect-src 'self'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
    "object-src 'none'",
  ].join('; ');
}

export const securityHeaders: Record<string, string> = {
  'Content-Security-Policy': contentSecurityPolicy(),
  'X-Content-Type-Options': 'nosniff',
  'Referrer-Policy': 'no-referrer',
  'Cross-Origin-Opener-Policy': 'same-origin',
  'Cross-Origin-Resource-Policy': 'same-origin',
  'X-Frame-Options': 'DENY',
};

/** Refuses Host headers other than the addresses we are reachable at (DNS-rebinding defence). */
export function hostAllowed(request: IncomingMessage, allowedHosts: ReadonlySet<string>): boolean {
  const host = request.headers.host?.toLowerCase();
  return host !== undefined && allowedHosts.has(host);
}
