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
import { AxeBuilder } from '@axe-core/playwright';
import type { APIRequestContext, Page } from '@playwright/test';
import { parseTimeWindow } from '../src/domain/benchmark/options';
import type { PlotTestState } from '../src/plot/test-api';
import { SampleResponseSchema } from '../src/schemas/api/samples';
import type { BenchmarkSampleV002 } from '../src/schemas/benchmark-sample';
import { withE2eDatabase } from './support/e2e-database';
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

  await test.step('the keyboard too: E goes to the drawn answers, Space toggles; A accepts the engine', async () => {
    // Step 3's lead question by keyboard: toggle the first option off and on again. (The plot
    // has focus since the drag, where 1 is its true size: leave it first.)
    await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
    await page.keyboard.press('1');
    await page.keyboard.press('e');
    const first = page
      .getByRole('list', { name: `Step ${STEP + 1} grounding 1 options` })
      .getByRole('checkbox')
      .first();
    await expect(first).toBeFocused();
    const was = await first.isChecked();
    await page.keyboard.press('Space');
    await expect(first).toBeChecked({ checked: !was });
    await page.keyboard.press('Space');
    await expect(first).toBeChecked({ checked: was });
    // Step 1's QRS measurement: choose another range, then A takes the engine's.
    await page.keyboard.press('k');
    await page.keyboard.press('k');
    await page.keyboard.press('2');
    const proposal = page.getByTestId('measurement-proposal');
    await expect(proposal).toContainText(/Engine: \d+ ms →/);
    const ranges = page.getByRole('list', { name: 'Step 1 grounding 2 options' });
    const chosen = await ranges
      .getByRole('radio')
      .evaluateAll((els) => els.findIndex((e) => (e as HTMLInputElement).checked));
    await ranges
      .getByRole('radio')
      .nth(chosen === 0 ? 1 : 0)
      .check();
    await expect(proposal.getByRole('button', { name: /Accept/ })).toBeVisible();
    await page.keyboard.press('a');
    await expect(proposal).toContainText('✓ the answer');
    const accepted = await ranges
      .getByRole('radio')
      .evaluateAll((els) => els.findIndex((e) => (e as HTMLInputElement).checked));
    await expect(proposal).toContainText(`→ ${String.fromCharCode(65 + accepted)} `);
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
    // The QRS range is the engine's (accepted with A), whichever it is.
    const qrs = saved.data.reasoning[0]!.ecg_grounding[1]!;
    await expect(page.getByTestId('measurement-proposal')).toContainText(qrs.answer[0]!);
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

test('a 412 opens the merge view: their one-sided change merged, the clash chosen, both kept (screenshot)', async ({
  page,
  sampleIds,
  playwright,
}, testInfo) => {
  test.setTimeout(90_000);
  const publicId = sampleIds.get(SAMPLE)!;
  const curator = await apiAs(playwright, testInfo.project.use.baseURL, 'curator');
  await resetSample(curator, publicId);
  await loginAs(page.request, 'cardiologist');
  await page.goto(`/samples/${publicId}/edit`);
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved \(version \d+\)$/, {
    timeout: 30_000,
  });
  // Another person saves first: the initial question and step 1's finding reworded.
  const current = SampleResponseSchema.parse(
    await (await curator.get(`/api/samples/${publicId}`)).json(),
  );
  const theirs = structuredClone(current.sample);
  theirs.data.initial_diagnostic_question.question = 'Their initial question?';
  theirs.data.reasoning[0]!.finding_identification.question = 'Their finding question?';
  const put = await curator.put(`/api/samples/${publicId}`, {
    data: { sample: theirs },
    headers: sameOrigin({ 'if-match': `"${current.version}"` }),
  });
  expect(put.status()).toBe(200);
  // I reword the initial question too, on the version I opened.
  const initial = page.getByRole('textbox', { name: 'Initial question' });
  await initial.fill('My initial question?');
  const merge = page.getByRole('region', { name: 'Merge view' });
  await expect(merge).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('save-status')).toHaveText(
    /^Conflict: version \d+ was saved elsewhere/,
  );
  await expect(merge).toContainText(
    'Their changes to Step 1 finding are kept. Both of you changed 1 part: choose for each.',
  );
  await expect(merge.getByRole('group', { name: 'Initial question' })).toContainText(
    'Their initial question?',
  );
  await page.screenshot({
    path: screenshotPath('chain-editor-merge-view.png', testInfo.outputPath('merge.png')),
  });
  await merge.getByRole('radio', { name: /^Mine:/ }).check();
  await merge.getByRole('button', { name: 'Save the merge' }).click();
  await expect(merge).toBeHidden();
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved \(version \d+\)$/, {
    timeout: 15_000,
  });
  const after = SampleResponseSchema.parse(
    await (await curator.get(`/api/samples/${publicId}`)).json(),
  );
  expect(after.sample.data.initial_diagnostic_question.question).toBe('My initial question?');
  expect(after.sample.data.reasoning[0]!.finding_identification.question).toBe(
    'Their finding question?',
  );
  await resetSample(curator, publicId);
  await curator.dispose();
});

