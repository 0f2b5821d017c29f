/** The 12-lead plot on real records, asked for its state through window.__ECG_PLOT__. */
import type { Page } from '@playwright/test';
import { expect, openSample, plotState, test } from './support/fixtures';
import { ptbxlRecordBase, readRecord, realSample } from './support/real-data';

/** Sample 476: LBBB on PTB-XL ECG 338 (in ../shared), with wave and lead grounding. */
const SAMPLE = 476;

/** The two largest lead II maxima the test finds itself: R peaks at least 0.3 s apart, in seconds. */
function leadIIPeaks(ecgId: string, fromS: number, toS: number) {
  const record = readRecord(ptbxlRecordBase(ecgId));
  const ii = record.signals.find((s) => s.name === 'II')!.mv;
  const fs = record.fsHz;
  const argmax = (a: number, b: number) => {
    let best = a;
    for (let i = a; i < b; i++) if (ii[i]! > ii[best]!) best = i;
    return best;
  };
  const r1 = argmax(Math.round(fromS * fs), Math.round(toS * fs));
  // The next R: the highest point from 0.3 s after r1 up to 1.8 s after it, then refined locally.
  const r2 = argmax(r1 + Math.round(0.3 * fs), r1 + Math.round(1.8 * fs));
  return { fs, r1S: r1 / fs, r1Mv: ii[r1]!, r2S: r2 / fs, r2Mv: ii[r2]! };
}

async function chooseLayout(page: Page, name: '3×4 + II' | '12×1' | 'One lead') {
  await page.getByRole('radiogroup', { name: 'Layout' }).getByRole('radio', { name }).click();
}

/** Ink on the traces canvas at a client point (0..1 alpha), within radius CSS px. */
const inkAt = (page: Page, x: number, y: number, r: number) =>
  page.evaluate(([a, b, c]) => window.__ECG_PLOT__!.traceInkAt(a!, b!, c!), [x, y, r]);

/** Wheel-zooms in round a time of lead II until one CSS px is well under 4 ms (zoom > 2). */
async function zoomInAtLeadII(page: Page, tS: number): Promise<void> {
  const [at] = await page.evaluate(([t]) => window.__ECG_PLOT__!.pointToClient('II', t!, 0), [tS]);
  await page.mouse.move(at!.x, at!.y);
  await page.mouse.wheel(0, -500);
  await expect.poll(async () => (await plotState(page)).zoom).toBeGreaterThan(2);
}

test('calibration pulse is 1 mV x 200 ms: 10 mm high and 5 mm wide at 25 mm/s, 10 mm/mV', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, SAMPLE);
  const s = await plotState(page);
  expect(s.layout).toBe('3x4');
  expect([s.speedMmPerS, s.gainMmPerMv]).toEqual([25, 10]);
  const mm = s.pxPerMm * s.zoom;
  expect(s.pulses).toHaveLength(4);
  for (const p of s.pulses) {
    expect(p.rect.height / mm).toBeCloseTo(10, 6);
    expect(p.rect.width / mm).toBeCloseTo(5, 6);
  }
  // Once in pixels: scan the traces canvas across the first pulse and find its drawn edges.
  const p0 = s.pulses[0]!.rect;
  const edges = await page.evaluate(
    ({ rect }) => {
      const api = window.__ECG_PLOT__!;
      const step = 0.25;
      const midY = rect.y + rect.height / 2;
      const xs: number[] = [];
      for (let x = rect.x - 6; x <= rect.x + rect.width + 6; x += step)
        if (api.traceInkAt(x, midY, 0) > 0.5) xs.push(x);
      // The rising edge runs from the baseline to the top of the pulse.
      const ys: number[] = [];
      for (let y = rect.y - 6; y <= rect.y + rect.height + 6; y += step)
        if (api.traceInkAt(rect.x, y, 0) > 0.5) ys.push(y);
      return { xs, ys };
    },
    { rect: p0 },
  );
  const cluster = (v: number[]) => [Math.min(...v), Math.max(...v)];
  const [left, right] = cluster(edges.xs);
  const [top, bottom] = cluster(edges.ys);
  // Stroke centres are half a stroke inside the outer ink; allow 1.5 device px either way.
  const tol = 1.5 + 1.25 * s.zoom;
  expect(Math.abs(right! - left! - 5 * mm)).toBeLessThanOrEqual(tol);
  expect(Math.abs(bottom! - top! - 10 * mm)).toBeLessThanOrEqual(tol);
  expect(s.canvas.width).toBe(Math.round(s.stage.width * s.dpr));

  // Other paper settings scale the pulse with them.
  await page
    .getByRole('radiogroup', { name: 'Speed' })
    .getByRole('radio', { name: '50 mm/s' })
    .click();
  await page
    .getByRole('radiogroup', { name: 'Gain' })
    .getByRole('radio', { name: '20 mm/mV' })
    .click();
  const t = await plotState(page);
  const mm2 = t.pxPerMm * t.zoom;
  expect(t.pulses[0]!.rect.width / mm2).toBeCloseTo(10, 6);
  expect(t.pulses[0]!.rect.height / mm2).toBeCloseTo(20, 6);
});

