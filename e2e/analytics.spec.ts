/**
 * Analytics over real samples: import answers of two models (and a forced-commit run) as a
 * results folder, read the stage chart, open a failing sample from a bar, see the model's
 * window beside the right one on the plot, download the chart's CSV. Screenshots of each chart
 * and of the drill-down go to SCREENS_DIR (or the test's output folder).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Page } from '@playwright/test';
import { AnswerSetEvaluator } from '../src/domain/evaluation/answer-set';
import { generateAnswers } from '../src/testing/answer-generator';
import { expect, test } from './support/fixtures';
import type { AnalyticsSample } from './support/analytics-data';
import { NORMAL_LABEL, samplesWithRecords, submitLabels } from './support/analytics-data';
import { loginAs } from './support/e2e-users';

const WAVE_SAMPLE = 476; // LBBB, ECG 338: its first loop with grounding has a wave question

interface Wave {
  question_type: string;
  answer: string | string[];
  options: string[];
  model_response?: string;
}

/** Samples whose records are in ../shared (the drill-down draws their ECG). */
const samples = samplesWithRecords();

function firstWave(answer: AnalyticsSample): Wave {
  const loops = (answer['data'] as { reasoning: { ecg_grounding: Wave[] }[] }).reasoning;
  return loops.flatMap((l) => l.ecg_grounding).find((g) => g.question_type === 'wave_grounding')!;
}

const models = {
  alpha: generateAnswers(samples, { seed: 7, rightRate: 0.85, mode: 'default', model: 'alpha' }),
  beta: generateAnswers(samples, { seed: 8, rightRate: 0.55, mode: 'default', model: 'beta' }),
  alpha_forced: generateAnswers(samples, {
    seed: 9,
    rightRate: 0.7,
    mode: 'forced-commit',
    model: 'alpha',
  }),
};
// Beta answers sample 476's first wave question with another window; alpha answers it right.
const byId = (answers: typeof models.beta) =>
  answers.find((a) => (a.value as AnalyticsSample).metadata.id === WAVE_SAMPLE)!
    .value as AnalyticsSample;
const betaWave = firstWave(byId(models.beta));
const rightWindow = typeof betaWave.answer === 'string' ? betaWave.answer : betaWave.answer[0]!;
const wrongWindow = betaWave.options.find((o) => o !== rightWindow)!;
betaWave.model_response = wrongWindow;
firstWave(byId(models.alpha)).model_response = rightWindow;

const windowSeconds = (text: string) =>
  text
    .slice(1, -1)
    .split(' - ')
    .map((t) => Number(t.replace('s', '')));

