/**
 * The app as a browser sees it after hardening: it runs under its strict CSP (plot canvas,
 * Konva, Tailwind styles, the measurement worker), every screen passes axe, and the login page
 * and the worklist load without the plot's code.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import AxeBuilder from '@axe-core/playwright';
import type { Page, TestInfo } from '@playwright/test';
import { test as base } from '@playwright/test';
import { E2E_USERS } from './support/e2e-users';
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
