/**
 * The open plot, on the test-only harness page (/dev/plot-harness, in test builds only): a
 * plugin adds a tool, an overlay and keys through props alone, each plot has its own test API,
 * and dragging an overlay redraws the overlay layer only.
 */
import { expect, test, type Page } from '@playwright/test';
import type { PlotTestState } from '../src/plot/test-api';

const stateOf = (page: Page, id: string): Promise<PlotTestState> =>
  page.evaluate((plotId) => window.__ECG_PLOTS__![plotId]!.getState(), id);

/** Client point of lead II at a second in one plot (its first cell showing that time). */
async function leadII(page: Page, id: string, tS: number) {
  const [p] = await page.evaluate(
    ([plotId, t]) => window.__ECG_PLOTS__![plotId as string]!.pointToClient('II', t as number, 0),
    [id, tS] as const,
  );
  return p!;
}

async function drag(page: Page, from: { x: number; y: number }, to: { x: number; y: number }) {
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, (from.y + to.y) / 2, { steps: 4 });
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
}

/** The window the harness shows, in seconds. */
async function shownWindow(page: Page): Promise<[number, number] | null> {
  const text = (await page.getByLabel('Time window').textContent()) ?? '';
  const m = /([\d.]+)–([\d.]+) s/.exec(text);
  return m ? [Number(m[1]), Number(m[2])] : null;
}

test('a plugin adds a tool, an overlay and keys through props; dragging its overlay redraws only the overlay layer', async ({
  page,
}, testInfo) => {
  await page.goto('/dev/plot-harness');
  await page.waitForFunction(() =>
    ['harness-a', 'harness-b'].every(
      (id) => (window.__ECG_PLOTS__?.[id]?.getState().cells.length ?? 0) > 0,
    ),
  );
  // One test API per plot, by its data-plot-id; __ECG_PLOT__ is the plot mounted last.
  const a = await stateOf(page, 'harness-a');
  const b = await stateOf(page, 'harness-b');
  expect(a.plotId).toBe('harness-a');
  await expect(page.locator('[data-plot-id="harness-b"]')).toBeVisible();
  expect(
    await page.evaluate(() => window.__ECG_PLOT__ === window.__ECG_PLOTS__!['harness-b']),
  ).toBe(true);
  // The tool is the first plot's alone, after the plot's own.
  expect(a.tools.map((t) => t.id)).toEqual(['pan', 'time-caliper', 'amplitude-caliper', 'window']);
  expect(b.tools.map((t) => t.id)).toEqual(['pan', 'time-caliper', 'amplitude-caliper']);
  const plotA = page.locator('[data-plot-id="harness-a"]');
  await expect(plotA.getByRole('button', { name: /^Window/ })).toBeVisible();
  await expect(
    page.locator('[data-plot-id="harness-b"]').getByRole('button', { name: /^Window/ }),
  ).toHaveCount(0);

  // Its key picks it on the page (the second plot leaves page keys to the first).
  await page.keyboard.press('w');
  expect((await stateOf(page, 'harness-a')).tool).toBe('window');
  expect((await stateOf(page, 'harness-b')).tool).toBe('pan');
  await drag(page, await leadII(page, 'harness-a', 2), await leadII(page, 'harness-a', 3));
  await expect.poll(() => shownWindow(page)).not.toBeNull();
  let w = (await shownWindow(page))!;
  expect(w[0]).toBeCloseTo(2, 1);
  expect(w[1]).toBeCloseTo(3, 1);
  await page.keyboard.press('p');
  expect((await stateOf(page, 'harness-a')).tool).toBe('pan');

  // Drag the window by its body (a grab: in any tool) half a second to the right.
  const before = await stateOf(page, 'harness-a');
  const beforeB = await stateOf(page, 'harness-b');
  const from = await leadII(page, 'harness-a', 2.5);
  const to = await leadII(page, 'harness-a', 3);
  await page.mouse.move(from.x, from.y);
  await page.mouse.down();
  await page.mouse.move((from.x + to.x) / 2, from.y, { steps: 4 });
  // Live: the window follows the pointer before the button is released.
  await expect.poll(async () => (await shownWindow(page))![0]).toBeGreaterThan(w[0] + 0.1);
  await page.mouse.move(to.x, to.y, { steps: 4 });
  await page.mouse.up();
  await expect.poll(async () => (await shownWindow(page))![0]).toBeCloseTo(w[0] + 0.5, 1);
  w = (await shownWindow(page))!;
  expect(w[1] - w[0]).toBeCloseTo(1, 1);
  // The overlay layer drew each step of the drag; grid and traces were not drawn again.
  const after = await stateOf(page, 'harness-a');
  expect(after.draws.overlays).toBeGreaterThan(before.draws.overlays + 2);
  expect(after.draws.traces).toBe(before.draws.traces);
  expect(after.draws.grid).toBe(before.draws.grid);
  expect([after.zoom, after.panX, after.panY]).toEqual([before.zoom, before.panX, before.panY]);
  expect((await stateOf(page, 'harness-b')).draws).toEqual(beforeB.draws);
  await page.screenshot({ path: testInfo.outputPath('harness.png') });

  // The ? list names the plugin's keys beside the plot's own: one registry drives both.
  await page.getByRole('button', { name: 'All keys' }).click();
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(keys.getByRole('region', { name: 'Plot' })).toContainText('Drag out a time window');
  await expect(keys.getByRole('region', { name: 'Plot' })).toContainText('Clear the time window');
  await page.keyboard.press('Escape');
  await expect(keys).toBeHidden();

  // Its plot-focused key: X clears the window once the plot has focus.
  await page.keyboard.press('x');
  expect(await shownWindow(page)).not.toBeNull();
  await plotA.getByRole('application').focus();
  await page.keyboard.press('x');
  await expect.poll(() => shownWindow(page)).toBeNull();
});