function screenshotPath(name: string): string {
  const dir = process.env['SCREENS_DIR'] ?? path.join('test-results', 'analytics-screens');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** Hovers each bar of a chart until its tip names the model and the stage, then clicks it. */
async function clickBar(page: Page, chart: string, words: readonly string[]): Promise<void> {
  const bars = page.locator(`[data-testid="${chart}"] svg g[aria-label="bar"] rect`);
  const count = await bars.count();
  for (let i = 0; i < count; i++) {
    await bars.nth(i).hover();
    const tip = page.locator(`[data-testid="${chart}"] svg g[aria-label="tip"]`);
    const text = (await tip.textContent()) ?? '';
    if (words.every((w) => text.includes(w))) {
      await bars.nth(i).click();
      return;
    }
  }
  throw new Error(`no bar of ${chart} shows ${words.join(', ')}`);
}

let root = '';

test.beforeAll(() => {
  root = mkdtempSync(path.join(os.tmpdir(), 'ecg-e2e-answers-'));
  for (const [model, answers] of Object.entries(models)) {
    for (const a of answers) {
      const m = (a.value as AnalyticsSample).metadata;
      const dir = path.join(root, 'results', model, 'ptbxl', m.target_dx);
      mkdirSync(dir, { recursive: true });
      writeFileSync(path.join(dir, `${m.id}.json`), JSON.stringify(a.value, null, 4));
    }
  }
  // A lock file left by an interrupted run: reported, not sent.
  writeFileSync(
    path.join(root, 'results', 'beta', 'ptbxl', 'complete_left_bundle_branch_block', '99999.json'),
    '',
  );
});
test.afterAll(() => rmSync(root, { recursive: true, force: true }));

test('import two models, read the stage chart, open a failing sample from a bar, download the CSV', async ({
  page,
}) => {
  await loginAs(page.request, 'curator');
  await page.goto('/analytics');
  await page.getByLabel('Results folder').setInputFiles(path.join(root, 'results'));
  const results = page.getByRole('list', { name: 'Import results' });
  await expect(results).toContainText(`alpha: imported ${samples.length} default`, {
    timeout: 60_000,
  });
  await expect(results).toContainText(`alpha_forced: imported ${samples.length} forced-commit`, {
    timeout: 60_000,
  });
  await expect(results).toContainText(`beta: imported ${samples.length} default; 1 left out`, {
    timeout: 60_000,
  });
  await expect(page.getByRole('table', { name: 'Model runs' })).toContainText('alpha_forced');

  // The stage chart: a bar per model and stage, and the figures the evaluator computes.
  const evaluator = new AnswerSetEvaluator('ptbxl');
  for (const [model, answers] of Object.entries(models))
    for (const a of answers) evaluator.addValue(model, a.value, { file: '', lineNumber: null });
  const beta = evaluator.poolsOf('default').find((p) => p.model === 'beta')!.pool.total;
  const stages = page.getByTestId('chart-stages');
  await expect(stages.locator('svg g[aria-label="bar"] rect')).toHaveCount(2 * 6);
  await stages.getByText(/^Data \(/).click();
  const waveRow = stages.locator('tr', { hasText: 'beta' }).filter({ hasText: 'wave_grounding' });
  const wave = beta.stages.wave_grounding;
  await expect(waveRow).toContainText(`${((wave.correct / wave.total) * 100).toFixed(1)}%`);
  await expect(waveRow).toContainText(String(wave.total));
  await stages.getByText(/^Data \(/).click();

  for (const chart of ['headline', 'stages', 'per-diagnosis-idq', 'funnel']) {
    await page
      .getByTestId(`chart-${chart}`)
      .screenshot({ path: screenshotPath(`chart-${chart}.png`) });
  }

  // A failing sample from beta's wave bar.
  await clickBar(page, 'chart-stages', ['beta', 'wave']);
  const list = page.getByTestId('sample-list');
  await expect(list).toContainText('beta: wave wrong');
  await page.screenshot({ path: screenshotPath('analytics-models.png') });
  await page.keyboard.press('Escape');
  await expect(list).toBeHidden();
  await clickBar(page, 'chart-stages', ['beta', 'wave']);
  await list.getByRole('link', { name: new RegExp(`#${WAVE_SAMPLE}\\b`) }).click();
  await expect(page.getByTestId('answer-drilldown')).toBeVisible();
  await page.waitForFunction(() => (window.__ECG_PLOT__?.getState().bands.length ?? 0) >= 2, null, {
    timeout: 30_000,
  });
  const bands = await page.evaluate(() => window.__ECG_PLOT__!.getState().bands);
  const [rs, re] = windowSeconds(rightWindow);
  const [ws, we] = windowSeconds(wrongWindow);
  expect(bands.map((b) => [b.role, b.startS, b.endS])).toEqual([
    ['right', rs, re],
    ['selected', ws, we],
  ]);
  expect(bands.every((b) => b.pieces.length > 0)).toBe(true);
  await expect(page.locator('[aria-current="step"]')).toContainText('✗ wrong');
  await expect(page.locator('[aria-current="step"]')).toContainText(wrongWindow);
  await page.screenshot({ path: screenshotPath('drilldown.png') });

  // Back to the charts: the forced-commit curves, the dataset, and the stage chart's CSV.
  await page.getByRole('link', { name: '← Analytics' }).click();
  await page.getByRole('radio', { name: 'Forced commit' }).click();
  await expect(
    page.getByTestId('chart-forced-commit').locator('svg g[aria-label="dot"] circle').first(),
  ).toBeVisible();
  await page
    .getByTestId('chart-forced-commit')
    .screenshot({ path: screenshotPath('chart-forced-commit.png') });
  await page.getByRole('radio', { name: 'Dataset' }).click();
  await expect(
    page.getByTestId('chart-dataset-cells').locator('svg g[aria-label="cell"] rect').first(),
  ).toBeVisible();
  await page
    .getByTestId('chart-dataset-cells')
    .screenshot({ path: screenshotPath('chart-dataset-cells.png') });
  await page.getByRole('radio', { name: 'Dense labels' }).click();
  await page.screenshot({ path: screenshotPath('analytics-labels-empty.png') });
  await page.getByRole('radio', { name: 'Models' }).click();

  const download = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save the data of Accuracy per stage as CSV' }).click();
  const file = await (await download).path();
  const csv = readFileSync(file, 'utf8').trim().split('\n');
  expect(csv[0]).toBe('model,stage,accuracy,correct,total,chance');
  expect(csv).toContain(
    `beta,wave_grounding,${wave.correct / wave.total},${wave.correct},${wave.total},0.25`,
  );
  const png = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save Accuracy per stage as PNG' }).click();
  expect((await png).suggestedFilename()).toBe('stages.png');
});

test('score predicted dense labels and the measurements-only reference against submitted labels', async ({
  page,
  playwright,
  baseURL,
}) => {
  // A cardiologist submits labels for ECGs with records: alternating rates, sinus, no findings.
  const api = await playwright.request.newContext({ baseURL });
  await loginAs(api, 'cardiologist');
  const ecgs = await submitLabels(api);
  await api.dispose();

  await loginAs(page.request, 'curator');
  await page.goto('/analytics');
  await page.getByRole('radio', { name: 'Dense labels' }).click();
  const lines = ecgs
    .map((e) => JSON.stringify({ data_source: 'ptbxl', ecg_id: e.ecgId, label: NORMAL_LABEL }))
    .join('\n');
  await page.getByLabel('Predicted labels (JSONL)').setInputFiles({
    name: 'all-normal.jsonl',
    mimeType: 'application/x-ndjson',
    buffer: Buffer.from(`${lines}\n`),
  });
  await page.getByRole('button', { name: 'Import labels' }).click();
  await expect(
    page.getByRole('status').filter({ hasText: 'Imported 12 predictions as "all-normal"' }),
  ).toBeVisible();
  const axes = page.getByTestId('chart-label-axes-accuracy');
  await expect(axes.locator('svg g[aria-label="bar"] rect')).toHaveCount(14);
  await axes.getByText(/^Data \(/).click();
  // All-normal on rate: right on the 8 normal-rate ECGs, as the majority baseline.
  await expect(
    axes.locator('tr', { hasText: 'predictor' }).filter({ hasText: /^rate/ }),
  ).toContainText('66.7%');
  await axes.getByText(/^Data \(/).click();
  await page
    .getByTestId('chart-confusion-rhythm')
    .screenshot({ path: screenshotPath('chart-confusion.png') });

  await page.getByRole('button', { name: 'Compute the measurements-only reference' }).click();
  await page
    .getByRole('combobox', { name: 'Predictor' })
    .selectOption({ label: 'measurements only (reference, 12 ECGs)' });
  await expect(page.getByText('12 ECGs scored against')).toBeVisible();
  await page.getByRole('radio', { name: 'rate', exact: true }).click();
  const confusion = page.getByTestId('chart-confusion-rate');
  const cells = confusion.locator('svg g[aria-label="cell"] rect');
  await cells.first().click();
  await expect(page.getByTestId('ecg-list')).toContainText('rate: truth');
  for (const chart of ['label-axes-accuracy', 'findings-per-ecg', 'confusion-rate']) {
    await page
      .getByTestId(`chart-${chart}`)
      .screenshot({ path: screenshotPath(`chart-${chart}.png`) });
  }
  await page.screenshot({ path: screenshotPath('analytics-labels.png'), fullPage: true });
});