for (const layout of ['3×4 + II', '12×1', 'One lead'] as const) {
  test(`an R peak found from the samples lands at the right x in ${layout}`, async ({
    page,
    sampleIds,
  }) => {
    const sample = realSample(SAMPLE);
    // One lead wraps the record into 5 s rows: its peak is taken from the second row.
    const single = layout === 'One lead';
    const peak = leadIIPeaks(sample.metadata.ecg_id, single ? 5.3 : 0.3, single ? 7.3 : 2.3);
    await openSample(page, sampleIds, SAMPLE);
    const fitted3x4 = (await plotState(page)).zoom;
    await chooseLayout(page, layout);
    if (single) await expect.poll(async () => (await plotState(page)).layout).toBe('single');
    const s = await plotState(page);
    // Fitted, one lead is drawn larger than the 3x4 draws it.
    if (single) expect(s.zoom).toBeGreaterThan(1.3 * fitted3x4);
    const pxPerS = 25 * s.pxPerMm * s.zoom;
    const pxPerMv = 10 * s.pxPerMm * s.zoom;
    const cells = s.cells.filter(
      (c) => c.lead === 'II' && peak.r1S >= c.tStartS && peak.r1S <= c.tEndS,
    );
    expect(cells.length).toBe(layout === '3×4 + II' ? 2 : 1);
    if (single) expect(cells[0]!.row).toBe(1);
    const placed = await page.evaluate(
      ([t, v]) => window.__ECG_PLOT__!.pointToClient('II', t!, v!),
      [peak.r1S, peak.r1Mv],
    );
    for (const cell of cells) {
      const x = cell.rect.x + (peak.r1S - cell.tStartS) * pxPerS;
      const y = cell.baselineY - peak.r1Mv * pxPerMv;
      const p = placed.find((q) => q.cellId === cell.id)!;
      expect(p.x).toBeCloseTo(x, 3);
      expect(p.y).toBeCloseTo(y, 3);
      // The trace is drawn there, and nothing of this lead is drawn higher in that pixel column.
      expect(await inkAt(page, x, y, 1.5)).toBeGreaterThan(0.5);
      expect(await inkAt(page, x, y - 4, 1)).toBeLessThan(0.3);
      // ...and not one pixel column off: half a mm to either side the trace is lower.
      expect(await inkAt(page, x - 0.5 * s.pxPerMm * s.zoom * 2, y, 0.5)).toBeLessThan(0.5);
    }
  });
}

test('the cursor line follows the pointer over its cell, through a zoom, and reads the lead', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, SAMPLE);
  const v2 = (await plotState(page)).cells.find((c) => c.lead === 'V2')!;
  const at = { x: v2.rect.x + v2.rect.width * 0.4, y: v2.rect.y + v2.rect.height * 0.5 };
  await page.mouse.move(at.x, at.y);
  const cursor = page.getByTestId('plot-cursor');
  await expect(cursor).toBeVisible();
  await expect(page.getByTestId('ecg-plot')).toContainText(/V2 {2}t \d+\.\d{3} s/);
  const spans = async () => {
    const cell = (await plotState(page)).cells.find((c) => c.lead === 'V2')!;
    const box = (await cursor.boundingBox())!;
    return { box, cell };
  };
  let { box, cell } = await spans();
  expect(Math.abs(box.x - at.x)).toBeLessThanOrEqual(1);
  expect(Math.abs(box.y - cell.rect.y)).toBeLessThanOrEqual(1);
  expect(Math.abs(box.height - cell.rect.height)).toBeLessThanOrEqual(1);
  // A wheel zoom under the still pointer: the line spans the cell at its new size.
  const zoomBefore = (await plotState(page)).zoom;
  await page.mouse.wheel(0, -300);
  await expect.poll(async () => (await plotState(page)).zoom).toBeGreaterThan(zoomBefore * 1.2);
  await expect
    .poll(async () => {
      ({ box, cell } = await spans());
      return Math.abs(box.height - cell.rect.height) <= 1 && Math.abs(box.y - cell.rect.y) <= 1;
    })
    .toBe(true);
  await page.mouse.move(0, 0);
  await expect(cursor).toBeHidden();
});

