import { isIP } from 'node:net';

/** What the server knows of its own name: the public origin and the interface it listens on. */
export interface OwnOrigin {
  /** PUBLIC_ORIGIN, e.g. https://ecg.example.org (undefined: only loopback names and IPs). */
  readonly publicOrigin: string | undefined;
  /** HOST, the interface the server listens on (a name here is one of the server's own). */
  readonly host: string;
}

/** The request headers the checks read. */
export interface RequestSiteHeaders {
  readonly host: string | undefined;
  readonly origin: string | undefined;
  readonly secFetchSite: string | undefined;
  readonly userAgent: string | undefined;
}

function hostnameOf(hostHeader: string): string | null {
  try {
    return new URL(`http://${hostHeader}`).hostname.toLowerCase();
  } catch {
    return null;
  }
}

function isIpLiteral(hostname: string): boolean {
  return isIP(hostname.replace(/^\[(.*)\]$/, '$1')) !== 0;
}

/**
 * Why a Host header is not one of the server's own names, or null when it is. Own names: an IP
 * literal (DNS rebinding needs a name the attacker controls, so an address cannot be one),
 * `localhost`, the HOST setting, and PUBLIC_ORIGIN's host name. Any port: a port mapping or a
 * proxy may put the server behind another one, and the Origin check compares ports.
 */
export function hostRefusal(hostHeader: string | undefined, own: OwnOrigin): string | null {
  if (hostHeader === undefined || hostHeader === '') return 'the request has no Host header';
  const hostname = hostnameOf(hostHeader);
  if (hostname === null) return `Host "${hostHeader}" is not a host name`;
  if (isIpLiteral(hostname) || hostname === 'localhost') return null;
  if (hostname === own.host.toLowerCase()) return null;
  if (own.publicOrigin !== undefined && hostname === new URL(own.publicOrigin).hostname) {
    return null;
  }
  return (
    `Host "${hostHeader}" is not this server's name (set PUBLIC_ORIGIN to the address ` +
    'users reach the app at)'
  );
}

function originOf(text: string): string | null {
  try {
    const url = new URL(text);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.origin : null;
  } catch {
    return null;
  }
}

/** Browsers put Mozilla/ first in User-Agent; scripts (curl, node) do not. */
function looksLikeBrowser(userAgent: string | undefined): boolean {
  return userAgent !== undefined && userAgent.startsWith('Mozilla/');
}

/**
 * Why a state-changing request is refused as cross-site, or null when it comes from the
 * server's own origin. The own origin is the one the request was sent to (http:// and its Host:
 * the server speaks plain HTTP) or PUBLIC_ORIGIN (behind a TLS proxy); scheme, host and port
 * must all match. A browser request must prove it is same-origin with Origin or
 * `Sec-Fetch-Site: same-origin`; a request with neither is accepted only from a non-browser
 * client (a script cannot be made to send a victim's cookie by another site).
 */
export function crossSiteReason(headers: RequestSiteHeaders, own: OwnOrigin): string | null {
  const site = headers.secFetchSite;
  if (site !== undefined && site !== 'same-origin') return `Sec-Fetch-Site is "${site}"`;
  if (headers.origin === undefined) {
    if (site === 'same-origin' || !looksLikeBrowser(headers.userAgent)) return null;
    return 'a browser request carries neither Origin nor Sec-Fetch-Site: same-origin';
  }
  const origin = originOf(headers.origin);
  if (origin === null) return `Origin "${headers.origin}" is not an http(s) origin`;
  if (own.publicOrigin !== undefined && origin === originOf(own.publicOrigin)) return null;
  if (headers.host !== undefined && origin === originOf(`http://${headers.host}`)) return null;
  const expected = [
    headers.host === undefined ? undefined : originOf(`http://${headers.host}`),
    own.publicOrigin === undefined ? undefined : originOf(own.publicOrigin),
  ].filter((value): value is string => typeof value === 'string');
  return `Origin "${headers.origin}" is not this server's origin (${expected.join(' or ') || 'unknown'})`;
}
