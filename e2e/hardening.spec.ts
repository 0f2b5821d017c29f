/**
 * The app as a browser sees it after hardening: it runs under its strict CSP (plot canvas,
 * Konva, Tailwind styles, the measurement worker), every screen passes axe, and the login page
 * and the worklist load without the plot's code.
 */
import { copyFileSync, readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test as base } from '@playwright/test';
import { generateAnswers } from '../src/testing/answer-generator';
import { importAnswers, samplesWithRecords, submitLabels } from './support/analytics-data';
import { E2E_USERS, loginAs, sameOrigin } from './support/e2e-users';
import { expect, openSample, test } from './support/fixtures';

const MEASURE_SAMPLE = 1718; // LVH, ECG 367: plot, bands and the worker's measurement

/** The built chunk that holds the sample view and the plot (from Vite's manifest). */
function plotChunk(): string {
  const manifest = JSON.parse(
    readFileSync(path.resolve(import.meta.dirname, '../dist/.vite/manifest.json'), 'utf8'),
  ) as Record<string, { file: string }>;
  const entry = manifest['src/features/samples/components/sample-view.tsx'];
  if (!entry) throw new Error('the build has no separate sample-view chunk');
  return `/${entry.file}`;
}

/** Records every script the page loads (paths) and every CSP violation it reports. */
async function watch(page: Page) {
  const scripts: string[] = [];
  page.on('response', (response) => {
    if (response.request().resourceType() === 'script')
      scripts.push(new URL(response.url()).pathname);
  });
  page.on('worker', (worker) => scripts.push(new URL(worker.url()).pathname));
  await page.addInitScript(() => {
    const seen: string[] = [];
    (window as unknown as { __cspViolations: string[] }).__cspViolations = seen;
    document.addEventListener('securitypolicyviolation', (event) =>
      seen.push(
        `${event.violatedDirective} ${event.blockedURI} ${event.sourceFile}:${event.lineNumber}`,
      ),
    );
  });
  return {
    scripts,
    violations: () =>
      page.evaluate(() => (window as unknown as { __cspViolations: string[] }).__cspViolations),
  };
}

/** axe's serious and critical violations on the page as it is now (id, impact, nodes). */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

async function screenshot(page: Page, testInfo: TestInfo, name: string): Promise<void> {
  await page.screenshot({ path: testInfo.outputPath(name) });
}

base.describe('signed out', () => {
  base(
    'the login page: CSP holds, axe passes, no plot code; signing in works under the CSP',
    async ({ page }, testInfo) => {
      const watched = await watch(page);
      const response = await page.goto('/login');
      const csp = response?.headers()['content-security-policy'] ?? '';
      expect(csp).toContain("script-src 'self'");
      expect(csp).toContain("style-src 'self'");
      await expect(page.getByRole('form', { name: 'Sign in' })).toBeVisible();
      expect(await seriousViolations(page)).toEqual([]);
      await screenshot(page, testInfo, 'login.png');

      await page.getByLabel('Username').fill(E2E_USERS.curator.username);
      await page.getByLabel('Password').fill(E2E_USERS.curator.password);
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('current-user')).toContainText(E2E_USERS.curator.username);
      expect(watched.scripts).not.toContain(plotChunk());
      expect(await watched.violations()).toEqual([]);
    },
  );
});

test('the worklist: axe passes and the plot code is not loaded until a sample opens', async ({
  page,
  sampleIds,
}, testInfo) => {
  const watched = await watch(page);
  await page.goto('/');
  await expect(page.getByRole('link', { name: /./ }).first()).toBeVisible();
  await page.waitForLoadState('networkidle');
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'worklist.png');
  expect(watched.scripts).not.toContain(plotChunk());

  await openSample(page, sampleIds, MEASURE_SAMPLE);
  expect(watched.scripts).toContain(plotChunk());
  expect(await watched.violations()).toEqual([]);
});