test('clicking a lead toggles its highlight', async ({ page, sampleIds }) => {
  await openSample(page, sampleIds, SAMPLE);
  const s = await plotState(page);
  const v2 = s.cells.find((c) => c.lead === 'V2')!;
  const at = { x: v2.rect.x + v2.rect.width * 0.3, y: v2.rect.y + v2.rect.height * 0.2 };
  await page.mouse.click(at.x, at.y);
  let t = await plotState(page);
  expect(t.selectedLeads).toEqual(['V2']);
  expect(t.highlights.filter((h) => h.role === 'selected')).toEqual([
    { lead: 'V2', role: 'selected', cellIds: [v2.id] },
  ]);
  // A drag is a pan, not a click: the selection stays.
  await page.mouse.move(at.x, at.y);
  await page.mouse.down();
  await page.mouse.move(at.x + 40, at.y + 5, { steps: 4 });
  await page.mouse.up();
  expect((await plotState(page)).selectedLeads).toEqual(['V2']);
  const again = await plotState(page);
  const v2now = again.cells.find((c) => c.lead === 'V2')!;
  await page.mouse.click(
    v2now.rect.x + v2now.rect.width * 0.3,
    v2now.rect.y + v2now.rect.height * 0.2,
  );
  t = await plotState(page);
  expect(t.selectedLeads).toEqual([]);
  expect(t.highlights.filter((h) => h.role === 'selected')).toEqual([]);
});

test('a wave_grounding option draws its band at the right place in 3x4 and 12x1', async ({
  page,
  sampleIds,
}) => {
  const sample = realSample(SAMPLE);
  const wave = sample.data.reasoning[0]!.ecg_grounding[0]!;
  expect(wave.question_type).toBe('wave_grounding');
  const window = /\[(\d+\.\d+)s - (\d+\.\d+)s\]/.exec(wave.options[wave.answer_idx[0]]!)!;
  const [startS, endS] = [Number(window[1]), Number(window[2])];
  await openSample(page, sampleIds, SAMPLE);
  await page.getByTestId('grounding-wave_grounding').first().click({ trial: true });
  for (const layout of ['3×4 + II', '12×1'] as const) {
    await chooseLayout(page, layout);
    const s = await plotState(page);
    const pxPerS = 25 * s.pxPerMm * s.zoom;
    const right = s.bands.find((b) => b.role === 'right')!;
    expect([right.startS, right.endS]).toEqual([startS, endS]);
    const covering = s.cells.filter((c) => c.tStartS <= startS && c.tEndS >= endS);
    expect(right.pieces.map((p) => p.cellId).sort()).toEqual(covering.map((c) => c.id).sort());
    // 3x4: the column that shows the window (3 leads) and the rhythm strip; 12x1: every lead.
    expect(right.pieces).toHaveLength(layout === '12×1' ? 12 : 4);
    if (layout === '3×4 + II') expect(covering.some((c) => c.isRhythm)).toBe(true);
    for (const piece of right.pieces) {
      const cell = s.cells.find((c) => c.id === piece.cellId)!;
      expect(piece.rect.x).toBeCloseTo(cell.rect.x + (startS - cell.tStartS) * pxPerS, 3);
      expect(piece.rect.width).toBeCloseTo((endS - startS) * pxPerS, 3);
    }
    expect(s.bands.filter((b) => b.role === 'distractor')).toHaveLength(wave.options.length - 1);
  }
});

