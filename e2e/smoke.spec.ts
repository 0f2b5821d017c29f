import { expect, test } from '@playwright/test';
import { decodeWfdbFiles } from '../src/domain/wfdb/decode-files';
import { loginAs } from './support/e2e-users';

test.describe('smoke: the real server on the e2e workspace', () => {
  test('serves the app shell', async ({ page }) => {
    const response = await page.goto('/');
    expect(response?.status()).toBe(200);
    await expect(page.locator('#root')).toBeAttached();
  });

  test('refuses the API without a session', async ({ request }) => {
    expect((await request.get('/api/samples')).status()).toBe(401);
  });

  test('signs in, reads an imported sample and fetches its WFDB record', async ({ request }) => {
    await loginAs(request, 'reviewer');

    const ecgs = await request.get('/api/ecgs?source=ptbxl&limit=500');
    expect(ecgs.status()).toBe(200);
    const withRecord = (await ecgs.json()).items.filter(
      (e: { recordAvailable: boolean }) => e.recordAvailable,
    );
    expect(withRecord.length).toBeGreaterThan(0);
    const ecg = withRecord[0] as { id: string; ecgId: string };

    const list = await request.get(`/api/samples?ecg=${ecg.id}`);
    expect(list.status()).toBe(200);
    const first = (await list.json()).items[0] as { id: string };
    const sample = await (await request.get(`/api/samples/${first.id}`)).json();
    expect(sample.sample.metadata.ecg_id).toBe(ecg.ecgId);
    expect(sample.ecg).toMatchObject({ source: 'ptbxl', ecgId: ecg.ecgId, recordAvailable: true });

    const record = await request.get(`/api/ecgs/ptbxl/${ecg.ecgId}/wfdb`);
    expect(record.status()).toBe(200);
    const { recordName, header, files } = (await record.json()) as {
      recordName: string;
      header: string;
      files: string[];
    };
    expect(recordName).toBe(`${ecg.ecgId.padStart(5, '0')}_hr`);
    expect(files).toEqual([`${recordName}.dat`]);
    const bytes = new Map<string, Uint8Array>();
    for (const file of files) {
      const response = await request.get(`/api/ecgs/ptbxl/${ecg.ecgId}/wfdb/${file}`);
      expect(response.status()).toBe(200);
      expect(response.headers()['content-type']).toBe('application/octet-stream');
      bytes.set(file, new Uint8Array(await response.body()));
    }
    bytes.set(`${recordName}.hea`, new TextEncoder().encode(header));
    const decoded = decodeWfdbFiles(bytes, recordName);
    expect(decoded.signals).toHaveLength(12);
    expect(decoded.nSamples).toBe(5000);
    expect(decoded.verified).toBe(true);

    expect(
      (await request.get(`/api/ecgs/ptbxl/${ecg.ecgId}/wfdb/${recordName}.hea`)).status(),
    ).toBe(404);
  });
});