test('the sample view runs under the CSP: canvas, Konva, styles and the measurement worker', async ({
  page,
  sampleIds,
}, testInfo) => {
  const watched = await watch(page);
  const worker = page.waitForEvent('worker');
  await openSample(page, sampleIds, MEASURE_SAMPLE);
  expect((await worker).url()).toMatch(/measure-worker/);
  const card = page.getByTestId('step-1').getByTestId('grounding-measurement_grounding').first();
  if ((await card.getAttribute('aria-pressed')) !== 'true') await card.click();
  // The worker's answer reached the page: it ran under worker-src 'self'.
  await expect(page.getByTestId('measurement-ranges')).toContainText(/App: [RS] amplitude/);
  // Tailwind's stylesheet applied (not blocked): the header's border-b is drawn.
  const border = await page
    .locator('header')
    .first()
    .evaluate((el) => getComputedStyle(el).borderBottomWidth);
  expect(border).toBe('1px');
  // No theme colour shares a name with a utility: `text-right` only aligns (a theme colour named
  // "right" once made it colour text green too, as in the screen calibration's input).
  const reading = await page.getByRole('status', { name: 'Cursor reading' }).evaluate((el) => {
    const probe = (className: string) => {
      const span = document.createElement('span');
      span.className = className;
      el.parentElement!.append(span);
      const style = getComputedStyle(span);
      const seen = { align: style.textAlign, color: style.color };
      span.remove();
      return seen;
    };
    return {
      reading: { align: getComputedStyle(el).textAlign, color: getComputedStyle(el).color },
      slate: probe('text-slate-700').color,
      textRight: probe('text-right'),
      inherited: getComputedStyle(el.parentElement!).color,
    };
  });
  expect(reading.textRight).toEqual({ align: 'right', color: reading.inherited });
  expect(reading.reading).toEqual({ align: 'right', color: reading.slate });
  expect(await watched.violations()).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'sample-view.png');
  // The screen's other states: the next step open, and the keys dialog.
  await page.keyboard.press('j');
  await expect(page.getByTestId('step-2')).toHaveAttribute('aria-current', 'step');
  expect(await seriousViolations(page)).toEqual([]);
  await page.keyboard.press('?');
  await expect(page.getByRole('dialog', { name: 'Keyboard shortcuts' })).toBeVisible();
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'sample-view-keys.png');
});

test('the releases page runs under the CSP and passes axe: list, a draft, its files and notes', async ({
  page,
}, testInfo) => {
  await loginAs(page.request, 'curator');
  const name = `csp-${Date.now().toString(36)}`;
  const cut = await page.request.post('/api/releases', {
    data: { name },
    headers: sameOrigin(),
  });
  expect(cut.status(), await cut.text()).toBe(201);
  const watched = await watch(page);
  await page.goto('/releases');
  await page.getByRole('link', { name: new RegExp(name) }).click();
  await expect(
    page.getByRole('heading', { level: 2, name: new RegExp(`Release ${name}`) }),
  ).toBeVisible();
  // A draft: its notes open in the editor.
  await expect(page.getByTestId('release-notes-editor')).toBeVisible();
  expect(await watched.violations()).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'releases.png');
});

