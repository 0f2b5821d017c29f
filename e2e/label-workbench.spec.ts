/**
 * The cardiologist's workbench on the demo ECGs (90001 on, registered by the e2e server):
 * labelling by keyboard from the worklist, live checks and their dismissal, nothing lost to a
 * reload, going offline or a second tab, and the server refusing a reviewer's writes.
 */
import { expect, test, type APIRequestContext, type Page } from '@playwright/test';
import { loginAs, sameOrigin } from './support/e2e-users';
import { DEMO_ECG_SPECS } from '../src/server/services/demo-workspace-data-ecgs';

const LBBB_ECG = '90011';

/** The ECG's public id and the cardiologist's label on it, through the API. */
async function ownLabel(api: APIRequestContext, ecgId: string) {
  const page = await (await api.get(`/api/ecg-refs/ptbxl/${ecgId}`)).json();
  const own = await (await api.get(`/api/ecgs/${page.ecg.id}/label`)).json();
  return { pk: page.ecg.id as string, label: own.label, checks: page.checks };
}

/** Brings the cardiologist's label of an ECG back to an empty draft (tests share the server). */
async function resetLabel(api: APIRequestContext, ecgId: string): Promise<void> {
  const { pk, label } = await ownLabel(api, ecgId);
  const saved = await api.put(`/api/ecgs/${pk}/label`, {
    data: { status: 'draft', content: {} },
    headers: sameOrigin({ 'if-match': `"${label?.version ?? 0}"` }),
  });
  expect(saved.status(), await saved.text()).toBe(200);
}

async function openEcg(page: Page, ecgId: string): Promise<void> {
  await page.goto(`/ecgs/ptbxl/${ecgId}`);
  await expect(page.getByTestId('label-editor')).toBeVisible();
  await expect(page.getByTestId('save-status')).toHaveText(/^Saved \(version \d+\)/);
}

const saved = (page: Page) =>
  expect(page.getByTestId('save-status')).toHaveAttribute('data-state', 'saved', {
    timeout: 15_000,
  });

test.beforeEach(async ({ page }) => {
  await loginAs(page.request, 'cardiologist');
});

test('labels three demo ECGs from the worklist by keyboard alone and submits them', async ({
  page,
}) => {
  for (const id of ['90001', '90002', '90003']) await resetLabel(page.request, id);
  await page.goto('/ecgs');
  const list = page.getByRole('listbox', { name: /^ECGs/ });
  await expect(list).toBeFocused();
  await expect(page.getByTestId('worklist-progress')).toContainText(/^[\d,]+ of [\d,]+ labelled/);
  // The demo ECGs are the last ones (ids from 90001): End, then up to 90001.
  await page.keyboard.press('End');
  for (let i = 0; i < DEMO_ECG_SPECS.length - 1; i++) await page.keyboard.press('ArrowUp');
  await expect(list.getByRole('option', { selected: true })).toContainText('90001');
  await page.screenshot({ path: 'test-results/label-worklist.png' });
  await page.keyboard.press('Enter');

  const rates = { '90001': '2', '90002': '2', '90003': '1' } as const;
  for (const [ecgId, rateDigit] of Object.entries(rates)) {
    await expect(page.getByRole('heading', { name: `PTB-XL ECG ${ecgId}` })).toBeVisible();
    await expect(page.getByTestId('save-status')).toHaveText(/^Saved/);
    for (const key of [
      'r',
      rateDigit,
      'h',
      '1',
      'a',
      '1',
      'n',
      '1',
      'Enter',
      'i',
      '1',
      'o',
      'Enter',
    ])
      await page.keyboard.press(key);
    await expect(page.getByRole('textbox', { name: 'Diagnosis' })).toHaveValue(/sinus/);
    await page.keyboard.press('Shift+S');
    await expect(page.getByTestId('label-status')).toHaveText('submitted');
    await saved(page);
    if (ecgId !== '90003') await page.keyboard.press(']');
  }
  await page.keyboard.press('w');
  // Back on the worklist at the ECG last labelled, its status refreshed.
  await expect(list.getByRole('option', { selected: true })).toHaveAccessibleName(
    /ECG 90003, my label submitted/,
  );
  for (const [ecgId, rateDigit] of Object.entries(rates)) {
    const { label } = await ownLabel(page.request, ecgId);
    expect(label.status).toBe('submitted');
    expect(label.content).toMatchObject({
      rate: rateDigit === '1' ? 'bradycardia' : 'normal',
      rhythm: 'sinus',
      axis: 'normal',
      conduction: ['none'],
      ischemia: { stage: 'none', territory: ['none'] },
      other_findings: [],
    });
  }
});

