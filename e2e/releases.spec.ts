/**
 * Releases end to end, as a curator, on the real server with ptbxl.jsonl imported: cut A in the
 * page, fix one sample in place and re-sample another through the API, cut B; B's notes list
 * the re-sampled id under its diagnosis and source and the fixed id under fixes; the diff A..B
 * shows both; B's export passes the real validator (the CLI) and re-exports byte-identically
 * after the workspace moved on; the notes are edited and published from the keyboard.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  ReleaseDiffResponseSchema,
  ReleaseListResponseSchema,
  type Release,
} from '../src/schemas/api/releases';
import { SampleListResponseSchema, SampleResponseSchema } from '../src/schemas/api/samples';
import type { BenchmarkSampleV002 } from '../src/schemas/benchmark-sample';
import { loginAs, sameOrigin } from './support/e2e-users';
import { repoRoot } from './support/real-data';

const FIXED_ID = 7; // first_degree_av_block
const RESAMPLED_ID = 250; // second_degree_av_block
const LATER_ID = 8;

const sha256 = (text: string) => createHash('sha256').update(text, 'utf8').digest('hex');

interface Listed {
  readonly publicId: string;
  readonly metadata: BenchmarkSampleV002['metadata'];
}

async function listSamples(api: APIRequestContext): Promise<Map<number, Listed>> {
  const out = new Map<number, Listed>();
  let cursor: string | null = null;
  do {
    const query = `/api/samples?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = SampleListResponseSchema.parse(await (await api.get(query)).json());
    for (const item of page.items)
      out.set(item.metadata.id, { publicId: item.id, metadata: item.metadata });
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}

/** A curator's write through the API: fix in place (PUT) or re-sample (POST), with If-Match. */
async function write(
  api: APIRequestContext,
  publicId: string,
  kind: 'fix' | 'resample',
  change: (sample: BenchmarkSampleV002) => void,
): Promise<void> {
  const current = SampleResponseSchema.parse(
    await (await api.get(`/api/samples/${publicId}`)).json(),
  );
  const sample = structuredClone(current.sample) as BenchmarkSampleV002;
  change(sample);
  const options = {
    data: { sample },
    headers: sameOrigin({ 'if-match': String(current.version) }),
  };
  const response =
    kind === 'fix'
      ? await api.put(`/api/samples/${publicId}`, options)
      : await api.post(`/api/samples/${publicId}/resample`, options);
  expect(response.status(), await response.text()).toBe(200);
}

async function releaseNamed(api: APIRequestContext, name: string): Promise<Release> {
  const list = ReleaseListResponseSchema.parse(await (await api.get('/api/releases')).json());
  const release = list.items.find((r) => r.name === name);
  if (!release) throw new Error(`release ${name} is not listed`);
  return release;
}

/** Cuts a release from the page, keyboard only: type the name, Enter. */
async function cutInPage(page: Page, name: string): Promise<void> {
  const input = page.getByLabel('New release name');
  await input.focus();
  await page.keyboard.type(name);
  await page.keyboard.press('Enter');
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(`Release ${name}`) }),
  ).toBeVisible({
    timeout: 30_000,
  });
}

/** The app scrolls inside its panes: a tall window shows the whole page in one picture. */
async function screenshot(page: Page, file: string): Promise<void> {
  const size = page.viewportSize()!;
  await page.setViewportSize({ width: size.width, height: 2200 });
  await page.screenshot({ path: file });
  await page.setViewportSize(size);
}

async function download(api: APIRequestContext, release: Release, file: string, shape: string) {
  const response = await api.get(`/api/releases/${release.id}/export/${file}?shape=${shape}`);
  expect(response.status()).toBe(200);
  return response.text();
}