test('analytics runs under the CSP and passes axe: every tab with data, charts styled, the drill-down', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  test.setTimeout(180_000);
  const samples = samplesWithRecords();
  const cardiologist = await playwright.request.newContext({ baseURL });
  await loginAs(cardiologist, 'cardiologist');
  await submitLabels(cardiologist);
  await cardiologist.dispose();
  await loginAs(page.request, 'curator');
  // The analytics spec's model names, so the two specs' runs replace each other.
  await importAnswers(
    page.request,
    'alpha',
    generateAnswers(samples, { seed: 7, rightRate: 0.85, mode: 'default', model: 'alpha' }),
  );
  await importAnswers(
    page.request,
    'alpha_forced',
    generateAnswers(samples, { seed: 9, rightRate: 0.7, mode: 'forced-commit', model: 'alpha' }),
  );

  const watched = await watch(page);
  await page.goto('/analytics');
  const tab = async (name: string, chart: string, mark: string) => {
    await page.getByRole('radio', { name, exact: true }).click();
    await expect(page.getByTestId(`chart-${chart}`).locator(mark).first()).toBeVisible();
    expect(await watched.violations()).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await screenshot(page, testInfo, `analytics-${chart}.png`);
  };
  await tab('Models', 'stages', 'svg g[aria-label="bar"] rect');
  // Plot's own styles hold without its inline <style>: the chart's SVG is a block that shrinks
  // to its frame, and a tip is drawn on the plot's white background.
  const stages = page.getByTestId('chart-stages');
  const svg = stages.locator('svg[viewBox]').last();
  expect(await svg.evaluate((el) => getComputedStyle(el).maxWidth)).toBe('100%');
  await stages.locator('svg g[aria-label="bar"] rect').first().hover();
  const tip = stages.locator('svg g[aria-label="tip"] path').first();
  await expect(tip).toBeVisible();
  expect(await tip.evaluate((el) => getComputedStyle(el).fill)).toBe('rgb(255, 255, 255)');
  // A tip drawn on hover is part of the chart's image too.
  expect(await seriousViolations(page)).toEqual([]);
  expect(await stages.locator('style').count()).toBe(0);
  // A saved chart carries the same styles in a <style> of its own (a file has no page CSS).
  const svgFile = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save Accuracy per stage as SVG' }).click();
  const savedSvg = readFileSync(await (await svgFile).path(), 'utf8');
  expect(savedSvg).toMatch(/^<svg [^>]*class="wb-chart"/);
  expect(savedSvg).toContain('<style>');
  expect(savedSvg).toContain('--plot-background: white;');
  const pngFile = page.waitForEvent('download');
  await page.getByRole('button', { name: 'Save Accuracy per stage as PNG' }).click();
  const png = await (await pngFile).path();
  expect(readFileSync(png).subarray(1, 4).toString()).toBe('PNG');
  copyFileSync(png, testInfo.outputPath('saved-stages.png'));
  await tab('Forced commit', 'forced-commit', 'svg g[aria-label="dot"] circle');
  await page.getByRole('radio', { name: 'Dense labels', exact: true }).click();
  await page.getByRole('button', { name: 'Compute the measurements-only reference' }).click();
  await page
    .getByRole('combobox', { name: 'Predictor' })
    .selectOption({ label: 'measurements only (reference, 12 ECGs)' });
  await tab('Dense labels', 'label-axes-accuracy', 'svg g[aria-label="bar"] rect');
  await tab('Dataset', 'dataset-cells', 'svg g[aria-label="cell"] rect');

  // The drill-down: a failing sample of the stage chart, drawn on the plot.
  await page.getByRole('radio', { name: 'Models', exact: true }).click();
  await stages.getByText(/^Data \(/).click();
  await stages.getByRole('button', { name: 'Samples' }).first().click();
  await page.getByTestId('sample-list').getByRole('link').first().click();
  await expect(page.getByTestId('answer-drilldown')).toBeVisible();
  await page.waitForFunction(() => (window.__ECG_PLOT__?.getState().cells.length ?? 0) > 0, null, {
    timeout: 30_000,
  });
  expect(await watched.violations()).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'analytics-drilldown.png');
});

test('the plot harness runs under the CSP and passes axe', async ({ page }, testInfo) => {
  const watched = await watch(page);
  await page.goto('/dev/plot-harness');
  await page.waitForFunction(() =>
    ['harness-a', 'harness-b'].every(
      (id) => (window.__ECG_PLOTS__?.[id]?.getState().cells.length ?? 0) > 0,
    ),
  );
  expect(await watched.violations()).toEqual([]);
  expect(await seriousViolations(page)).toEqual([]);
  await screenshot(page, testInfo, 'plot-harness.png');
});