test("a new sample on this ECG from another sample's skeleton, grounding recomputed, opens in the editor", async ({
  page,
  sampleIds,
}, testInfo) => {
  test.setTimeout(90_000);
  const publicId = sampleIds.get(SAMPLE)!;
  await loginAs(page.request, 'cardiologist');
  // From the ECG page (where the cardiologist labels): each sample on the ECG opens in the editor.
  await page.goto('/ecgs/ptbxl/338');
  // Listed as people write them: the diagnosis by name, the label as present or absent.
  await expect(
    page.getByRole('link', { name: `${SAMPLE} (Complete left bundle branch block: present)` }),
  ).toBeVisible();
  await page.screenshot({
    path: screenshotPath('ecg-page-samples.png', testInfo.outputPath('ecg-page-samples.png')),
  });
  await page.getByRole('link', { name: `Edit the chain of sample ${SAMPLE}` }).click();
  await expect(page).toHaveURL(new RegExp(`/samples/${publicId}/edit$`));
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved/, { timeout: 30_000 });
  await page.getByRole('button', { name: 'Chains of this ECG' }).click();
  const chains = page.getByRole('region', { name: 'Reasoning chains of this ECG' });
  await expect(chains).toContainText(`ptbxl:${SAMPLE}`);
  await chains.getByRole('button', { name: /New sample on this ECG/ }).click();
  const form = page.getByRole('form', { name: 'New sample from a skeleton' });
  // A CRBBB skeleton (sample 656's cell) on this LBBB ECG: the questions of its path, grounded here.
  await form.getByLabel('Diagnosis').selectOption('complete_right_bundle_branch_block');
  await form.getByLabel('Label').selectOption('yes');
  await form.getByLabel('Path').selectOption('1');
  await form.getByRole('button', { name: 'Prepare' }).click();
  const preview = page.getByTestId('skeleton-preview');
  await expect(preview).toContainText(/grounding questions recomputed on ECG 338/);
  await preview.getByRole('button', { name: 'Create the sample and edit it' }).click();
  await expect(page).not.toHaveURL(new RegExp(`/samples/${publicId}/edit$`));
  await expect(page).toHaveURL(/\/samples\/[0-9a-z]{26}\/edit$/);
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    'Complete right bundle branch block',
  );
  await expect(page.getByTestId('rules-summary')).toHaveText(/Passes the rules/);
  const newId = page.url().split('/').at(-2)!;
  try {
    const created = SampleResponseSchema.parse(
      await (await page.request.get(`/api/samples/${newId}`)).json(),
    );
    expect(created.sample.metadata).toMatchObject({
      data_source: 'ptbxl',
      ecg_id: '338',
      target_dx: 'complete_right_bundle_branch_block',
      dx_label: true,
      path_idx: 1,
    });
    expect(created.sample.metadata.id).toBeGreaterThanOrEqual(3084);
    expect(created.version).toBe(1);
  } finally {
    // The other specs on this server count the real samples (the worklist's totals): the new one
    // goes (the app has no delete; its audit entries stay, as they would).
    await withE2eDatabase(async (db) => {
      for (const table of ['sample_preflags', 'sample_preflag_checks', 'sample_revisions'] as const)
        await db.deleteFrom(table).where('sample_pk', '=', newId).execute();
      await db.deleteFrom('samples').where('id', '=', newId).execute();
    });
  }
});

test('the chain editor is axe-clean', async ({ page, sampleIds }) => {
  await loginAs(page.request, 'cardiologist');
  await page.goto(`/samples/${sampleIds.get(SAMPLE)!}/edit`);
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved/, { timeout: 30_000 });
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
});
