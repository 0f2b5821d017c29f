/**
 * The curator's workbench end to end on the real server (ptbxl.jsonl imported, RECORDS_DIR at
 * ../shared): a reviewer flags a real sample (2232, inferior MI absent: its cell has candidate
 * ECGs with records); the curator finds the flag on the board from the keyboard, re-samples it
 * onto a candidate ECG drawn on the plot, compares the generated sample with the old one and
 * saves it (status review); the reviewer passes it (active again); the curator cuts a release
 * whose notes list the id under its diagnosis and source, the diff from the release before
 * shows it, the export passes `validate` and re-exports byte-identically after a regeneration
 * of a whole diagnosis from the regenerate view. The samples per cell never change.
 */
import { AxeBuilder } from '@axe-core/playwright';
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import {
  FlagBoardSchema,
  ResampleCandidatesSchema,
  type FlagBoard,
} from '../src/schemas/api/curation';
import {
  ReleaseDiffResponseSchema,
  ReleaseListResponseSchema,
  type Release,
} from '../src/schemas/api/releases';
import { TARGET_DX_NAMES } from '../src/domain/benchmark/target-dx-names';
import { SampleListResponseSchema, SampleResponseSchema } from '../src/schemas/api/samples';
import { E2E_BASE_URL } from './support/base-url';
import { loginAs, sameOrigin } from './support/e2e-users';
import { repoRoot } from './support/real-data';

const FLAGGED = 2232;
/** A second flag in the same pass, which the curator dismisses with a reason. */
const DISMISSED = 2231;
const DX = 'inferior_myocardial_infarction';
/**
 * Diagnoses to regenerate, in turn: regeneration with the same seeds writes nothing the second
 * time, so a run of this test on a server an earlier run used takes the first not yet regenerated.
 */
const REGENERATED_DXS = [
  'complete_right_bundle_branch_block',
  'complete_left_bundle_branch_block',
  'first_degree_av_block',
  'left_anterior_fascicular_block',
  'inferior_myocardial_infarction',
] as const;

