/** The sample view over real samples and records: steps, groundings drawn, keys, missing records. */
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { countSamples, expect, openSample, plotState, test } from './support/fixtures';
import { realSample, realSamples, ptbxlRecordBase, readRecord } from './support/real-data';

const WAVE_SAMPLE = 476; // LBBB, ECG 338: wave, measurement and lead grounding
const LEAD_SAMPLE = 1900; // anterior MI, ECG 181: lead grounding in step 1
const MEASURE_SAMPLE = 1718; // LVH, ECG 367: R/S amplitude measurement grounding

/** Screenshots go to SCREENS_DIR when set (looked at by people), else to the test's output. */
function screenshotPath(name: string, fallback: string): string {
  const dir = process.env['SCREENS_DIR'];
  if (!dir) return fallback;
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

test('] opens the next sample in the same plot: its record was fetched ahead, the canvas is kept', async ({
  page,
  sampleIds,
}) => {
  // The first two samples in list order whose PTB-XL records are in ../shared.
  const hasRecord = (id: number) =>
    existsSync(`${ptbxlRecordBase(realSample(id).metadata.ecg_id)}.hea`);
  const ordered = [...sampleIds.keys()];
  const at = ordered.findIndex((id, i) => hasRecord(id) && hasRecord(ordered[i + 1] ?? -1));
  expect(at).toBeGreaterThanOrEqual(0);
  const [here, next] = [ordered[at]!, ordered[at + 1]!];
  const recordName = (id: number) => `${realSample(id).metadata.ecg_id.padStart(5, '0')}_hr`;
  expect(recordName(next)).not.toBe(recordName(here));
  // The record the plot shows (none while no plot is mounted).
  const shown = () => page.evaluate(() => window.__ECG_PLOT__?.getState().recordName ?? null);

  await openSample(page, sampleIds, here);
  await expect.poll(shown).toBe(recordName(here));
  await page.waitForLoadState('networkidle');
  await page.evaluate(() => {
    (window as { keptCanvas?: Element | null }).keptCanvas = document.querySelector(
      '[data-testid="ecg-plot"] canvas',
    );
  });
  await page.keyboard.press(']');
  await expect(page.getByRole('heading', { level: 1 })).toContainText(`Sample ${next} `);
  await expect.poll(shown).toBe(recordName(next));
  expect(
    await page.evaluate(
      () =>
        (window as { keptCanvas?: Element | null }).keptCanvas ===
        document.querySelector('[data-testid="ecg-plot"] canvas'),
    ),
  ).toBe(true);
  // The swapped-in record is drawn: ink where its lead II peaks in the first 2.5 s.
  const record = readRecord(ptbxlRecordBase(realSample(next).metadata.ecg_id));
  const ii = record.signals.find((x) => x.name === 'II')!.mv;
  let peak = 0;
  for (let i = 0; i < 2.5 * record.fsHz; i++) if (ii[i]! > ii[peak]!) peak = i;
  const points = await page.evaluate(
    ([t, mv]) => window.__ECG_PLOT__!.pointToClient('II', t!, mv!),
    [peak / record.fsHz, ii[peak]!],
  );
  expect(points.length).toBeGreaterThan(0);
  for (const p of points)
    expect(
      await page.evaluate(([x, y]) => window.__ECG_PLOT__!.traceInkAt(x!, y!, 2), [p.x, p.y]),
    ).toBeGreaterThan(0.5);
});

test('a sample whose record is missing shows a clear message where the plot would be, and all its text', async ({
  page,
  sampleIds,
}) => {
  const sample = realSamples().find(
    (s) => !existsSync(`${ptbxlRecordBase(s.metadata.ecg_id)}.hea`),
  )!;
  await openSample(page, sampleIds, sample.metadata.id, { expectPlot: false });
  await expect(page.getByTestId('record-message')).toContainText('No ECG record for this sample');
  await expect(page.getByTestId('record-message')).toContainText('RECORDS_DIR');
  await expect(
    page.getByText(sample.data.initial_diagnostic_question.question).first(),
  ).toBeVisible();
  await expect(page.getByTestId('step-1')).toContainText(
    sample.data.reasoning[0]!.criterion_selection.answer,
  );
  expect(await page.evaluate(() => window.__ECG_PLOT__ === undefined)).toBe(true);
});

test("J/K move between steps and draw each step's grounding; ] and [ move between samples", async ({
  page,
  sampleIds,
}) => {
  const sample = realSample(WAVE_SAMPLE);
  await openSample(page, sampleIds, WAVE_SAMPLE);
  await expect(page.getByTestId('step-1')).toHaveAttribute('aria-current', 'step');
  const rightOf = (stepIdx: number) => {
    const g = sample.data.reasoning[stepIdx]!.ecg_grounding[0]!;
    const m = /\[(\d+\.\d+)s - (\d+\.\d+)s\]/.exec(g.options[g.answer_idx[0]!]!)!;
    return [Number(m[1]), Number(m[2])];
  };
  const rightBand = async () => {
    const b = (await plotState(page)).bands.find((x) => x.role === 'right');
    return b ? [b.startS, b.endS] : null;
  };
  await expect.poll(rightBand).toEqual(rightOf(0));
  await page.keyboard.press('j');
  await expect(page.getByTestId('step-2')).toHaveAttribute('aria-current', 'step');
  await expect.poll(rightBand).toEqual(rightOf(1));
  await page.keyboard.press('k');
  await expect(page.getByTestId('step-1')).toHaveAttribute('aria-current', 'step');
  await expect.poll(rightBand).toEqual(rightOf(0));

  const ordered = [...sampleIds.entries()];
  const here = ordered.findIndex(([id]) => id === WAVE_SAMPLE);
  // Other specs on this server may have written new samples (ids after the real ones) since the
  // worker listed them: the total is counted now.
  const total = await countSamples(page);
  const nav = page.getByRole('navigation', { name: 'Samples' });
  await expect(nav).toContainText(`${here + 1} / ${total}`);
  await page.keyboard.press(']');
  await expect(page).toHaveURL(new RegExp(`/samples/${ordered[here + 1]![1]}$`));
  await expect(page.getByRole('heading', { level: 1 })).toContainText(
    `Sample ${ordered[here + 1]![0]} `,
  );
  await expect(nav).toContainText(`${here + 2} / ${total}`);
  await page.keyboard.press('Shift+K');
  await expect(page).toHaveURL(new RegExp(`/samples/${ordered[here]![1]}$`));
});

test('lead grounding highlights right leads and distractors apart (screenshot: lead)', async ({
  page,
  sampleIds,
}, testInfo) => {
  const sample = realSample(LEAD_SAMPLE);
  const g = sample.data.reasoning
    .flatMap((s) => s.ecg_grounding)
    .find((x) => x.question_type === 'lead_grounding')!;
  await openSample(page, sampleIds, LEAD_SAMPLE);
  const card = page.getByTestId('grounding-lead_grounding').first();
  // The first grounding of the open step is drawn on arrival; clicking it again would clear it.
  if ((await card.getAttribute('aria-pressed')) !== 'true') await card.click();
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  const rightLeads = g.answer_idx.map((i) => g.options[i]!.replace('Lead ', '')).sort();
  const wrongLeads = g.options
    .map((o) => o.replace('Lead ', ''))
    .filter((l) => !rightLeads.includes(l))
    .sort();
  await expect
    .poll(async () =>
      (await plotState(page)).highlights
        .filter((h) => h.role === 'right')
        .map((h) => h.lead)
        .sort(),
    )
    .toEqual(rightLeads);
  const s = await plotState(page);
  expect(
    s.highlights
      .filter((h) => h.role === 'distractor')
      .map((h) => h.lead)
      .sort(),
  ).toEqual(wrongLeads);
  for (const h of s.highlights) expect(h.cellIds.length).toBeGreaterThan(0);
  await page.screenshot({
    path: screenshotPath('sample-lead-grounding.png', testInfo.outputPath('lead.png')),
  });
});

test('wave grounding bands every window, the right one marked (screenshot: wave)', async ({
  page,
  sampleIds,
}, testInfo) => {
  await openSample(page, sampleIds, WAVE_SAMPLE);
  const s = await plotState(page);
  expect(s.bands.map((b) => b.role).sort()).toEqual([
    'distractor',
    'distractor',
    'distractor',
    'right',
  ]);
  await page.screenshot({
    path: screenshotPath('sample-wave-grounding.png', testInfo.outputPath('wave.png')),
  });
});

test("measurement grounding shows its ranges beside the app's own measurement (screenshot: measurement)", async ({
  page,
  sampleIds,
}, testInfo) => {
  const sample = realSample(MEASURE_SAMPLE);
  const g = sample.data.reasoning[0]!.ecg_grounding.find(
    (x) => x.question_type === 'measurement_grounding',
  )!;
  // The engine runs in its worker, off the page's thread.
  const worker = page.waitForEvent('worker');
  await openSample(page, sampleIds, MEASURE_SAMPLE);
  expect((await worker).url()).toMatch(/measure-worker/);
  const card = page.getByTestId('step-1').getByTestId('grounding-measurement_grounding').first();
  if ((await card.getAttribute('aria-pressed')) !== 'true') await card.click();
  const panel = page.getByTestId('measurement-ranges');
  await expect(panel).toBeVisible();
  for (const option of g.options) await expect(panel).toContainText(option);
  await expect(panel).toContainText(`${g.options[g.answer_idx[0]!]} ✓`);
  await expect(panel).toContainText(/App: [RS] amplitude in (I|II|III|aV[RLF]|V[1-6])/);
  await page.screenshot({
    path: screenshotPath(
      'sample-measurement-grounding.png',
      testInfo.outputPath('measurement.png'),
    ),
  });
});

test('? lists every key of the sample view and the plot; keys do not act behind it; Esc closes', async ({
  page,
  sampleIds,
}, testInfo) => {
  await openSample(page, sampleIds, WAVE_SAMPLE);
  await expect(page.getByTestId('step-1')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('?');
  const keys = page.getByRole('dialog', { name: 'Keyboard shortcuts' });
  await expect(keys).toBeVisible();
  await expect(keys.getByRole('region', { name: 'Sample' })).toContainText(
    'Next / previous reasoning step',
  );
  await expect(keys.getByRole('region', { name: 'Plot' })).toContainText('Caliper in mV');
  // The list is modal: J does not step the sample behind it, C does not pick the caliper.
  await page.keyboard.press('j');
  await page.keyboard.press('c');
  await expect(page.getByTestId('step-1')).toHaveAttribute('aria-current', 'step');
  expect((await plotState(page)).tool).toBe('pan');
  await page.screenshot({
    path: screenshotPath('sample-keys.png', testInfo.outputPath('keys.png')),
  });
  await page.keyboard.press('Escape');
  await expect(keys).toBeHidden();
  // The very next key is the page's (it once landed on the closed dialog's button and was lost).
  await page.keyboard.press('j');
  await expect(page.getByTestId('step-2')).toHaveAttribute('aria-current', 'step');
  // The footer button opens it too.
  await page.getByRole('button', { name: /All keys/ }).click();
  await expect(keys).toBeVisible();
});

test('Esc clears the drawn grounding with the plot focused, once the plot has nothing to back out of', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, WAVE_SAMPLE);
  const card = page.getByTestId('step-1').getByTestId('grounding-wave_grounding');
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  await expect.poll(async () => (await plotState(page)).bands.length).toBeGreaterThan(0);
  // Focus the plot by pressing in its calibration margin (no lead there to select).
  const s = await plotState(page);
  const pulse = s.pulses[0]!.rect;
  await page.mouse.click(pulse.x - 2, pulse.y + pulse.height / 2);
  await expect(page.getByRole('application')).toBeFocused();
  expect((await plotState(page)).selectedLeads).toEqual([]);
  // With a caliper tool picked, Esc first goes back to pan, and the grounding stays.
  await page.keyboard.press('c');
  expect((await plotState(page)).tool).toBe('time-caliper');
  await page.keyboard.press('Escape');
  expect((await plotState(page)).tool).toBe('pan');
  await expect(card).toHaveAttribute('aria-pressed', 'true');
  // Nothing left on the plot: Esc reaches the sample view and clears the grounding.
  await page.keyboard.press('Escape');
  await expect(card).toHaveAttribute('aria-pressed', 'false');
  await expect.poll(async () => (await plotState(page)).bands.length).toBe(0);
  await expect(page.getByRole('application')).toBeFocused();
});

