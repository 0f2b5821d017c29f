/**
 * The reviewer's workbench end to end on the real server with ptbxl.jsonl and its records: a
 * curator makes a blind double pass over 10 samples (with records) for two reviewers in the
 * page; two pre-flagged samples lead both queues; each reviewer judges all 10 from the keyboard
 * alone (pass with A, flag with F and reasons by number, a comment, a step flag with S then F,
 * a grounding drawn with G then a digit); neither sees the other's verdicts, flags or comments
 * through any review, flag or audit route nor in the pages; the curator closes the pass and the
 * kappa on the page equals the one this test counts from its own verdicts. Every screen is
 * axe-clean and runs under the CSP; screenshots of the queue, a pre-flagged sample, the verdict
 * keys in use and the agreement chart.
 */
import AxeBuilder from '@axe-core/playwright';
import { existsSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from '@playwright/test';
import { expect, test } from '@playwright/test';
import { preflagRoutes } from '../src/server/routes/preflag-routes';
import { reviewRoutes } from '../src/server/routes/review-routes';
import { ReviewPassSchema } from '../src/schemas/api/review';
import type { BenchmarkSampleV002 } from '../src/schemas/benchmark-sample';
import { withE2eDatabase } from './support/e2e-database';
import { E2E_PASSWORD, loginAs, sameOrigin } from './support/e2e-users';
import { listSampleIds } from './support/fixtures';
import { ptbxlRecordBase, realSamples } from './support/real-data';

const SECOND_REVIEWER = 'e2e-reviewer-2';

/** Planted verdicts by place in the pass (0-9): which samples each reviewer flags. */
const FLAGS: Record<Who, ReadonlySet<number>> = {
  first: new Set([1, 4, 7]),
  second: new Set([1, 5, 7, 9]),
};
/** The sample on which the first reviewer flags one step (S then F) before the sample. */
const STEP_FLAGGED = 4;
/** Samples given automatic pre-flags: they lead both queues. */
const PREFLAGGED = [6, 8];

type Who = 'first' | 'second';

/** What one reviewer wrote that the other must never read while the pass is open. */
/** This run's own notes (a closed pass of an earlier run on the same server shows its notes). */
const RUN = Date.now().toString(36);
const secret = (who: Who, place: number) => `secret-${RUN}-${who}-note-${place}`;

function screenshotPath(name: string): string {
  const dir = process.env['SCREENS_DIR'] ?? path.join('test-results', 'review-screens');
  mkdirSync(dir, { recursive: true });
  return path.join(dir, name);
}

/** axe's serious and critical violations on the page as it is now. */
async function seriousViolations(page: Page): Promise<string[]> {
  const results = await new AxeBuilder({ page }).analyze();
  return results.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.id} (${v.impact}): ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`);
}

/** Records CSP violations and pointer input on every page of the context. */
async function watch(context: BrowserContext) {
  await context.addInitScript(() => {
    const w = window as unknown as { __csp: string[]; __pointer: number };
    w.__csp = [];
    w.__pointer = 0;
    document.addEventListener('securitypolicyviolation', (e) =>
      w.__csp.push(`${e.violatedDirective} ${e.blockedURI} ${e.sourceFile}:${e.lineNumber}`),
    );
    for (const type of ['pointerdown', 'mousedown', 'wheel'])
      window.addEventListener(type, (e) => e.isTrusted && (w.__pointer += 1), true);
  });
}
const cspViolations = (page: Page) =>
  page.evaluate(() => (window as unknown as { __csp: string[] }).__csp);
const pointerEvents = (page: Page) =>
  page.evaluate(() => (window as unknown as { __pointer: number }).__pointer);

/** The 10 samples of the pass: real ptbxl.jsonl samples whose records are in ../shared. */
function pickSamples(): BenchmarkSampleV002[] {
  const seen = new Set<string>();
  const picked: BenchmarkSampleV002[] = [];
  for (const s of realSamples()) {
    if (seen.has(s.metadata.ecg_id) || !existsSync(`${ptbxlRecordBase(s.metadata.ecg_id)}.hea`))
      continue;
    seen.add(s.metadata.ecg_id);
    picked.push(s);
    if (picked.length === 10) break;
  }
  if (picked.length < 10) throw new Error('fewer than 10 samples with records in ../shared');
  return picked;
}

/** The numbers and unit of a measurement option such as "[40 bpm - 50 bpm]" or "Below 30 bpm". */
function optionValue(option: string): { value: number; unit: string } {
  const numbers = [...option.matchAll(/-?\d+(?:\.\d+)?/g)].map((m) => Number(m[0]));
  const unit = /\b(ms|bpm|mV|deg|s)\b/.exec(option)?.[1] ?? '';
  const mean = numbers.reduce((a, b) => a + b, 0) / Math.max(numbers.length, 1);
  return { value: /below|under|</i.test(option) ? mean - 5 : mean, unit };
}

/**
 * Stores two automatic pre-flags on a sample as the pre-flag engine would (rows only): a
 * measurement answer two bins from a planted engine value, and a repeated criterion option.
 */
async function plantPreflags(sample: BenchmarkSampleV002, sampleId: string): Promise<string> {
  const stepIdx = sample.data.reasoning.findIndex((s) =>
    s.ecg_grounding.some((q) => q.question_type === 'measurement_grounding'),
  );
  if (stepIdx < 0) throw new Error(`sample ${sample.metadata.id} has no measurement question`);
  const step = sample.data.reasoning[stepIdx]!;
  const questionIdx = step.ecg_grounding.findIndex(
    (q) => q.question_type === 'measurement_grounding',
  );
  const question = step.ecg_grounding[questionIdx]!;
  const answerAt = question.options.indexOf(question.answer[0]!);
  const binAt = answerAt >= 2 ? answerAt - 2 : Math.min(answerAt + 2, question.options.length - 1);
  const bin = question.options[binAt]!;
  const { value, unit } = optionValue(bin);
  const criterion = sample.data.reasoning[0]!.criterion_selection.options[1]!;
  const now = new Date().toISOString();
  type At = { step: number | null; part: string; question: number | null; option: number | null };
  const row = (rule: string, severity: string, message: string, at: At, numbers: object) => ({
    sample_pk: sampleId,
    rule,
    severity,
    message,
    step_idx: at.step,
    part: at.part,
    question_idx: at.question,
    option_idx: at.option,
    numbers: JSON.stringify(numbers),
    engine_version: 'e2e-planted',
    created_at: now,
  });
  const measured = `${value} ${unit}`.trim();
  await withE2eDatabase(async (db) => {
    await db.deleteFrom('sample_preflags').where('sample_pk', '=', sampleId).execute();
    await db
      .insertInto('sample_preflags')
      .values([
        row(
          'measurement-outside-bins',
          'warning',
          `The answer "${question.answer[0]}" is two bins from the engine's ${measured}, which falls in "${bin}".`,
          { step: stepIdx, part: 'ecg_grounding', question: questionIdx, option: null },
          {
            value,
            unit,
            answer: question.answer[0],
            valueOption: bin,
          },
        ),
        row(
          'duplicate-option',
          'error',
          'The criterion question lists one option twice.',
          { step: 0, part: 'criterion_selection', question: null, option: 1 },
          { text: criterion },
        ),
      ])
      .execute();
  });
  return measured;
}

