import type { MiddlewareHandler } from 'hono';
import { secureHeaders } from 'hono/secure-headers';
import type { AppConfig } from '../../config/env';
import type { OwnOrigin } from '../auth/cross-site';
import { hostRefusal } from '../auth/cross-site';
import { errorBody } from '../routes/mount-routes';

/**
 * The Content-Security-Policy of every response: scripts, styles, workers and connections from
 * this origin only (no inline script or style, no eval), images also as data: URLs (the
 * favicon, canvas read-backs) and blob: URLs (a chart's SVG drawn into its PNG), no plugins, no <base>, forms post here, and no framing.
 */
export const CONTENT_SECURITY_POLICY = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  styleSrc: ["'self'"],
  // blob: for the charts' PNGs, drawn from an SVG blob this page made.
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'"],
  connectSrc: ["'self'"],
  workerSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'none'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/**
 * Security headers on every response (HTML, JS, JSON, record files): the CSP above, framing
 * refused (X-Frame-Options DENY too, for browsers without frame-ancestors), no Referer sent,
 * nosniff, same-origin resource and opener policies; HSTS only when the public origin is https.
 */
export function securityHeaders(config: AppConfig): MiddlewareHandler {
  return secureHeaders({
    contentSecurityPolicy: CONTENT_SECURITY_POLICY,
    xFrameOptions: 'DENY',
    referrerPolicy: 'no-referrer',
    strictTransportSecurity: config.secureCookies ? 'max-age=15552000; includeSubDomains' : false,
    permissionsPolicy: { camera: [], microphone: [], geolocation: [] },
  });
}

/**
 * Refuses (421) a request whose Host is not one of the server's own names, before anything
 * else runs: a page on another name that resolves to this server (DNS rebinding) gets nothing.
 */
export function hostCheck(own: OwnOrigin): MiddlewareHandler {
  return async (c, next) => {
    const reason = hostRefusal(c.req.header('host') ?? new URL(c.req.url).host, own);
    if (reason === null) return next();
    return c.json(errorBody('wrong_host', `Request refused: ${reason}.`), 421);
  };
}