for (const layout of ['3×4 + II', '12×1', 'One lead'] as const) {
  test(`the plot fills its area in ${layout}, at 25 mm/s and 10 mm/mV (screenshot)`, async ({
    page,
    sampleIds,
  }, testInfo) => {
    await openSample(page, sampleIds, WAVE_SAMPLE);
    await page
      .getByRole('radiogroup', { name: 'Layout' })
      .getByRole('radio', { name: layout })
      .click();
    const kind = { '3×4 + II': '3x4', '12×1': '12x1', 'One lead': 'single' }[layout];
    await expect.poll(async () => (await plotState(page)).layout).toBe(kind);
    const s = await plotState(page);
    // Fitted, the paper covers the whole stage: no grey band below or beside it.
    expect(s.paper.x).toBeCloseTo(s.stage.x, 0);
    expect(s.paper.y).toBeCloseTo(s.stage.y, 0);
    expect(s.paper.width).toBeGreaterThanOrEqual(s.stage.width - 1);
    expect(s.paper.height).toBeGreaterThanOrEqual(s.stage.height - 1);
    // And the traces use it: their cells span nearly all of both axes (whole-mm rows leave less
    // than one row's worth of paper).
    const right = Math.max(...s.cells.map((c) => c.rect.x + c.rect.width));
    const bottom = Math.max(...s.cells.map((c) => c.rect.y + c.rect.height));
    expect((right - s.stage.x) / s.stage.width).toBeGreaterThan(0.93);
    expect((bottom - s.stage.y) / s.stage.height).toBeGreaterThan(0.9);
    // The scale is the paper's: 25 mm per second, 10 mm per mV (pulse), whatever the rows.
    const mm = s.pxPerMm * s.zoom;
    const cell = s.cells[0]!;
    expect(cell.rect.width / (cell.tEndS - cell.tStartS) / mm).toBeCloseTo(25, 6);
    expect(s.pulses[0]!.rect.height / mm).toBeCloseTo(10, 6);
    await page.screenshot({
      path: screenshotPath(`sample-layout-${kind}.png`, testInfo.outputPath(`${kind}.png`)),
    });
  });
}