test('a caliper dragged across one RR reads the RR from the samples within 4 ms', async ({
  page,
  sampleIds,
}) => {
  const sample = realSample(SAMPLE);
  const peak = leadIIPeaks(sample.metadata.ecg_id, 0.3, 2.3);
  const rrMs = (peak.r2S - peak.r1S) * 1000;
  await openSample(page, sampleIds, SAMPLE);
  await chooseLayout(page, '12×1');
  await zoomInAtLeadII(page, peak.r1S);
  await page.keyboard.press('c');
  expect((await plotState(page)).tool).toBe('time-caliper');
  const [a] = await page.evaluate(
    ([t, v]) => window.__ECG_PLOT__!.pointToClient('II', t!, v!),
    [peak.r1S, peak.r1Mv],
  );
  const [b] = await page.evaluate(
    ([t, v]) => window.__ECG_PLOT__!.pointToClient('II', t!, v!),
    [peak.r2S, peak.r2Mv],
  );
  const s = await plotState(page);
  expect(b!.x).toBeLessThan(s.stage.x + s.stage.width);
  await page.mouse.move(a!.x, a!.y);
  await page.mouse.down();
  await page.mouse.move((a!.x + b!.x) / 2, a!.y, { steps: 5 });
  await page.mouse.move(b!.x, a!.y, { steps: 5 });
  await page.mouse.up();
  const calipers = (await plotState(page)).calipers;
  expect(calipers).toHaveLength(1);
  expect(calipers[0]!.lead).toBe('II');
  expect(Math.abs(calipers[0]!.intervalMs - rrMs)).toBeLessThanOrEqual(4);
  expect(calipers[0]!.bpm!).toBeCloseTo(60_000 / calipers[0]!.intervalMs, 6);
  await expect(page.getByLabel('Caliper readings')).toContainText(
    `${Math.round(calipers[0]!.intervalMs)} ms`,
  );
  // It stays on the plot through a pan, in record time.
  await page.keyboard.press('ArrowRight');
  expect((await plotState(page)).calipers[0]!.intervalMs).toBeCloseTo(calipers[0]!.intervalMs, 9);
});

test("a placed caliper's ends drag onto other R peaks (reading within 4 ms, live) and it can be deleted", async ({
  page,
  sampleIds,
}) => {
  const sample = realSample(SAMPLE);
  const peak = leadIIPeaks(sample.metadata.ecg_id, 0.3, 2.3);
  // The R after r2, found the same way: the highest point 0.3 to 1.8 s after it.
  const third = leadIIPeaks(sample.metadata.ecg_id, peak.r2S + 0.3, peak.r2S + 1.8);
  const r3S = third.r1S;
  expect(r3S - peak.r2S).toBeGreaterThan(0.3);
  await openSample(page, sampleIds, SAMPLE);
  await chooseLayout(page, '12×1');
  await zoomInAtLeadII(page, peak.r1S);
  await page.keyboard.press('c');
  const at = async (tS: number, mv = 0) =>
    (
      await page.evaluate(([t, v]) => window.__ECG_PLOT__!.pointToClient('II', t!, v!), [tS, mv])
    )[0]!;
  const a = await at(peak.r1S, peak.r1Mv);
  const b = await at(peak.r2S, peak.r1Mv);
  const c = await at(r3S);
  const s = await plotState(page);
  expect(c.x).toBeLessThan(s.stage.x + s.stage.width - 10);
  await page.mouse.move(a.x, a.y);
  await page.mouse.down();
  await page.mouse.move(b.x, a.y, { steps: 6 });
  await page.mouse.up();
  // Back to panning: grabbing an end must work in any tool.
  await page.keyboard.press('p');
  let [placed] = (await plotState(page)).calipers;
  expect(Math.abs(placed!.intervalMs - (peak.r2S - peak.r1S) * 1000)).toBeLessThanOrEqual(4);

  // Drag the second end from r2 onto r3, grabbing it low on its line (away from the label).
  const cell = s.cells.find((x) => x.id === placed!.cellId)!;
  const gripY = cell.rect.y + cell.rect.height * 0.85;
  const drawsBefore = (await plotState(page)).draws;
  await page.mouse.move(placed!.ends.x2, gripY);
  await page.mouse.down();
  await page.mouse.move((placed!.ends.x2 + c.x) / 2, gripY, { steps: 4 });
  // Live: the reading follows the pointer before the button is released.
  const midway = (await plotState(page)).calipers[0]!;
  expect(midway.t2S).toBeGreaterThan(peak.r2S + 0.05);
  expect(midway.t2S).toBeLessThan(r3S - 0.05);
  await expect(page.getByLabel('Caliper readings')).toContainText(
    `${Math.round(midway.intervalMs)} ms`,
  );
  await page.mouse.move(c.x, gripY, { steps: 4 });
  await page.mouse.up();
  let state = await plotState(page);
  // Only the overlay layer redrew while the end moved: the grid and traces were left alone.
  expect(state.draws.overlays).toBeGreaterThan(drawsBefore.overlays + 2);
  expect(state.draws.traces).toBe(drawsBefore.traces);
  expect(state.draws.grid).toBe(drawsBefore.grid);
  expect(state.calipers).toHaveLength(1);
  [placed] = state.calipers;
  expect(placed!.selected).toBe(true);
  expect(state.zoom).toBeCloseTo(s.zoom, 9);
  expect(state.panX).toBeCloseTo(s.panX, 9);
  const r1r3Ms = (r3S - peak.r1S) * 1000;
  expect(Math.abs(placed!.intervalMs - r1r3Ms)).toBeLessThanOrEqual(4);
  expect(placed!.bpm!).toBeCloseTo(60_000 / placed!.intervalMs, 6);
  expect(placed!.text).toBe(
    `${Math.round(placed!.intervalMs)} ms · ${Math.round(placed!.bpm!)} bpm`,
  );

  // The first end drags too: from r1 onto r2 leaves one RR (r2 to r3).
  await page.mouse.move(placed!.ends.x1, gripY);
  await page.mouse.down();
  await page.mouse.move(b.x, gripY, { steps: 6 });
  await page.mouse.up();
  state = await plotState(page);
  expect(Math.abs(state.calipers[0]!.intervalMs - (r3S - peak.r2S) * 1000)).toBeLessThanOrEqual(4);

  // The label stays inside its cell, and its delete box removes the caliper.
  const label = state.calipers[0]!.labelBox;
  const del = state.calipers[0]!.deleteBox;
  expect(label.x).toBeGreaterThanOrEqual(cell.rect.x);
  expect(del.x + del.width).toBeLessThanOrEqual(cell.rect.x + cell.rect.width + 0.5);
  await page.mouse.click(del.x + del.width / 2, del.y + del.height / 2);
  expect((await plotState(page)).calipers).toHaveLength(0);
  // A click there did not also select a lead.
  expect((await plotState(page)).selectedLeads).toEqual([]);
});