/** A signed-in browser context and page for a role's user (or the second reviewer). */
async function signedIn(browser: Browser, user: 'curator' | Who) {
  const context = await browser.newContext();
  await watch(context);
  if (user === 'second') {
    const r = await context.request.post('/api/session', {
      data: { username: SECOND_REVIEWER, password: E2E_PASSWORD },
      headers: sameOrigin(),
    });
    expect(r.status()).toBe(200);
  } else {
    await loginAs(context.request, user === 'first' ? 'reviewer' : 'curator');
  }
  const page = await context.newPage();
  const me = (await (await context.request.get('/api/session')).json()) as { user: { id: string } };
  return { context, page, id: me.user.id };
}

/** Waits until the review screen shows `ref` with its record drawn on the plot. */
async function expectDrawn(page: Page, ref: string, recordName: string) {
  await expect(page.locator('h1')).toContainText(ref);
  await page.waitForFunction(
    (name) => {
      const s = window.__ECG_PLOT__?.getState();
      return s !== undefined && s.recordName === name && s.cells.length > 0 && s.draws.traces > 0;
    },
    recordName,
    { timeout: 30_000 },
  );
}

test('a blind double pass, reviewed from the keyboard by two reviewers, and its kappa', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const samples = pickSamples();
  const refs = samples.map((s) => `ptbxl:${s.metadata.id}`);
  const placeOf = new Map(refs.map((ref, i) => [ref, i]));
  const recordOf = (place: number) =>
    path.basename(ptbxlRecordBase(samples[place]!.metadata.ecg_id));

  // The second reviewer's account (kept across runs on a reused server).
  const adminContext = await browser.newContext();
  const admin = adminContext.request;
  await loginAs(admin, 'admin');
  const made = await admin.post('/api/users', {
    data: { username: SECOND_REVIEWER, role: 'reviewer', password: E2E_PASSWORD },
    headers: sameOrigin(),
  });
  expect([201, 409]).toContain(made.status());
  const ids = await listSampleIds(admin);
  const sampleIds = samples.map((s) => ids.get(s.metadata.id)!);
  const planted = new Map<number, string>();
  for (const place of PREFLAGGED)
    planted.set(place, await plantPreflags(samples[place]!, sampleIds[place]!));

  const curator = await signedIn(browser, 'curator');
  const first = await signedIn(browser, 'first');
  const second = await signedIn(browser, 'second');
  const reviewer = { first, second };
  const passName = `e2e blind double ${Date.now()}`;
  let passId = '';

  await test.step('the curator makes a blind double pass over the 10 samples in the page', async () => {
    const page = curator.page;
    await page.goto('/review');
    await expect(page.getByRole('heading', { name: 'Review passes' })).toBeVisible();
    const form = page.getByRole('form', { name: 'New review pass' });
    await form.getByLabel('Name').fill(passName);
    await form.getByRole('radio', { name: 'List of ids' }).click();
    await form.getByLabel(/Sample ids/).fill(refs.join('\n'));
    await expect(form.getByText('10 ids')).toBeVisible();
    await form.getByRole('radio', { name: 'Blind double' }).click();
    await form.getByLabel('e2e-reviewer', { exact: true }).check();
    await form.getByLabel(SECOND_REVIEWER, { exact: true }).check();
    expect(await seriousViolations(page)).toEqual([]);
    await page.screenshot({ path: screenshotPath('passes-new.png'), fullPage: true });
    await form.getByRole('button', { name: 'Create the pass' }).click();
    await expect(page.getByRole('heading', { level: 1, name: passName })).toBeVisible();
    passId = page.url().split('/review/')[1]!.split('?')[0]!;
    const pass = ReviewPassSchema.parse(
      await (await page.request.get(`/api/review-passes/${passId}`)).json(),
    );
    expect(pass).toMatchObject({
      mode: 'blind_double',
      sampleCount: 10,
      itemCount: 20,
      selection: 'ids',
    });
    await expect(page.getByTestId('pass-progress')).toContainText('0 of 20 done');
    expect(await seriousViolations(page)).toEqual([]);
  });

  const verdictsGiven: Record<Who, Map<number, 'pass' | 'flag'>> = {
    first: new Map(),
    second: new Map(),
  };

  for (const who of ['first', 'second'] as const) {
    await test.step(`the ${who} reviewer judges the queue from the keyboard`, async () => {
      const { page } = reviewer[who];
      await page.goto(`/review/${passId}`);
      const list = page.getByRole('listbox', { name: 'Your queue' });
      await expect(list).toBeFocused();
      await expect(page.getByTestId('queue-count')).toHaveText(
        '10 samples · 2 pre-flagged (listed first)',
      );
      // Pre-flagged first: the two planted samples lead the queue.
      const rows = page.getByTestId('queue-row');
      const leading = [await rows.nth(0).innerText(), await rows.nth(1).innerText()].join(' ');
      for (const place of PREFLAGGED) expect(leading).toContain(refs[place]);
      expect(await seriousViolations(page)).toEqual([]);
      if (who === 'first') await page.screenshot({ path: screenshotPath('queue.png') });

      // Arrow down and back, then Enter opens the first (a pre-flagged sample).
      await page.keyboard.press('ArrowDown');
      await page.keyboard.press('ArrowUp');
      await page.keyboard.press('Enter');
      await expect(page.getByTestId('sample-view')).toBeVisible();

      let groundingChecked = false;
      for (let visit = 0; visit < 10; visit++) {
        const heading = await page.locator('h1').innerText();
        const ref = heading.split(' · ')[0]!;
        const place = placeOf.get(ref);
        if (place === undefined)
          throw new Error(`the screen shows ${heading}, not a sample of the pass`);
        expect(verdictsGiven[who].has(place), `${ref} opened twice`).toBe(false);
        await expectDrawn(page, ref, recordOf(place));
        if (visit === 0) {
          expect(PREFLAGGED).toContain(place);
          const preflags = page.getByTestId('preflag');
          await expect(preflags).toHaveCount(2);
          // In the sample's order: step 1's criterion, then the measurement question.
          await expect(preflags.first()).toContainText('A question repeats an option');
          await expect(preflags.first()).toContainText('Step 1 · criterion · option 2 (“');
          await expect(preflags.nth(1)).toContainText(
            "Measurement answer outside the bin of the engine's value",
          );
          await expect(preflags.nth(1)).toContainText(/Step \d+ · grounding question \d+/);
          await expect(
            preflags.nth(1).getByText(planted.get(place)!, { exact: true }),
          ).toBeVisible();
          expect(await seriousViolations(page)).toEqual([]);
          if (who === 'first')
            await page.screenshot({ path: screenshotPath('review-preflagged.png') });
        }
        const twoQuestions = samples[place]!.data.reasoning.findIndex(
          (s) => s.ecg_grounding.length >= 2,
        );
        if (who === 'first' && !groundingChecked && twoQuestions >= 0 && !FLAGS.first.has(place)) {
          // G then a digit draws a grounding question; the digit alone is the reasons' (none now).
          groundingChecked = true;
          const stepIdx = twoQuestions;
          {
            for (let i = 0; i < stepIdx; i++) await page.keyboard.press('j');
            const cards = page
              .getByTestId(`step-${stepIdx + 1}`)
              .locator('[data-testid^="grounding-"]');
            await expect(cards.nth(0)).toHaveAttribute('aria-pressed', 'true');
            await page.keyboard.press('2');
            await expect(cards.nth(0)).toHaveAttribute('aria-pressed', 'true');
            await page.keyboard.press('g');
            await expect(page.getByTestId('pending-key')).toContainText('G');
            await page.keyboard.press('2');
            await expect(cards.nth(1)).toHaveAttribute('aria-pressed', 'true');
            await expect(page.getByTestId('pending-key')).toHaveCount(0);
          }
        }

        const flag = FLAGS[who].has(place);
        if (!flag) {
          await page.keyboard.press('a');
        } else if (who === 'first' && place === STEP_FLAGGED) {
          // Step 1 flagged on its own (S then F, reason 3, Enter keeps it), then the sample.
          await page.keyboard.press('s');
          await page.keyboard.press('f');
          await expect(page.getByTestId('flag-editor')).toContainText('Flag step 1');
          await page.keyboard.press('3');
          await page.keyboard.press('Enter');
          await expect(page.getByTestId('step-verdicts')).toContainText(
            'Grounding window misses the wave',
          );
          // A would contradict the flagged step: refused, with what to do.
          await page.keyboard.press('a');
          await expect(page.getByTestId('review-notice')).toContainText('Step 1 is flagged');
          await page.keyboard.press('f');
          await expect(
            page.getByRole('button', { name: /Grounding window misses the wave/ }),
          ).toHaveAttribute('aria-pressed', 'true');
          await page.keyboard.press('c');
          await page.keyboard.type(secret(who, place));
          await page.keyboard.press('Enter');
          await page.keyboard.press('Enter');
        } else {
          await page.keyboard.press('f');
          await page.keyboard.press(who === 'first' ? '1' : '2');
          await page.keyboard.press('5');
          await page.keyboard.press('c');
          await page.keyboard.type(secret(who, place));
          await page.keyboard.press('Escape');
          const editor = page.getByTestId('flag-editor');
          await expect(editor.getByRole('button', { name: /Wording/ })).toHaveAttribute(
            'aria-pressed',
            'true',
          );
          if (who === 'first' && place === 1) {
            expect(await seriousViolations(page)).toEqual([]);
            await page.screenshot({ path: screenshotPath('review-verdict-keys.png') });
          }
          await page.keyboard.press('Enter');
        }
        verdictsGiven[who].set(place, flag ? 'flag' : 'pass');
        if (visit < 9) {
          await expect(page.locator('h1')).not.toContainText(ref);
        } else {
          await expect(page.getByTestId('review-notice')).toContainText(
            'No sample without a verdict is left',
          );
        }
      }
      if (who === 'first')
        expect(groundingChecked, 'a sample with two grounding questions').toBe(true);
      await expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved');
      expect(await pointerEvents(page), 'the reviewing used no mouse or pointer').toBe(0);
      expect(await cspViolations(page)).toEqual([]);

      // The queue says it: every row has its verdict.
      await page.keyboard.press('q');
      await expect(page.getByTestId('pass-progress')).toContainText('10 of 10 done');
      await expect(page.getByTestId('queue-row').filter({ hasText: 'open' })).toHaveCount(0);
    });
  }

  await test.step('the verdicts saved are the ones given, steps included', async () => {
    for (const who of ['first', 'second'] as const) {
      const own = (await (
        await reviewer[who].page.request.get(`/api/review-passes/${passId}/verdicts`)
      ).json()) as {
        items: {
          sampleId: string;
          verdict: string;
          comment: string;
          steps: { stepIdx: number; verdict: string; reasons: string[] }[];
        }[];
      };
      expect(own.items).toHaveLength(10);
      for (const v of own.items) {
        const place = sampleIds.indexOf(v.sampleId);
        expect(v.verdict).toBe(verdictsGiven[who].get(place));
        if (v.verdict === 'flag') expect(v.comment).toBe(secret(who, place));
      }
      if (who === 'first') {
        const stepped = own.items.find((v) => v.sampleId === sampleIds[STEP_FLAGGED])!;
        expect(stepped.steps).toEqual([
          { stepIdx: 0, verdict: 'flag', reasons: ['grounding_window_misses_beat'], comment: '' },
        ]);
      }
    }
  });

  await test.step("neither reviewer reads the other one's work through any route or page", async () => {
    const everything = (await (
      await curator.page.request.get(`/api/review-passes/${passId}/verdicts`)
    ).json()) as {
      items: { id: string; reviewerId: string }[];
    };
    const flags = (await (await curator.page.request.get(`/api/flags?pass=${passId}`)).json()) as {
      items: { id: string; raisedBy: string }[];
    };
    expect(everything.items).toHaveLength(20);
    expect(flags.items.length).toBeGreaterThanOrEqual(7);
    // Every GET route of review passes, verdicts, flags and pre-flags (the route tables), and the audit log.
    const routes = [
      ...reviewRoutes,
      ...preflagRoutes,
      { method: 'GET', path: '/api/audit' },
    ].filter((r) => r.method === 'GET');
    expect(routes.length).toBeGreaterThanOrEqual(9);
    for (const who of ['first', 'second'] as const) {
      const me = reviewer[who];
      const other = who === 'first' ? reviewer.second : reviewer.first;
      const otherWho: Who = who === 'first' ? 'second' : 'first';
      const theirs = [
        ...everything.items.filter((v) => v.reviewerId === other.id).map((v) => v.id),
        ...flags.items.filter((f) => f.raisedBy === other.id).map((f) => f.id),
        ...[...FLAGS[otherWho]].map((place) => secret(otherWho, place)),
      ];
      const urls = routes.flatMap((r) => {
        const withPass = r.path.replace(':passId', passId);
        if (withPass.includes(':sampleId') || withPass.includes(':id'))
          return sampleIds.map((s) => withPass.replace(':sampleId', s).replace(':id', s));
        return [withPass];
      });
      urls.push(
        `/api/flags?pass=${passId}`,
        `/api/review-passes/${passId}/queue?reviewer=${other.id}`,
        `/api/audit?entity=review_verdict`,
        ...sampleIds.map((s) => `/api/flags?sample=${s}`),
      );
      for (const url of urls) {
        const response = await me.page.request.get(url);
        const text = await response.text();
        expect([200, 403, 404], `${url} as the ${who} reviewer`).toContain(response.status());
        for (const hidden of theirs)
          expect(text, `${url} shows the ${otherWho} reviewer's ${hidden}`).not.toContain(hidden);
      }
      // The pages: own progress only, no trace of the other's comments.
      await me.page.goto(`/review/${passId}`);
      await expect(me.page.getByTestId('pass-progress')).toContainText('You (');
      await expect(me.page.getByTestId('pass-progress')).toContainText('Blind review');
      await me.page.goto(`/review/${passId}/samples/${sampleIds[1]}`);
      await expect(me.page.getByTestId('saved-verdict')).toContainText('Flagged');
      for (const page of [me.page]) {
        const body = await page.locator('body').innerText();
        for (const place of FLAGS[otherWho]) expect(body).not.toContain(secret(otherWho, place));
      }
    }
  });

  await test.step('the curator closes the pass; kappa on the page is the one counted here', async () => {
    const page = curator.page;
    await page.goto(`/review/${passId}`);
    await expect(page.getByTestId('pass-progress')).toContainText('20 of 20 done');
    await page.getByRole('button', { name: 'Close the pass…' }).click();
    await page.getByRole('button', { name: 'Yes, close the pass' }).click();
    await expect(page.getByText(/^Closed /)).toBeVisible();

    // The count: the 2x2 table over the 10 samples, the reviewer with the lower id first.
    const [low, high] =
      first.id < second.id ? (['first', 'second'] as const) : (['second', 'first'] as const);
    const table = { pp: 0, pf: 0, fp: 0, ff: 0 };
    for (let place = 0; place < 10; place++) {
      const a = verdictsGiven[low].get(place);
      const b = verdictsGiven[high].get(place);
      if (a === 'pass' && b === 'pass') table.pp++;
      else if (a === 'pass') table.pf++;
      else if (b === 'pass') table.fp++;
      else table.ff++;
    }
    const n = 10;
    const observed = (table.pp + table.ff) / n;
    const lowFlags = (table.fp + table.ff) / n;
    const highFlags = (table.pf + table.ff) / n;
    const expected = lowFlags * highFlags + (1 - lowFlags) * (1 - highFlags);
    const kappa = (observed - expected) / (1 - expected);

    const chart = page.getByTestId(`chart-agreement-${passId}`);
    await expect(chart).toContainText(`Overall κ ${kappa.toFixed(2)}`);
    await expect(chart.locator('svg g[aria-label="bar"] rect').first()).toBeVisible();
    await expect(chart.locator('svg', { has: page.locator('g[aria-label="bar"]') })).toContainText(
      `κ ${kappa.toFixed(2)} · n 10 · PP ${table.pp} PF ${table.pf} FP ${table.fp} FF ${table.ff}`,
    );
    expect(await cspViolations(page)).toEqual([]);
    expect(await seriousViolations(page)).toEqual([]);
    await chart.screenshot({ path: screenshotPath('agreement-chart.png') });
    await page.screenshot({ path: screenshotPath('pass-curator.png'), fullPage: true });
    expect(await cspViolations(curator.page)).toEqual([]);
  });

  for (const who of ['first', 'second'] as const)
    expect(await cspViolations(reviewer[who].page)).toEqual([]);
  await Promise.all(
    [curator, first, second].map((x) => x.context.close()).concat(adminContext.close()),
  );
});