for (const id of [1431, 1900])
  test(`wave option labels of sample ${id} do not overlap in 3x4 or 12x1 (screenshot)`, async ({
    page,
    sampleIds,
  }, testInfo) => {
    await openSample(page, sampleIds, id);
    const card = page.getByTestId('grounding-wave_grounding').first();
    if ((await card.getAttribute('aria-pressed')) !== 'true') await card.click();
    await expect(card).toHaveAttribute('aria-pressed', 'true');
    const g = realSample(id)
      .data.reasoning.flatMap((st) => st.ecg_grounding)
      .find((x) => x.question_type === 'wave_grounding')!;
    for (const layout of ['3×4 + II', '12×1'] as const) {
      await page
        .getByRole('radiogroup', { name: 'Layout' })
        .getByRole('radio', { name: layout })
        .click();
      await expect
        .poll(async () => (await plotState(page)).layout)
        .toBe(layout === '12×1' ? '12x1' : '3x4');
      const s = await plotState(page);
      expect(s.bands).toHaveLength(g.options.length);
      const boxes = s.bands.flatMap((b) =>
        b.pieces.map((p) => ({ cellId: p.cellId, box: p.labelBox! })),
      );
      expect(boxes.length).toBeGreaterThan(g.options.length);
      for (const [i, a] of boxes.entries())
        for (const b of boxes.slice(i + 1)) {
          if (a.cellId !== b.cellId) continue;
          const apart =
            a.box.x + a.box.width <= b.box.x ||
            b.box.x + b.box.width <= a.box.x ||
            a.box.y + a.box.height <= b.box.y ||
            b.box.y + b.box.height <= a.box.y;
          expect(apart).toBe(true);
        }
      await page.screenshot({
        path: screenshotPath(
          `sample-${id}-wave-${layout === '12×1' ? '12x1' : '3x4'}.png`,
          testInfo.outputPath(`${id}.png`),
        ),
      });
    }
  });
