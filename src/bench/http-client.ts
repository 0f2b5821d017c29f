import http from 'node:http';

/** A response read whole: status and body text. */
export interface HttpAnswer {
  status: number;
  text: string;
}

/** Sends one request; the body is a string or a readable stream (sent as it is read). */
export type HttpSend = (
  method: string,
  path: string,
  headers: Record<string, string>,
  body?: string | NodeJS.ReadableStream,
) => Promise<HttpAnswer>;

/**
 * One connection pool on loopback (keep-alive unless asked otherwise: a server stalled past its
 * keep-alive timeout closes idle sockets as they are reused, which a probe must not mistake for
 * an error). node:http instead of fetch: on these 2 shared
 * cores undici's fetch costs the load generator several times the CPU per request of node:http,
 * CPU the server then does not get.
 */
export function httpClient(port: number, maxSockets: number, keepAlive = true): HttpSend {
  const agent = new http.Agent({ keepAlive, maxSockets });
  return (method, path, headers, body) =>
    new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path,
          agent,
          headers:
            typeof body === 'string'
              ? { ...headers, 'content-length': String(Buffer.byteLength(body)) }
              : headers,
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', (e) => reject(new Error(`${method} ${path}: ${e.message}`)));
      if (body === undefined || typeof body === 'string') request.end(body);
      else body.pipe(request);
    });
}
