/** The sample view draws and measures grounding with the rules the CLI's benchmark check uses. */
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import type { CheckedSample } from '../src/domain/measure/benchmark-check';
import { checkSample } from '../src/domain/measure/benchmark-check';
import { measureRecord } from '../src/domain/measure/measure-record';
import { convertSample } from '../src/domain/benchmark/convert';
import { expect, openSample, plotState, test } from './support/fixtures';
import { ptbxlRecordBase, readRecord, realSample } from './support/real-data';

const BEAT_RANGE_SAMPLE = 226; // 2AVB, ECG 271: "[Nth QRS wave - (N+1)th QRS wave]" options
const PR_SAMPLE = 166; // 1AVB negative, ECG 111: a P-wave window, then the PR measurement

/** Screenshots go to SCREENS_DIR when set (looked at by people), else to the test's output. */
function screenshotPath(name: string, fallback: string): string {
  const dir = process.env['SCREENS_DIR'];
  if (!dir) return fallback;
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** What the CLI's check finds for a sample, measured here in Node on the same record. */
function cliCheck(id: number) {
  const sample = realSample(id);
  const m = measureRecord(readRecord(ptbxlRecordBase(sample.metadata.ecg_id)));
  return checkSample(convertSample(sample, 'scalar') as CheckedSample, m);
}

test('"Nth QRS wave" bands are the windows the check resolves, QRS onset to offset (screenshot)', async ({
  page,
  sampleIds,
}, testInfo) => {
  const check = cliCheck(BEAT_RANGE_SAMPLE);
  expect(check.beatRanges).toHaveLength(4);
  await openSample(page, sampleIds, BEAT_RANGE_SAMPLE);
  // The beat-range question is step 1's first grounding, drawn on arrival once beats are measured.
  const bands = async () =>
    (await plotState(page)).bands.map((b) => ({ id: b.id, startS: b.startS, endS: b.endS }));
  await expect.poll(bands).toEqual(
    check.beatRanges.map((r, i) => ({
      id: `opt-${i}`,
      startS: r.resolved!.startS,
      endS: r.resolved!.endS,
    })),
  );
  const right = (await plotState(page)).bands.find((b) => b.role === 'right')!;
  expect(right.id).toBe('opt-1');
  await page.screenshot({
    path: screenshotPath('sample-beat-range-grounding.png', testInfo.outputPath('beats.png')),
  });
});

test("the PR shown beside the ranges is the check's: the beat of the P window (screenshot)", async ({
  page,
  sampleIds,
}, testInfo) => {
  const [pr] = cliCheck(PR_SAMPLE).measurements;
  expect(pr).toMatchObject({ quantity: 'pr_interval', window: '[6.80s - 6.92s]' });
  await openSample(page, sampleIds, PR_SAMPLE);
  await page.keyboard.press('j');
  await expect(page.getByTestId('step-2')).toHaveAttribute('aria-current', 'step');
  await page.keyboard.press('2');
  const panel = page.getByTestId('measurement-ranges');
  await expect(panel).toContainText(`App: PR interval (beat at 6.8–6.92 s) ${pr!.value} ms`);
  // The measured segment is banded as the check's window, beside the option ranges.
  await expect
    .poll(async () =>
      (await plotState(page)).bands
        .filter((b) => b.role === 'selected')
        .map((b) => [b.startS, b.endS]),
    )
    .toEqual([[6.8, 6.92]]);
  await page.screenshot({
    path: screenshotPath('sample-pr-measurement.png', testInfo.outputPath('pr.png')),
  });
});

test('an amplitude measured on a beat offers its lead over the whole record in 3x4', async ({
  page,
  sampleIds,
}) => {
  await openSample(page, sampleIds, 1718); // LVH, ECG 367: R amplitude in aVL on a beat
  const card = page.getByTestId('step-1').getByTestId('grounding-measurement_grounding').first();
  if ((await card.getAttribute('aria-pressed')) !== 'true') await card.click();
  const panel = page.getByTestId('measurement-ranges');
  await expect(panel).toContainText(/App: R amplitude in aVL \(beat at [\d.]+–[\d.]+ s\)/);
  expect((await plotState(page)).layout).toBe('3x4');
  await expect(panel).toContainText('In 3×4, aVL shows only its own 2.5 s column.');
  await panel.getByRole('button', { name: 'Show aVL over the whole record' }).click();
  await expect.poll(async () => (await plotState(page)).layout).toBe('single');
  expect((await plotState(page)).cells.map((c) => c.lead)).toContain('aVL');
  await expect(panel.getByRole('button', { name: /Show .* over the whole record/ })).toHaveCount(0);
});