test('the LBBB demo ECG labelled conduction none shows the QRS check; its dismissal is stored', async ({
  page,
}, testInfo) => {
  await resetLabel(page.request, LBBB_ECG);
  await openEcg(page, LBBB_ECG);
  // A rhythm per repeat: a dismissal holds for its values, so each run meets a fresh check.
  const rhythmDigit = ['1', '2', '6'][testInfo.repeatEachIndex % 3]!;
  for (const key of ['h', rhythmDigit, 'n', '1', 'Enter']) await page.keyboard.press(key);
  const check = page.getByTestId('check-wide-qrs-without-block');
  await expect(check).toBeVisible({ timeout: 20_000 });
  await expect(check).toContainText(/Measured: QRS duration 1[2-9]\d ms/);
  await expect(check.getByRole('button', { name: 'Dismiss…' })).toBeVisible();
  await page.keyboard.press('v');
  await expect(check.getByRole('button', { name: 'Shown on plot' })).toBeVisible();
  // The QRS windows the value was measured from, banded on the plot.
  await expect
    .poll(() => page.evaluate(() => window.__ECG_PLOT__?.getState().bands.length ?? 0))
    .toBeGreaterThan(3);
  await page.screenshot({ path: 'test-results/label-ecg-page-checks.png' });
  await page.keyboard.press('x');
  const reason = 'Engine QRS includes a slurred S; I read conduction as normal here';
  await page.keyboard.type(reason);
  await page.keyboard.press('Enter');
  await expect(check).toHaveAttribute('data-state', 'dismissed');
  await expect(check).toContainText(`“${reason}”`);
  const { checks } = await ownLabel(page.request, LBBB_ECG);
  expect(checks).toContainEqual(
    expect.objectContaining({
      checkId: 'wide-qrs-without-block',
      state: 'dismissed',
      reason,
      dismissedBy: 'e2e-cardiologist',
    }),
  );
});

test('a reload in the middle of typing loses nothing', async ({ page }) => {
  await resetLabel(page.request, '90004');
  await openEcg(page, '90004');
  // No save gets through before the reload: the edits live only in the browser's journal.
  await page.route('**/api/ecgs/*/label', (route) =>
    route.request().method() === 'PUT' ? route.abort('connectionrefused') : route.fallback(),
  );
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await page.keyboard.press('d');
  await page.keyboard.type('sinus brady, tired hand');
  await expect(page.getByTestId('save-status')).toHaveText(/^Offline \(\d+ queued\)/);
  await page.unroute('**/api/ecgs/*/label');
  await page.reload();
  await expect(page.getByRole('textbox', { name: 'Diagnosis' })).toHaveValue(
    'sinus brady, tired hand',
  );
  await saved(page);
  const { label } = await ownLabel(page.request, '90004');
  expect(label.content).toEqual({ rate: 'bradycardia', diagnosis: 'sinus brady, tired hand' });
});