test('a selected caliper is removed with Delete; Backspace then removes the last one', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, SAMPLE);
  await chooseLayout(page, '12×1');
  await page.keyboard.press('c');
  const s = await plotState(page);
  const place = async (lead: string, fromS: number, toS: number) => {
    const [p] = await page.evaluate(
      ([l, t]) => window.__ECG_PLOT__!.pointToClient(l!, Number(t), 0),
      [lead, fromS] as const,
    );
    const [q] = await page.evaluate(
      ([l, t]) => window.__ECG_PLOT__!.pointToClient(l!, Number(t), 0),
      [lead, toS] as const,
    );
    await page.mouse.move(p!.x, p!.y);
    await page.mouse.down();
    await page.mouse.move(q!.x, p!.y, { steps: 5 });
    await page.mouse.up();
  };
  expect(s.layout).toBe('12x1');
  await place('V1', 1, 2);
  await place('V5', 3, 4.5);
  let state = await plotState(page);
  expect(state.calipers.map((c) => c.lead)).toEqual(['V1', 'V5']);
  // Select the first by grabbing its end without moving, then Delete removes it, not the last.
  const first = state.calipers[0]!;
  const cell = state.cells.find((c) => c.id === first.cellId)!;
  await page.mouse.click(first.ends.x2, cell.rect.y + cell.rect.height * 0.85);
  expect((await plotState(page)).selectedCaliperId).toBe(first.id);
  await page.keyboard.press('Delete');
  state = await plotState(page);
  expect(state.calipers.map((c) => c.lead)).toEqual(['V5']);
  await page.keyboard.press('Backspace');
  expect((await plotState(page)).calipers).toEqual([]);
});