test('a curator cuts two releases, reads the generated notes and the diff, and publishes', async ({
  page,
}) => {
  test.setTimeout(180_000);
  const api = page.request;
  await loginAs(api, 'curator');
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const nameA = `A-${suffix}`;
  const nameB = `B-${suffix}`;
  const samples = await listSamples(api);
  const fixed = samples.get(FIXED_ID)!;
  const resampled = samples.get(RESAMPLED_ID)!;
  expect(fixed.metadata.target_dx).toBe('first_degree_av_block');
  expect(resampled.metadata.target_dx).toBe('second_degree_av_block');

  await page.goto('/releases');
  await cutInPage(page, nameA);
  const a = await releaseNamed(api, nameA);
  expect(a.status).toBe('draft');

  // Fix one sample in place; re-sample another onto an ECG no second-degree sample uses, taken
  // from a first-degree sample that is also labelled absent.
  await write(api, fixed.publicId, 'fix', (s) => {
    s.data.reasoning[0]!.criterion_selection.question += ' (reworded)';
  });
  const usedBySecondDegree = new Set(
    [...samples.values()]
      .filter((s) => s.metadata.target_dx === 'second_degree_av_block')
      .map((s) => s.metadata.ecg_id),
  );
  const current = SampleResponseSchema.parse(
    await (await api.get(`/api/samples/${resampled.publicId}`)).json(),
  );
  const target = [...samples.values()].find(
    (s) =>
      s.metadata.target_dx === 'first_degree_av_block' &&
      s.metadata.dx_label === current.sample.metadata.dx_label &&
      !usedBySecondDegree.has(s.metadata.ecg_id) &&
      s.metadata.ecg_id !== current.sample.metadata.ecg_id,
  )!;
  await write(api, resampled.publicId, 'resample', (s) => {
    s.metadata.ecg_id = target.metadata.ecg_id;
  });

  await cutInPage(page, nameB);
  const b = await releaseNamed(api, nameB);
  expect(b.previousRelease?.name).toBe(nameA);

  await test.step("B's notes: the re-sampled id by diagnosis and source, the fix under fixes", async () => {
    const editor = page.getByTestId('release-notes-editor');
    await expect(editor).toBeVisible();
    const notes = await editor.inputValue();
    expect(notes).toBe(b.notes);
    const resampledSection = notes.slice(
      notes.indexOf('## Re-sampled samples'),
      notes.indexOf('## Fixes in place'),
    );
    expect(resampledSection).toContain(`### second_degree_av_block\n\n- ptbxl: ${RESAMPLED_ID}\n`);
    const fixes = notes.slice(notes.indexOf('## Fixes in place'));
    expect(fixes).toContain(
      `### first_degree_av_block\n\n- ptbxl ${FIXED_ID}: data.reasoning[0].criterion_selection.question\n`,
    );
    expect(notes).toContain('## Diagnoses regenerated wholesale\n\nNone.');
  });

  await test.step('the diff A..B shows both, in the API and on the page', async () => {
    const diff = ReleaseDiffResponseSchema.parse(
      await (await api.get(`/api/releases/${a.id}/diff/${b.id}`)).json(),
    );
    expect(diff.changes.map((c) => [c.key, c.change])).toEqual([
      [`ptbxl:${FIXED_ID}`, 'edited'],
      [`ptbxl:${RESAMPLED_ID}`, 'resampled'],
    ]);
    expect(diff.changes[1]).toMatchObject({
      ecgIdBefore: current.sample.metadata.ecg_id,
      ecgIdAfter: target.metadata.ecg_id,
    });
    await expect(page.getByTestId('release-diff-summary')).toContainText(
      `From ${nameA} to ${nameB}: 1 re-sampled, 1 edited, 0 added, 0 removed`,
    );
    const second = page.getByRole('region', { name: 'Second-degree AV block' });
    await expect(second).toContainText('Re-sampled (other ECG)');
    await expect(second).toContainText(String(RESAMPLED_ID));
    const first = page.getByRole('region', { name: 'First-degree AV block' });
    await expect(first).toContainText('Edited (same ECG)');
    await second.getByText('ECGs and fields changed').click();
    await first.getByText('Fields changed').click();
    await expect(first).toContainText('data.reasoning[0].criterion_selection.question');
  });

  await test.step('the page is axe-clean; screenshot', async () => {
    const axe = await new AxeBuilder({ page }).analyze();
    expect(
      axe.violations.map(
        (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
      ),
    ).toEqual([]);
    await screenshot(page, 'test-results/releases-page.png');
  });

  const frozen = new Map<string, string>();
  await test.step("B's export passes the real validator", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-release-'));
    try {
      for (const shape of ['list', 'scalar'] as const) {
        const text = await download(api, b, 'ptbxl.jsonl', shape);
        frozen.set(shape, text);
        const file = b.files.find((f) => f.shape === shape)!;
        expect(sha256(text)).toBe(file.sha256);
        const out = path.join(dir, `${shape}.jsonl`);
        writeFileSync(out, text);
        const report = JSON.parse(
          execFileSync(
            process.execPath,
            ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'validate', '--json', out],
            { cwd: repoRoot, encoding: 'utf8' },
          ),
        ) as { valid: boolean; counts: { samples: number; errors: number } };
        expect(report.valid).toBe(true);
        expect(report.counts.samples).toBe(b.sampleCount);
      }
      frozen.set('manifest', await download(api, b, 'manifest.json', 'list'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await test.step('a save based on an old version is refused, nothing typed is lost', async () => {
    const editor = page.getByTestId('release-notes-editor');
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('\nMine.');
    // Another tab saves first.
    const theirs = `${b.notes}\nTheirs.\n`;
    const other = await api.put(`/api/releases/${b.id}/notes`, {
      data: { notes: theirs },
      headers: sameOrigin({ 'if-match': '1' }),
    });
    expect(other.status()).toBe(200);
    await page.getByRole('button', { name: 'Save notes' }).click();
    await expect(page.getByText('Someone else saved these notes since you started')).toBeVisible();
    await expect(editor).toHaveValue(`${b.notes}\nMine.`);
    await page.getByRole('button', { name: 'load their version' }).click();
    await expect(editor).toHaveValue(theirs);
  });

  await test.step('the notes are edited, then published from the keyboard and frozen', async () => {
    const editor = page.getByTestId('release-notes-editor');
    await editor.focus();
    await page.keyboard.press('Control+End');
    await page.keyboard.type('Checked by the curation board.');
    await page.getByRole('button', { name: 'Save notes' }).focus();
    await page.keyboard.press('Enter');
    await expect(page.getByText('Unsaved changes')).toBeHidden();
    expect((await releaseNamed(api, nameB)).notes).toBe(
      `${b.notes}\nTheirs.\nChecked by the curation board.`,
    );
    await page.getByRole('button', { name: 'Publish…' }).focus();
    await page.keyboard.press('Enter');
    // The confirming button takes the focus: Enter publishes.
    await expect(page.getByRole('button', { name: `Publish ${nameB}` })).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('release-notes')).toContainText('Checked by the curation board.');
    await expect(page.getByTestId('release-notes-editor')).toHaveCount(0);
    const published = await releaseNamed(api, nameB);
    expect(published.status).toBe('published');
    const refused = await api.put(`/api/releases/${b.id}/notes`, {
      data: { notes: 'late' },
      headers: sameOrigin({ 'if-match': String(published.version) }),
    });
    expect(refused.status()).toBe(409);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await screenshot(page, 'test-results/releases-published.png');
  });

  await test.step('B re-exports byte-identically after further edits to the workspace', async () => {
    await write(api, samples.get(LATER_ID)!.publicId, 'fix', (s) => {
      s.data.reasoning[0]!.criterion_selection.question += ' (later)';
    });
    for (const shape of ['list', 'scalar'] as const) {
      expect(await download(api, b, 'ptbxl.jsonl', shape)).toBe(frozen.get(shape));
    }
    expect(await download(api, b, 'manifest.json', 'list')).toBe(frozen.get('manifest'));
    const workspace = await (await api.get('/api/export/ptbxl.jsonl?version=0.0.2')).text();
    expect(workspace).not.toBe(frozen.get('list'));
  });

  await test.step('a reviewer reads releases but may not cut one', async () => {
    const reviewer = await page.context().request;
    await loginAs(reviewer, 'reviewer');
    const refusedCut = await reviewer.post('/api/releases', {
      data: { name: `R-${suffix}` },
      headers: sameOrigin(),
    });
    expect(refusedCut.status()).toBe(403);
    // Refused for the role, not for a missing Origin.
    expect(((await refusedCut.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    expect((await reviewer.get(`/api/releases/${b.id}`)).status()).toBe(200);
    // The page offers a reviewer no cut and no editor, even on a draft (A).
    await page.goto(`/releases?release=${a.id}`);
    await expect(
      page.getByRole('heading', { level: 2, name: new RegExp(`Release ${nameA}`) }),
    ).toBeVisible();
    await expect(page.getByTestId('release-notes')).toBeVisible();
    await expect(page.getByTestId('release-notes-editor')).toHaveCount(0);
    await expect(page.getByLabel('New release name')).toHaveCount(0);
    const axe = await new AxeBuilder({ page }).analyze();
    expect(axe.violations.map((v) => v.id)).toEqual([]);
    await screenshot(page, 'test-results/releases-reviewer.png');
  });
});