test('offline for 30 s while editing: every edit is saved, in order, when the server is back', async ({
  page,
  context,
}) => {
  test.setTimeout(120_000);
  await resetLabel(page.request, '90006');
  await openEcg(page, '90006');
  const before = (await ownLabel(page.request, '90006')).label.version as number;
  await context.setOffline(true);
  const started = Date.now();
  await page.keyboard.press('r');
  await page.keyboard.press('3');
  await expect(page.getByTestId('save-status')).toHaveText(/^Offline \(1 queued\)/);
  await page.keyboard.press('a');
  await page.keyboard.press('2');
  await page.keyboard.press('d');
  await page.keyboard.type('tachy');
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('save-status')).toHaveText(/^Offline \([3-9] queued\)/);
  // Still offline half a minute after the first edit.
  await expect
    .poll(() => Date.now() - started, { timeout: 40_000, intervals: [1000] })
    .toBeGreaterThanOrEqual(30_000);
  await expect(page.getByTestId('save-status')).toHaveText(/^Offline/);
  await context.setOffline(false);
  await saved(page);
  const { label } = await ownLabel(page.request, '90006');
  expect(label.content).toEqual({ rate: 'tachycardia', axis: 'left', diagnosis: 'tachy' });
  expect(label.version).toBeGreaterThan(before);
});

test('two tabs edit one label: the conflict is shown, merged field by field, nothing lost', async ({
  page,
  context,
  browser,
}) => {
  await resetLabel(page.request, '90007');
  await openEcg(page, '90007');
  const other = await context.newPage();
  await openEcg(other, '90007');
  // Someone else opening it shows in the status line, live.
  const reviewerContext = await browser.newContext();
  await loginAs(reviewerContext.request, 'reviewer');
  const reviewerPage = await reviewerContext.newPage();
  await reviewerPage.goto('/ecgs/ptbxl/90007');
  await expect(page.getByTestId('presence')).toHaveText('Also open by: e2e-reviewer (reviewer)');
  await expect(reviewerPage.getByText('Only cardiologists write labels')).toBeVisible();
  await reviewerContext.close();
  await expect(page.getByTestId('presence')).toHaveText('Nobody else has this ECG open');
  await page.keyboard.press('r');
  await page.keyboard.press('1');
  await saved(page);
  await other.keyboard.press('a');
  await other.keyboard.press('2');
  const merge = other.getByTestId('merge-view');
  await expect(merge).toBeVisible();
  await expect(other.getByTestId('save-status')).toHaveText(/^Conflict/);
  await other.screenshot({ path: 'test-results/label-merge-view.png' });
  const save = merge.getByRole('button', { name: 'Save the merge' });
  await expect(save).toBeDisabled();
  await merge.getByRole('radio', { name: 'Rate: theirs' }).check();
  await merge.getByRole('radio', { name: 'Axis: mine' }).check();
  await save.click();
  await saved(other);
  const { label } = await ownLabel(page.request, '90007');
  expect(label.content).toEqual({ rate: 'bradycardia', axis: 'left' });
  await other.close();
});

test("the server refuses a reviewer's label, check and sample writes", async ({
  playwright,
  baseURL,
}) => {
  const api = await playwright.request.newContext({ baseURL });
  await loginAs(api, 'cardiologist');
  const { pk } = await ownLabel(api, '90008');
  await api.dispose();
  const reviewer = await playwright.request.newContext({ baseURL });
  await loginAs(reviewer, 'reviewer');
  const label = await reviewer.put(`/api/ecgs/${pk}/label`, {
    data: { status: 'draft', content: { rate: 'normal' } },
    headers: sameOrigin({ 'if-match': '"0"' }),
  });
  expect(label.status()).toBe(403);
  const checks = await reviewer.put(`/api/ecgs/${pk}/label/checks`, {
    data: { checks: [] },
    headers: sameOrigin(),
  });
  expect(checks.status()).toBe(403);
  const imported = await reviewer.post('/api/labels/import', {
    data: '{}',
    headers: sameOrigin({ 'content-type': 'application/x-ndjson' }),
  });
  expect(imported.status()).toBe(403);
  const sample = (await (await reviewer.get('/api/samples?limit=1')).json()).items[0];
  const full = await (await reviewer.get(`/api/samples/${sample.id}`)).json();
  const write = await reviewer.put(`/api/samples/${sample.id}`, {
    data: { sample: full.sample },
    headers: sameOrigin({ 'if-match': `"${full.version}"` }),
  });
  expect(write.status()).toBe(403);
  await reviewer.dispose();
});
