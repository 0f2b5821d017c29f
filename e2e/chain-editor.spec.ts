/**
 * The chain editor on a real sample with its record (sample 476: complete LBBB, ECG 338): a
 * cardiologist sets a lead_grounding answer by clicking leads and makes a window option by
 * dragging on a lead; the edit autosaves, the curator's export of ptbxl.jsonl holds it and passes
 * the real `validate`. A reviewer's writes are refused by the server. Screenshot of the editor
 * with the lead question and a window being dragged.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { APIRequestContext, Page } from '@playwright/test';
import { parseTimeWindow } from '../src/domain/benchmark/options';
import type { PlotTestState } from '../src/plot/test-api';
import { SampleResponseSchema } from '../src/schemas/api/samples';
import type { BenchmarkSampleV002 } from '../src/schemas/benchmark-sample';
import { loginAs, sameOrigin } from './support/e2e-users';
import { expect, test } from './support/fixtures';
import { realSample, repoRoot } from './support/real-data';

const SAMPLE = 476;
/** Step 3 of sample 476: a lead question (notched R), then a QRS window question. */
const STEP = 2;

/** Screenshots go to SCREENS_DIR when set (looked at by people), else to the test's output. */
function screenshotPath(name: string, fallback: string): string {
  const dir = process.env['SCREENS_DIR'];
  if (!dir) return fallback;
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

const plot = (page: Page): Promise<PlotTestState> =>
  page.evaluate(() => window.__ECG_PLOT__!.getState());

/** A request context signed in as a role (its own cookies, apart from the page's). */
async function apiAs(
  playwright: { request: { newContext(o: object): Promise<APIRequestContext> } },
  baseURL: string | undefined,
  role: 'curator' | 'reviewer',
): Promise<APIRequestContext> {
  const api = await playwright.request.newContext({ baseURL });
  await loginAs(api, role);
  return api;
}

/** Puts the sample back as ptbxl.jsonl has it (runs repeat on one server); its new version. */
async function resetSample(api: APIRequestContext, publicId: string): Promise<number> {
  const current = SampleResponseSchema.parse(
    await (await api.get(`/api/samples/${publicId}`)).json(),
  );
  const original = realSample(SAMPLE);
  if (JSON.stringify(current.sample) === JSON.stringify(original)) return current.version;
  const r = await api.put(`/api/samples/${publicId}`, {
    data: { sample: original },
    headers: sameOrigin({ 'if-match': `"${current.version}"` }),
  });
  expect(r.status(), await r.text()).toBe(200);
  return SampleResponseSchema.parse(await r.json()).version;
}

/** Client point of a lead at a second, in the first cell that shows it (a rhythm strip last). */
async function leadPoint(page: Page, lead: string, tS: number) {
  const [p] = await page.evaluate(
    ([l, t]) => window.__ECG_PLOT__!.pointToClient(l as string, t as number, 0),
    [lead, tS] as const,
  );
  if (!p) throw new Error(`lead ${lead} does not show ${tS} s`);
  return p;
}

test('a cardiologist grounds a chain on the plot (leads clicked, a window dragged); it saves and exports valid', async ({
  page,
  sampleIds,
  playwright,
}, testInfo) => {
  test.setTimeout(120_000);
  const publicId = sampleIds.get(SAMPLE)!;
  const curator = await apiAs(playwright, testInfo.project.use.baseURL, 'curator');
  await resetSample(curator, publicId);
  const original = realSample(SAMPLE);
  const leadQ = original.data.reasoning[STEP]!.ecg_grounding[0]!;
  const waveQ = original.data.reasoning[STEP]!.ecg_grounding[1]!;
  expect([leadQ.question_type, waveQ.question_type]).toEqual(['lead_grounding', 'wave_grounding']);

  await loginAs(page.request, 'cardiologist');
  const csp: string[] = [];
  page.on('console', (m) => {
    if (/Content Security Policy/i.test(m.text())) csp.push(m.text());
  });
  // From the sample view, Edit (E) opens the chain editor.
  await page.goto(`/samples/${publicId}`);
  await expect(page.getByRole('button', { name: /^Edit/ })).toBeVisible({ timeout: 30_000 });
  await page.keyboard.press('e');
  await expect(page).toHaveURL(new RegExp(`/samples/${publicId}/edit$`));
  await page.waitForFunction(() => (window.__ECG_PLOT__?.getState().cells.length ?? 0) > 0, null, {
    timeout: 30_000,
  });
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved \(version \d+\)$/);

  let expectedLeads: string[] = [];
  await test.step('clicking leads sets the lead answer (Leads tool picked with the question)', async () => {
    await page.keyboard.press('j');
    await page.keyboard.press('j');
    await expect(page.getByTestId(`step-${STEP + 1}`)).toHaveAttribute('aria-current', 'step');
    // The step opens with its first grounding question, the lead question, drawn.
    await expect.poll(async () => (await plot(page)).tool).toBe('lead-pick');
    const rightLeads = async () =>
      (await plot(page)).highlights
        .filter((h) => h.role === 'right')
        .map((h) => h.lead)
        .sort();
    const before = (leadQ.answer as string[]).map((a) => a.replace('Lead ', '')).sort();
    await expect.poll(rightLeads).toEqual(before);
    const added = leadQ.options
      .map((o) => o.replace('Lead ', ''))
      .find((l) => !before.includes(l))!;
    const removed = before[0]!;
    for (const lead of [added, removed]) {
      const cell = (await plot(page)).cells.find((c) => c.lead === lead && !c.isRhythm)!;
      await page.mouse.click(cell.rect.x + cell.rect.width / 2, cell.rect.y + cell.rect.height / 3);
    }
    expectedLeads = [...before.filter((l) => l !== removed), added].sort();
    const expected = expectedLeads;
    await expect.poll(rightLeads).toEqual(expected);
    // The panel's checkboxes say the same (and are the keyboard way to toggle a lead).
    const group = page.getByRole('list', { name: `Step ${STEP + 1} grounding 1 options` });
    await expect(
      group.getByRole('checkbox', { name: new RegExp(`Lead ${added} is a right answer`) }),
    ).toBeChecked();
    await expect(
      group.getByRole('checkbox', { name: new RegExp(`Lead ${removed} is a right answer`) }),
    ).not.toBeChecked();
  });

  let made = '';
  await test.step('dragging on a lead makes a window option (overlay layer only); screenshot mid-drag', async () => {
    await page.keyboard.press('2');
    await expect.poll(async () => (await plot(page)).tool).toBe('window');
    // A second the question's options leave free, on lead aVL (3x4: its column shows 2.5-5 s).
    const taken = waveQ.options.map((o) => parseTimeWindow(o)!);
    const startS = [2.6, 3.1, 3.6, 4.1].find((t) =>
      taken.every((w) => t + 0.2 < w.startS || t > w.endS),
    )!;
    const from = await leadPoint(page, 'aVL', startS);
    const to = await leadPoint(page, 'aVL', startS + 0.16);
    const drawsBefore = (await plot(page)).draws;
    await page.mouse.move(from.x, from.y);
    await page.mouse.down();
    await page.mouse.move((from.x + to.x) / 2, from.y, { steps: 4 });
    await page.mouse.move(to.x, to.y, { steps: 4 });
    const during = (await plot(page)).draws;
    expect(during.overlays).toBeGreaterThan(drawsBefore.overlays + 2);
    expect([during.traces, during.grid]).toEqual([drawsBefore.traces, drawsBefore.grid]);
    await page.screenshot({
      path: screenshotPath(
        'chain-editor-lead-and-window-drag.png',
        testInfo.outputPath('drag.png'),
      ),
    });
    await page.mouse.up();
    const options = page.getByRole('list', { name: `Step ${STEP + 1} grounding 2 options` });
    await expect(options.getByRole('textbox')).toHaveCount(waveQ.options.length + 1);
    const texts = await options
      .getByRole('textbox')
      .evaluateAll((els) => els.map((e) => (e as HTMLInputElement).value));
    made = texts.find((t) => !waveQ.options.includes(t))!;
    const w = parseTimeWindow(made)!;
    expect(made).toMatch(/^\[\d+\.\d\ds - \d+\.\d\ds\]$/);
    expect(w.startS).toBeCloseTo(startS, 1);
    expect(w.endS - w.startS).toBeCloseTo(0.16, 1);
    // Sorted by start, the right answer still the same window.
    expect(texts).toEqual(
      [...texts].sort((a, b) => parseTimeWindow(a)!.startS - parseTimeWindow(b)!.startS),
    );
    await expect(
      options.getByRole('radio', { name: /is the right answer/, checked: true }),
    ).toHaveCount(1);
    const rightIdx = texts.indexOf(waveQ.answer[0]!);
    await expect(
      options.getByRole('radio', {
        name: `Step ${STEP + 1} grounding 2: option ${String.fromCharCode(65 + rightIdx)} is the right answer`,
      }),
    ).toBeChecked();
  });

  let saved: BenchmarkSampleV002;
  await test.step('it autosaves; the server holds the edit', async () => {
    await expect(page.getByTestId('save-status')).toHaveText(/^Saved \(version \d+\)$/, {
      timeout: 15_000,
    });
    await expect(page.getByTestId('rules-summary')).toHaveText(/Passes the rules/);
    saved = SampleResponseSchema.parse(
      await (await curator.get(`/api/samples/${publicId}`)).json(),
    ).sample;
    const lead = saved.data.reasoning[STEP]!.ecg_grounding[0]!;
    const wave = saved.data.reasoning[STEP]!.ecg_grounding[1]!;
    expect(lead.answer.map((a) => a.replace('Lead ', '')).sort()).toEqual(expectedLeads);
    expect(wave.options).toContain(made);
    expect(wave.answer).toEqual(waveQ.answer);
    expect(csp).toEqual([]);
  });

  await test.step("the curator's export holds it and passes the real validator", async () => {
    const r = await curator.get('/api/export/ptbxl.jsonl');
    expect(r.status()).toBe(200);
    const text = await r.text();
    const line = text.split('\n').find((l) => l.startsWith(`{"metadata":{"id":${SAMPLE},`))!;
    expect(JSON.parse(line)).toEqual(saved);
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-chain-'));
    try {
      const file = path.join(dir, 'ptbxl.jsonl');
      writeFileSync(file, text);
      const report = JSON.parse(
        execFileSync(
          process.execPath,
          ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'validate', '--json', file],
          { cwd: repoRoot, encoding: 'utf8' },
        ),
      ) as { valid: boolean; counts: { samples: number; errors: number } };
      expect(report.valid).toBe(true);
      expect(report.counts.errors).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
  await curator.dispose();
});

test("a reviewer's attempts to write a sample are refused by the server; the editor is read only", async ({
  page,
  sampleIds,
  playwright,
}, testInfo) => {
  const publicId = sampleIds.get(SAMPLE)!;
  const reviewer = await apiAs(playwright, testInfo.project.use.baseURL, 'reviewer');
  const current = SampleResponseSchema.parse(
    await (await reviewer.get(`/api/samples/${publicId}`)).json(),
  );
  const edited = structuredClone(current.sample);
  edited.data.initial_diagnostic_question.question += ' (reviewer)';
  const put = await reviewer.put(`/api/samples/${publicId}`, {
    data: { sample: edited },
    headers: sameOrigin({ 'if-match': `"${current.version}"` }),
  });
  const post = await reviewer.post('/api/samples', {
    data: { sample: edited },
    headers: sameOrigin(),
  });
  const resample = await reviewer.post(`/api/samples/${publicId}/resample`, {
    data: { sample: { ...edited, metadata: { ...edited.metadata, ecg_id: '1' } } },
    headers: sameOrigin({ 'if-match': `"${current.version}"` }),
  });
  for (const r of [put, post, resample]) {
    expect(r.status()).toBe(403);
    expect((await r.json()).error.code).toBe('forbidden');
  }
  const after = SampleResponseSchema.parse(
    await (await reviewer.get(`/api/samples/${publicId}`)).json(),
  );
  expect([after.version, after.sample]).toEqual([current.version, current.sample]);
  await reviewer.dispose();

  // The page (signed in as the reviewer) offers no Edit, and the editor's route reads only.
  await page.goto(`/samples/${publicId}`);
  await expect(page.getByTestId('sample-view')).toBeVisible({ timeout: 30_000 });
  await expect(page.getByRole('button', { name: /^Edit/ })).toHaveCount(0);
  await page.goto(`/samples/${publicId}/edit`);
  await expect(
    page.getByText('Read only: cardiologists and curators write sample content.'),
  ).toBeVisible({
    timeout: 30_000,
  });
  await expect(page.getByRole('textbox', { name: 'Initial question' })).toHaveAttribute(
    'readonly',
    '',
  );
});
