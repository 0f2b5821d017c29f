/** Why a mutating request is refused as cross-site, or null when it is same-origin. */
export function crossSiteReason(
  headers: {
    origin: string | undefined;
    secFetchSite: string | undefined;
    host: string | undefined;
  },
  publicOrigin: string | undefined,
): string | null {
  const site = headers.secFetchSite;
  if (site !== undefined && site !== 'same-origin' && site !== 'none') {
    return `Sec-Fetch-Site is "${site}"`;
  }
  if (headers.origin === undefined) return null;
  if (headers.origin === 'null') return 'Origin is "null"';
  let originHost: string;
  try {
    originHost = new URL(headers.origin).host;
  } catch {
    return `Origin "${headers.origin}" is not a URL`;
  }
  if (publicOrigin !== undefined && new URL(publicOrigin).host === originHost) return null;
  if (headers.host !== undefined && headers.host === originHost) return null;
  return `Origin "${headers.origin}" does not match host "${headers.host ?? ''}"`;
}