async function publicIdOf(api: APIRequestContext, sampleId: number): Promise<string> {
  let cursor: string | null = null;
  do {
    const query = `/api/samples?limit=500&target_dx=${DX}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    const page = SampleListResponseSchema.parse(await (await api.get(query)).json());
    const hit = page.items.find((item) => item.metadata.id === sampleId);
    if (hit) return hit.id;
    cursor = page.nextCursor;
  } while (cursor);
  throw new Error(`sample ${sampleId} is not in the workspace`);
}

async function board(api: APIRequestContext): Promise<FlagBoard> {
  const response = await api.get('/api/curation/board');
  expect(response.status()).toBe(200);
  return FlagBoardSchema.parse(await response.json());
}

async function releaseNamed(api: APIRequestContext, name: string): Promise<Release> {
  const list = ReleaseListResponseSchema.parse(await (await api.get('/api/releases')).json());
  const release = list.items.find((r) => r.name === name);
  if (!release) throw new Error(`release ${name} is not listed`);
  return release;
}

async function expectAxeClean(page: Page): Promise<void> {
  const axe = await new AxeBuilder({ page }).analyze();
  expect(
    axe.violations.map(
      (v) => `${v.id}: ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`,
    ),
  ).toEqual([]);
}

/** Waits until the plot `plotId` has drawn its cells. */
async function waitForPlot(page: Page, plotId: string): Promise<void> {
  await page.waitForFunction(
    (id) => (window.__ECG_PLOTS__?.[id]?.getState().cells.length ?? 0) > 0,
    plotId,
    { timeout: 30_000 },
  );
}

const plotState = (page: Page, plotId: string) =>
  page.evaluate((id) => window.__ECG_PLOTS__![id]!.getState(), plotId);

test('a flagged sample is re-sampled from the board, reviewed and released; cells never change', async ({
  page,
  playwright,
}) => {
  test.setTimeout(240_000);
  const violations: string[] = [];
  page.on('console', (m) => {
    if (m.type() === 'error') violations.push(`${page.url()}: ${m.text()}`);
  });
  // Every CSP violation, with where it came from (the console line names no source).
  await page.exposeFunction('__reportCsp', (line: string) => violations.push(`csp ${line}`));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) =>
      (window as unknown as { __reportCsp: (line: string) => void }).__reportCsp(
        `${location.pathname} ${event.violatedDirective} ${event.sourceFile}:${event.lineNumber}:${event.columnNumber} ${event.sample}`,
      ),
    );
  });
  const api = page.request;
  await loginAs(api, 'curator');
  const reviewer = await playwright.request.newContext({ baseURL: E2E_BASE_URL });
  await loginAs(reviewer, 'reviewer');
  const suffix = `${Date.now().toString(36)}${Math.floor(Math.random() * 1e4)}`;
  const pk = await publicIdOf(api, FLAGGED);
  const before = SampleResponseSchema.parse(await (await api.get(`/api/samples/${pk}`)).json());
  const cellsBefore = (await board(api)).cells;

  // The release the new one's notes compare with.
  const cutA = await api.post('/api/releases', {
    data: { name: `curate-A-${suffix}` },
    headers: sameOrigin(),
  });
  expect(cutA.status(), await cutA.text()).toBe(201);
  const releaseA = (await cutA.json()) as Release;

  const dismissedPk = await publicIdOf(api, DISMISSED);
  let passId = '';
  await test.step('a reviewer flags two samples in a pass', async () => {
    const pass = await api.post('/api/review-passes', {
      data: { name: `curate ${suffix}`, samples: [`ptbxl:${FLAGGED}`, `ptbxl:${DISMISSED}`] },
      headers: sameOrigin(),
    });
    expect(pass.status(), await pass.text()).toBe(201);
    passId = ((await pass.json()) as { id: string }).id;
    const flagged = await reviewer.put(`/api/review-passes/${passId}/samples/${pk}/verdict`, {
      data: {
        verdict: 'flag',
        reasons: ['grounding_window_misses_beat'],
        comment: `QRS window off the beat (${suffix})`,
      },
      headers: sameOrigin({ 'if-match': '0' }),
    });
    expect(flagged.status(), await flagged.text()).toBe(200);
    const wording = await reviewer.put(
      `/api/review-passes/${passId}/samples/${dismissedPk}/verdict`,
      {
        data: { verdict: 'flag', reasons: ['wording'], comment: `Odd wording (${suffix})` },
        headers: sameOrigin({ 'if-match': '0' }),
      },
    );
    expect(wording.status(), await wording.text()).toBe(200);
  });

  let cellsText = '';
  await test.step('the board shows the flag in its group and the cells; the keyboard reaches it', async () => {
    await page.goto('/curate');
    await expect(page.getByRole('heading', { name: 'Curation board' })).toBeVisible();
    const group = page.getByRole('table', { name: 'Open flags by group' });
    await expect(
      group
        .getByRole('row')
        .filter({ hasText: 'Inferior myocardial infarction' })
        .filter({ hasText: 'Grounding window misses the wave' }),
    ).toBeVisible();
    await expect(page.getByTestId('chart-open-flags').locator('svg').first()).toBeVisible();
    cellsText = await page.getByTestId('cell-counts').innerText();
    expect(cellsText).toContain('Inferior myocardial infarction');
    const detail = page.getByTestId('flag-detail');
    const selectedRow = page.locator('tr[aria-current="true"][data-testid="flag-row"]');
    /** Up to the top of the list, then down the arrows to the flag raised on `sampleId` above. */
    const selectFlag = async (sampleId: number) => {
      const flags = (await board(api)).flags;
      const index = flags.findIndex(
        (f) => f.sample.key === `ptbxl:${sampleId}` && f.comment.includes(suffix),
      );
      expect(index).toBeGreaterThanOrEqual(0);
      for (let i = 0; i < flags.length; i++) await page.keyboard.press('ArrowUp');
      await expect(selectedRow).toContainText(flags[0]!.sample.key);
      for (let i = 0; i < index; i++) await page.keyboard.press('ArrowDown');
      await expect(detail).toContainText(`Sample ptbxl:${sampleId}`);
      await expect(detail).toContainText(suffix);
    };
    await selectFlag(DISMISSED);
    await expect(detail).toContainText(`Odd wording (${suffix})`);
    // D opens the reason field, Enter dismisses; the flag leaves the board with its reason.
    await page.keyboard.press('d');
    const reason = page.getByLabel('Why is this flag not a problem?');
    await expect(reason).toBeFocused();
    await page.keyboard.type('The wording is the benchmark’s own');
    await page.keyboard.press('Enter');
    await expect(detail).not.toContainText(`Odd wording (${suffix})`);
    const closed = (await (await api.get(`/api/flags?sample=${dismissedPk}`)).json()) as {
      items: { comment: string; resolution: string; resolutionNote: string }[];
    };
    expect(closed.items.find((f) => f.comment.includes(suffix))).toMatchObject({
      resolution: 'dismissed',
      resolutionNote: 'The wording is the benchmark’s own',
    });
    await selectFlag(FLAGGED);
    await expect(detail).toContainText(`QRS window off the beat (${suffix})`);
    await expect(selectedRow).toContainText(`ptbxl:${FLAGGED}`);
    await expectAxeClean(page);
    await page.screenshot({ path: 'test-results/curate-board.png' });
    await page.keyboard.press('Enter');
  });

  let chosenEcg = '';
  await test.step('the candidates: ranked, the selected one on the plot with what its findings rest on', async () => {
    await expect(page).toHaveURL(new RegExp(`/curate/resample/${pk}$`));
    await expect(page.getByTestId('resample-candidates')).toBeVisible({ timeout: 30_000 });
    await expect(page.getByTestId('sample-flags')).toContainText(
      'Grounding window misses the wave',
    );
    const rows = page.getByTestId('candidate-row');
    expect(await rows.count()).toBeGreaterThan(5);
    await waitForPlot(page, 'candidate');
    // The second candidate: arrows move through the list, the plot follows.
    await page.keyboard.press('ArrowDown');
    const second = page.locator('li[aria-current="true"][data-testid="candidate-row"]');
    await expect(second).toContainText('2.');
    chosenEcg = /ECG (\d+)/.exec(await second.innerText())![1]!;
    expect(chosenEcg).not.toBe(before.sample.metadata.ecg_id);
    await expect(page.getByTestId('candidate-caption')).toContainText(`ECG ${chosenEcg}`);
    await expect
      .poll(async () => (await plotState(page, 'candidate')).recordName)
      .toContain(chosenEcg.padStart(5, '0'));
    // Inferior MI's findings (ST elevation, Q waves) read the inferior leads: the plot draws
    // each lead the API says a finding rests on, agreeing leads as right answers.
    const candidates = ResampleCandidatesSchema.parse(
      await (await api.get(`/api/samples/${pk}/resample-candidates`)).json(),
    );
    const basis = candidates.ranked[1]!.findings.flatMap((f) => f.basis.leads);
    expect(candidates.ranked[1]!.ecgId).toBe(chosenEcg);
    const state = await plotState(page, 'candidate');
    expect(state.highlights.map((h) => h.lead).sort()).toEqual(
      [...new Set(basis.map((l) => l.lead))].sort(),
    );
    expect(state.highlights.map((h) => h.lead)).toEqual(
      expect.arrayContaining(['II', 'III', 'aVF']),
    );
    for (const h of state.highlights) {
      const disagrees = basis.some((l) => l.lead === h.lead && l.agrees === false);
      expect(h.role).toBe(disagrees ? 'distractor' : 'right');
    }
    // Key 2 draws only step 2's finding.
    await page.keyboard.press('2');
    await expect(page.getByTestId('candidate-caption')).toContainText('step 2 drawn');
    await expectAxeClean(page);
    await page.screenshot({ path: 'test-results/curate-candidates.png' });
    await page.keyboard.press('Escape');
    await expect(page.getByTestId('candidate-caption')).toContainText('every finding drawn');
  });

  await test.step('generated beside the old one, stepped together, then saved: in review, flag closed', async () => {
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('resample-compare')).toBeVisible({ timeout: 30_000 });
    await waitForPlot(page, 'old');
    await waitForPlot(page, 'generated');
    expect((await plotState(page, 'old')).recordName).toContain(
      before.sample.metadata.ecg_id.padStart(5, '0'),
    );
    expect((await plotState(page, 'generated')).recordName).toContain(chosenEcg.padStart(5, '0'));
    await expect(page.getByTestId('pane-generated')).toContainText(
      `Generated: ECG ${chosenEcg} (not saved yet)`,
    );
    await expect(page.getByTestId('changed-count')).toContainText(/\d+ fields changed/);
    // J opens step 2 on both sides.
    await page.keyboard.press('j');
    for (const pane of ['pane-old', 'pane-generated']) {
      await expect(page.getByTestId(pane).locator('[aria-current="step"]')).toHaveAttribute(
        'data-testid',
        'step-2',
      );
    }
    // Both plots draw the same question of step 2 (its first grounding question).
    const old = await plotState(page, 'old');
    const generated = await plotState(page, 'generated');
    expect(old.highlights.length + old.bands.length).toBeGreaterThan(0);
    expect(generated.highlights.length + generated.bands.length).toBeGreaterThan(0);
    // Nothing is written yet.
    const still = SampleResponseSchema.parse(await (await api.get(`/api/samples/${pk}`)).json());
    expect(still.version).toBe(before.version);
    await expectAxeClean(page);
    await page.screenshot({ path: 'test-results/curate-generated-beside-old.png' });

    await page.keyboard.press('s');
    await expect(page.getByTestId('resample-saved')).toContainText(
      `Saved as version ${before.version + 1}`,
    );
    await expect(page.getByTestId('resample-saved')).toContainText('status review');
    await expect(page.getByTestId('resample-saved')).toContainText('1 open flag closed');
    const saved = SampleResponseSchema.parse(await (await api.get(`/api/samples/${pk}`)).json());
    expect(saved.sample.metadata).toEqual({ ...before.sample.metadata, ecg_id: chosenEcg });
    const after = await board(api);
    expect(after.flags.some((f) => f.sample.id === pk)).toBe(false);
    expect(after.awaitingReview.samples.map((s) => s.id)).toContain(pk);
    expect(after.cells).toEqual(cellsBefore);
  });

  await test.step('the reviewer passes it: active again; the board agrees', async () => {
    const passed = await reviewer.put(`/api/review-passes/${passId}/samples/${pk}/verdict`, {
      data: { verdict: 'pass' },
      headers: sameOrigin({ 'if-match': '1' }),
    });
    expect(passed.status(), await passed.text()).toBe(200);
    expect((await board(api)).awaitingReview.samples.map((s) => s.id)).not.toContain(pk);
    await page.goto('/curate');
    await expect(page.getByTestId('awaiting-review')).not.toContainText(`ptbxl:${FLAGGED}`);
    expect(await page.getByTestId('cell-counts').innerText()).toBe(cellsText);
  });

  const nameB = `curate-B-${suffix}`;
  let releaseB: Release;
  await test.step('the curator cuts a release: its notes list the id under its diagnosis and source', async () => {
    await page.goto('/releases');
    const input = page.getByLabel('New release name');
    await input.focus();
    await page.keyboard.type(nameB);
    await page.keyboard.press('Enter');
    await expect(
      page.getByRole('heading', { level: 2, name: new RegExp(`Release ${nameB}`) }),
    ).toBeVisible({
      timeout: 30_000,
    });
    releaseB = await releaseNamed(api, nameB);
    expect(releaseB.previousRelease?.name).toBe(releaseA.name);
    const notes = await page.getByTestId('release-notes-editor').inputValue();
    const resampled = notes.slice(
      notes.indexOf('## Re-sampled samples'),
      notes.indexOf('## Fixes in place'),
    );
    expect(resampled).toContain(`### ${DX}\n\n- ptbxl: ${FLAGGED}\n`);
    // The notes scrolled to the re-sampled ids, as a curator reads them before publishing.
    await page.getByTestId('release-notes-editor').evaluate((el: HTMLTextAreaElement) => {
      const at = el.value.indexOf('## Re-sampled samples');
      el.scrollTop = (el.scrollHeight * at) / el.value.length - 20;
    });
    await page.setViewportSize({ width: 1600, height: 1600 });
    await page.screenshot({ path: 'test-results/curate-release-notes.png' });
    await page.setViewportSize({ width: 1600, height: 1000 });
  });

  await test.step('the diff between the two releases shows it re-sampled', async () => {
    const diff = ReleaseDiffResponseSchema.parse(
      await (await api.get(`/api/releases/${releaseA.id}/diff/${releaseB.id}`)).json(),
    );
    expect(diff.changes.map((c) => [c.key, c.change])).toEqual([[`ptbxl:${FLAGGED}`, 'resampled']]);
    expect(diff.changes[0]).toMatchObject({
      ecgIdBefore: before.sample.metadata.ecg_id,
      ecgIdAfter: chosenEcg,
    });
    await expect(page.getByTestId('release-diff-summary')).toContainText('1 re-sampled, 0 edited');
  });

  const exported = new Map<string, string>();
  await test.step("the release's export passes validate", async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'e2e-curate-'));
    try {
      for (const shape of ['list', 'scalar'] as const) {
        const text = await (
          await api.get(`/api/releases/${releaseB.id}/export/ptbxl.jsonl?shape=${shape}`)
        ).text();
        exported.set(shape, text);
        const file = path.join(dir, `${shape}.jsonl`);
        writeFileSync(file, text);
        const report = JSON.parse(
          execFileSync(
            process.execPath,
            ['--import', 'tsx', path.join(repoRoot, 'src/cli/main.ts'), 'validate', '--json', file],
            { cwd: repoRoot, encoding: 'utf8' },
          ),
        ) as { valid: boolean; counts: { samples: number } };
        expect(report.valid).toBe(true);
        expect(report.counts.samples).toBe(releaseB.sampleCount);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  await test.step('a whole diagnosis regenerated from its preview; cells unchanged', async () => {
    await page.goto('/curate/regenerate');
    const summary = page.getByTestId('regeneration-summary');
    let changed = 0;
    for (const dx of REGENERATED_DXS) {
      await page.getByLabel('Diagnosis').selectOption(dx);
      // Every sample of the diagnosis, as the board counts them.
      const samples = cellsBefore.filter((c) => c.targetDx === dx).reduce((n, c) => n + c.count, 0);
      await expect(summary).toContainText(`${TARGET_DX_NAMES[dx]}: ${samples} samples`, {
        timeout: 60_000,
      });
      changed = Number(/(\d+) would change/.exec(await summary.innerText())![1]);
      if (changed > 0) break;
    }
    expect(changed).toBeGreaterThan(0);
    await expect(page.getByTestId('regeneration-row')).toHaveCount(changed);
    await page
      .getByTestId('regeneration-row')
      .first()
      .getByText(/fields?:/)
      .click();
    await expectAxeClean(page);
    await page.screenshot({ path: 'test-results/curate-regenerate.png' });
    await page.getByRole('button', { name: /Apply: regenerate/ }).click();
    const write = page.getByRole('button', { name: /Write \d+ revisions?/ });
    await expect(write).toBeFocused();
    await page.keyboard.press('Enter');
    await expect(page.getByTestId('regeneration-applied')).toContainText(
      `Written: ${changed} sample`,
      { timeout: 60_000 },
    );
    expect((await board(api)).cells).toEqual(cellsBefore);
    await page.goto('/curate');
    expect(await page.getByTestId('cell-counts').innerText()).toBe(cellsText);
  });

  await test.step('the release re-exports byte-identically after the workspace moved on', async () => {
    for (const shape of ['list', 'scalar'] as const) {
      const again = await (
        await api.get(`/api/releases/${releaseB.id}/export/ptbxl.jsonl?shape=${shape}`)
      ).text();
      expect(again === exported.get(shape)).toBe(true);
    }
    const workspace = await (await api.get('/api/export/ptbxl.jsonl?shape=list')).text();
    expect(workspace === exported.get('list')).toBe(false);
  });

  await reviewer.dispose();
  expect(violations.filter((v) => /Content Security Policy|keymap:|^csp /.test(v))).toEqual([]);
});
