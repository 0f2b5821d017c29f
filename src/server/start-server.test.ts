import { mkdirSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { testConfig } from '../testing/api-harness';
import { makeTempDir } from '../testing/test-database';
import type { RunningServer } from './start-server';
import { startServer } from './start-server';

describe('the served app over HTTP', () => {
  const data = makeTempDir();
  const dist = makeTempDir('ecg-dist-');
  let server: RunningServer;
  let base = '';

  beforeAll(async () => {
    mkdirSync(path.join(dist.dir, 'assets'));
    mkdirSync(path.join(dist.dir, '.vite'));
    writeFileSync(path.join(dist.dir, 'index.html'), '<!doctype html><div id="root"></div>');
    writeFileSync(path.join(dist.dir, 'assets', 'app.js'), 'console.log(1);\n');
    writeFileSync(path.join(dist.dir, 'assets', 'app.js.map'), '{"sources":["secret.ts"]}');
    writeFileSync(path.join(dist.dir, '.vite', 'manifest.json'), '{}');
    server = await startServer(testConfig(data.dir, undefined), () => {}, dist.dir);
    base = `http://127.0.0.1:${server.port}`;
  });
  afterAll(async () => {
    await server.close();
    data.remove();
    dist.remove();
  });

  it('sends CSP, framing, referrer and nosniff headers on HTML, JS and JSON', async () => {
    for (const [url, type] of [
      ['/', 'text/html'],
      ['/samples/abc', 'text/html'],
      ['/assets/app.js', 'javascript'],
      ['/api/session', 'application/json'],
    ] as const) {
      const response = await fetch(`${base}${url}`);
      expect(response.headers.get('content-type'), url).toContain(type);
      const csp = response.headers.get('content-security-policy') ?? '';
      expect(csp, url).toContain("default-src 'self'");
      expect(csp, url).toContain("script-src 'self'");
      expect(csp, url).toContain("frame-ancestors 'none'");
      expect(csp, url).not.toContain('unsafe');
      expect(response.headers.get('x-frame-options'), url).toBe('DENY');
      expect(response.headers.get('referrer-policy'), url).toBe('no-referrer');
      expect(response.headers.get('x-content-type-options'), url).toBe('nosniff');
      // Plain http here: no HSTS (it is for an https PUBLIC_ORIGIN).
      expect(response.headers.get('strict-transport-security'), url).toBeNull();
    }
  });

  it('serves no source map and no build bookkeeping', async () => {
    expect((await fetch(`${base}/assets/app.js`)).status).toBe(200);
    const map = await fetch(`${base}/assets/app.js.map`);
    expect(map.status).toBe(404);
    expect(await map.text()).not.toContain('secret.ts');
    expect((await fetch(`${base}/.vite/manifest.json`)).status).toBe(404);
  });

  it('refuses a Host that is not the server, for pages too (DNS rebinding)', async () => {
    const answer = await new Promise<string>((resolve, reject) => {
      const socket = net.connect(server.port, '127.0.0.1', () => {
        socket.write(
          'GET / HTTP/1.1\r\nHost: rebind.attacker.example\r\nConnection: close\r\n\r\n',
        );
      });
      let text = '';
      socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
      socket.on('end', () => resolve(text));
      socket.on('error', reject);
    });
    expect(answer).toMatch(/^HTTP\/1\.1 421 /);
    expect(answer).not.toContain('id="root"');
  });

  it('logs a client that hangs up mid-body in one line, no stack trace', async () => {
    const lines: string[] = [];
    const original = process.stderr.write.bind(process.stderr);
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((text, ...rest) => {
      lines.push(String(text));
      return original(text as string, ...(rest as []));
    });
    try {
      await new Promise<void>((resolve, reject) => {
        const socket = net.connect(server.port, '127.0.0.1', () => {
          socket.write(
            'POST /api/session HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n' +
              'Content-Length: 1000\r\n\r\n{"username":"ad',
            () => setImmediate(() => socket.destroy()),
          );
        });
        socket.on('close', () => resolve());
        socket.on('error', reject);
      });
      await vi.waitFor(() => expect(lines.join('')).toContain('/api/session'), { timeout: 10_000 });
    } finally {
      spy.mockRestore();
    }
    const text = lines.join('');
    expect(text.trim().split('\n')).toHaveLength(1);
    expect(text).toMatch(/^POST \/api\/session: The request body was not received whole/);
    expect(text).not.toMatch(/\n\s+at /);
  });
});
