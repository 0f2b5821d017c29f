import { describe, expect, it } from 'vitest';
import type { OwnOrigin, RequestSiteHeaders } from './cross-site';
import { crossSiteReason, hostRefusal } from './cross-site';

const local: OwnOrigin = { publicOrigin: undefined, host: '127.0.0.1' };
const behindProxy: OwnOrigin = { publicOrigin: 'https://ecg.example.org', host: '0.0.0.0' };
const CHROME = 'Mozilla/5.0 (X11; Linux x86_64) Chrome/126.0';

function headers(partial: Partial<RequestSiteHeaders>): RequestSiteHeaders {
  return {
    host: '127.0.0.1:8080',
    origin: undefined,
    secFetchSite: undefined,
    userAgent: undefined,
    ...partial,
  };
}

describe('hostRefusal', () => {
  it('takes IP literals, localhost, HOST and the public origin name at any port', () => {
    for (const host of [
      '127.0.0.1:8080',
      '[::1]:5173',
      '10.0.0.5',
      'localhost:8080',
      'LOCALHOST',
    ]) {
      expect(hostRefusal(host, local), host).toBeNull();
    }
    expect(hostRefusal('ecg.example.org', behindProxy)).toBeNull();
    expect(hostRefusal('ecg.example.org:443', behindProxy)).toBeNull();
    expect(
      hostRefusal('workbench.lan:8080', { publicOrigin: undefined, host: 'workbench.lan' }),
    ).toBeNull();
  });

  it('refuses any other name, a missing Host and garbage', () => {
    expect(hostRefusal('attacker.example:8080', local)).toMatch(/not this server's name/);
    expect(hostRefusal('ecg.example.org.attacker.example', behindProxy)).toMatch(/not this server/);
    expect(hostRefusal(undefined, local)).toMatch(/no Host/);
    expect(hostRefusal('a b', local)).toMatch(/not a host name/);
  });
});

describe('crossSiteReason', () => {
  it('accepts Origin equal to the request origin (scheme, host, port) or PUBLIC_ORIGIN', () => {
    expect(crossSiteReason(headers({ origin: 'http://127.0.0.1:8080' }), local)).toBeNull();
    expect(
      crossSiteReason(
        headers({ host: 'ecg.example.org', origin: 'https://ecg.example.org' }),
        behindProxy,
      ),
    ).toBeNull();
  });

  it('compares scheme and port, not only the host name', () => {
    expect(crossSiteReason(headers({ origin: 'https://127.0.0.1:8080' }), local)).toMatch(
      /not this server's origin \(http:\/\/127\.0\.0\.1:8080\)/,
    );
    expect(crossSiteReason(headers({ origin: 'http://127.0.0.1:9000' }), local)).not.toBeNull();
    expect(
      crossSiteReason(
        headers({ host: 'ecg.example.org', origin: 'http://ecg.example.org' }),
        behindProxy,
      ),
    ).toBeNull();
    expect(
      crossSiteReason(
        headers({ host: 'ecg.example.org', origin: 'https://ecg.example.org:8443' }),
        behindProxy,
      ),
    ).not.toBeNull();
  });

  it('refuses a browser request with neither Origin nor Sec-Fetch-Site: same-origin', () => {
    expect(crossSiteReason(headers({ userAgent: CHROME }), local)).toMatch(/neither Origin/);
    expect(
      crossSiteReason(headers({ userAgent: CHROME, secFetchSite: 'same-origin' }), local),
    ).toBeNull();
    expect(crossSiteReason(headers({ userAgent: CHROME, secFetchSite: 'none' }), local)).toMatch(
      /Sec-Fetch-Site is "none"/,
    );
  });

  it("lets a script without Origin through (it cannot carry a victim browser's cookie)", () => {
    expect(crossSiteReason(headers({ userAgent: 'curl/8.5.0' }), local)).toBeNull();
    expect(crossSiteReason(headers({}), local)).toBeNull();
  });

  it('refuses Origin null, non-http origins and cross-site fetch metadata', () => {
    expect(crossSiteReason(headers({ origin: 'null' }), local)).toMatch(/not an http/);
    expect(crossSiteReason(headers({ origin: 'file:///x' }), local)).toMatch(/not an http/);
    expect(crossSiteReason(headers({ secFetchSite: 'cross-site' }), local)).toMatch(/cross-site/);
  });
});