test('true size follows a screen calibrated with a card, kept across a reload, refused when implausible', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, SAMPLE);
  await page.getByRole('button', { name: /True size/ }).click();
  const nominal = await plotState(page);
  expect(nominal.zoom).toBe(1);
  expect(nominal.pxPerMm).toBeCloseTo(96 / 25.4, 6);

  // Match the drawn card to a "real" card 400 CSS px wide on this screen.
  await page.getByRole('button', { name: 'Screen: 96 dpi' }).click();
  const dialog = page.getByRole('dialog', { name: 'Calibrate true size' });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel('Card width in CSS pixels').fill('400');
  const card = await dialog.getByTestId('calibration-card').boundingBox();
  expect(card!.width).toBeCloseTo(400, 0);
  expect(card!.height).toBeCloseTo((400 * 53.98) / 85.6, 0);
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog).toBeHidden();
  await expect(page.getByRole('button', { name: 'Screen: calibrated' })).toBeVisible();

  // True size now draws 85.6 mm of paper as the card's 400 px: the 10 mm pulse is 46.7 px high.
  const pxPerMm = 400 / 85.6;
  const check = async () => {
    const s = await plotState(page);
    expect(s.zoom).toBe(1);
    expect(s.pxPerMm).toBeCloseTo(pxPerMm, 6);
    expect(s.pulses[0]!.rect.height).toBeCloseTo(10 * pxPerMm, 6);
  };
  await expect.poll(async () => (await plotState(page)).pxPerMm).toBeCloseTo(pxPerMm, 6);
  await check();
  await page.reload();
  await page.waitForFunction(() => (window.__ECG_PLOT__?.getState().cells.length ?? 0) > 0);
  await page.getByRole('button', { name: /True size/ }).click();
  await check();

  // A card 50 px wide is no screen's: refused with the reason, the calibration kept.
  await page.getByRole('button', { name: 'Screen: calibrated' }).click();
  await dialog.getByLabel('Card width in CSS pixels').fill('50');
  await dialog.getByRole('button', { name: 'Save' }).click();
  await expect(dialog.getByRole('alert')).toContainText('device px per mm; a screen has 2-16');
  await page.keyboard.press('Escape');
  await expect(dialog).toBeHidden();
  await check();

  // Back to the nominal figure.
  await page.getByRole('button', { name: 'Screen: calibrated' }).click();
  await dialog.getByRole('button', { name: 'Use 96 dpi' }).click();
  await expect.poll(async () => (await plotState(page)).pxPerMm).toBeCloseTo(96 / 25.4, 6);
});

test.describe('on a HiDPI screen (device pixel ratio 2)', () => {
  test.use({ deviceScaleFactor: 2 });

  test('the canvas has two device px per CSS px and the grid lines are whole device pixels', async ({
    page,
    sampleIds,
  }) => {
    await openSample(page, sampleIds, SAMPLE);
    const s = await plotState(page);
    expect(s.dpr).toBe(2);
    // The stage is the host's box in whole CSS px, each two device px on the canvas.
    expect(s.canvas.width).toBe(Math.floor(s.stage.width) * 2);
    expect(s.canvas.height).toBe(Math.floor(s.stage.height) * 2);
    // A strip in the paper's bottom margin, under the last row: grid only (no trace, band or
    // label). Sharp lines fill whole device pixels, so every pixel is one paper colour exactly;
    // a line on a half pixel would blend into colours between them.
    const lastBottom = Math.max(...s.cells.map((c) => c.rect.y + c.rect.height));
    const y = lastBottom + 2.5 * s.pxPerMm * s.zoom;
    expect(y).toBeLessThan(s.stage.y + s.stage.height);
    const colours = await page.evaluate(
      ({ yClient, stage }) => {
        const canvas = document.querySelector<HTMLCanvasElement>(
          '[data-testid="ecg-plot"] canvas',
        )!;
        const row = Math.floor((yClient - stage.y) * 2);
        const data = canvas.getContext('2d')!.getImageData(0, row, canvas.width, 1).data;
        const seen: Record<string, number> = {};
        for (let i = 0; i < data.length; i += 4) {
          const hex = `#${[data[i]!, data[i + 1]!, data[i + 2]!].map((v) => v.toString(16).padStart(2, '0')).join('')}`;
          seen[hex] = (seen[hex] ?? 0) + 1;
        }
        return seen;
      },
      { yClient: y, stage: s.stage },
    );
    const paper = ['#fff5f6', '#f7c6cf', '#ee8fa0'];
    expect(Object.keys(colours).filter((c) => !paper.includes(c))).toEqual([]);
    // ...and the strip does cross grid lines (minor and major), not only blank paper.
    expect(colours['#f7c6cf']).toBeGreaterThan(10);
    expect(colours['#ee8fa0']).toBeGreaterThan(2);
  });
});
