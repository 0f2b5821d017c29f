import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from './env';

const at = (relative: string) => path.resolve('/srv/app', relative);

describe('loadConfig', () => {
  it('gives the documented defaults on an empty environment', () => {
    const config = loadConfig({}, [], at);
    expect(config).toEqual({
      port: 8080,
      host: '127.0.0.1',
      dataDir: '/srv/app/data',
      databaseUrl: undefined,
      recordsDir: undefined,
      demo: false,
      publicOrigin: undefined,
      secureCookies: false,
      trustProxy: false,
      importLeaseMs: 30_000,
    });
  });

  it('reads every setting and resolves paths against cwd', () => {
    const config = loadConfig(
      {
        PORT: '9001',
        HOST: '0.0.0.0',
        DATA_DIR: 'var/db',
        DATABASE_URL: 'postgres://u:p@localhost:5432/ecg',
        RECORDS_DIR: '/mnt/ptbxl',
        DEMO: 'true',
        PUBLIC_ORIGIN: 'https://ecg.example.org',
        TRUST_PROXY: '1',
        IMPORT_LEASE_MS: '2000',
        UNRELATED: 'x',
      },
      [],
      at,
    );
    expect(config.port).toBe(9001);
    expect(config.host).toBe('0.0.0.0');
    expect(config.dataDir).toBe('/srv/app/var/db');
    expect(config.databaseUrl).toBe('postgres://u:p@localhost:5432/ecg');
    expect(config.recordsDir).toBe('/mnt/ptbxl');
    expect(config.demo).toBe(true);
    expect(config.secureCookies).toBe(true);
    expect(config.trustProxy).toBe(true);
    expect(config.importLeaseMs).toBe(2000);
  });

  it('turns demo mode on with the --demo argument', () => {
    expect(loadConfig({}, ['--demo'], at).demo).toBe(true);
    expect(loadConfig({ DEMO: '0' }, [], at).demo).toBe(false);
  });

  it('names each bad setting with its value and the reason', () => {
    let error: unknown;
    try {
      loadConfig({ PORT: '80a', DATABASE_URL: 'mysql://x', DEMO: 'maybe' }, [], at);
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(ConfigError);
    const problems = (error as ConfigError).problems;
    expect(problems).toHaveLength(3);
    expect(problems.find((line) => line.startsWith('PORT="80a"'))).toMatch(/whole number/);
    expect(problems.find((line) => line.startsWith('DATABASE_URL="mysql://x"'))).toMatch(
      /PostgreSQL URL/,
    );
    expect(problems.find((line) => line.startsWith('DEMO="maybe"'))).toBeDefined();
  });

  it('refuses a port out of range', () => {
    expect(() => loadConfig({ PORT: '70000' }, [], at)).toThrow(
      /PORT="70000": must be a whole number/,
    );
  });
});
