/** The worklist and the sample view together: filters kept while stepping, Back to the list. */
import { expect, test } from './support/fixtures';
import { realSamples } from './support/real-data';

/**
 * The worklist filtered to Label = present, and the first of its samples (on its first page of
 * 100) whose next sample in the unfiltered list has the label absent: stepping from there
 * without the filters would leave the list.
 */
function filteredCase() {
  const all = [...realSamples()].sort((a, b) => a.metadata.id - b.metadata.id);
  const kept = all.filter((s) => s.metadata.dx_label);
  const at = kept.findIndex((s, i) => all[all.indexOf(s) + 1] !== kept[i + 1]);
  if (at < 1 || at + 2 >= kept.length || at >= 100)
    throw new Error(
      `ptbxl.jsonl: no present sample on the first page is followed by an absent one`,
    );
  return { ids: kept.map((s) => s.metadata.id), at };
}

test('] and [ keep the worklist filters and place; Back returns to the filtered worklist', async ({
  page,
}) => {
  const { ids, at } = filteredCase();
  await page.goto('/');
  await page.getByLabel('Label').selectOption('true');
  await expect(page).toHaveURL(/dx_label=true/);
  const rows = page.getByRole('row');
  await expect(rows.nth(1)).toContainText(`#${ids[0]}`);
  await page.getByRole('link', { name: `#${ids[at]}`, exact: true }).click();

  const heading = page.getByRole('heading', { level: 1 });
  const nav = page.getByRole('navigation', { name: 'Samples' });
  const metadata = page.getByLabel('Sample metadata');
  await expect(heading).toContainText(`Sample ${ids[at]} `);
  await expect(nav).toContainText(`${at + 1} / ${ids.length}`);
  // ] walks the filtered list: over the absent sample next in the unfiltered one.
  await page.keyboard.press(']');
  await expect(heading).toContainText(`Sample ${ids[at + 1]} `);
  await expect(nav).toContainText(`${at + 2} / ${ids.length}`);
  await expect(metadata).toContainText('Label present (Yes)');
  await page.keyboard.press(']');
  await expect(heading).toContainText(`Sample ${ids[at + 2]} `);
  await expect(nav).toContainText(`${at + 3} / ${ids.length}`);
  await page.keyboard.press('[');
  await expect(heading).toContainText(`Sample ${ids[at + 1]} `);
  await expect(nav).toContainText(`${at + 2} / ${ids.length}`);
  await page.keyboard.press('[');
  await expect(heading).toContainText(`Sample ${ids[at]} `);
  await expect(metadata).toContainText('Label present (Yes)');
  await expect(page).toHaveURL(/dx_label=true/);

  // The browser's Back leaves the samples (they replace each other) for the filtered worklist.
  await page.goBack();
  await expect(page).toHaveURL(/\/\?dx_label=true$/);
  await expect(page.getByLabel('Label')).toHaveValue('true');
  await expect(rows.nth(1)).toContainText(`#${ids[0]}`);

  // So does the view's own Back control.
  await page.getByRole('link', { name: `#${ids[at]}`, exact: true }).click();
  await expect(heading).toContainText(`Sample ${ids[at]} `);
  await page.keyboard.press(']');
  await expect(heading).toContainText(`Sample ${ids[at + 1]} `);
  await page.getByRole('button', { name: '‹ Worklist' }).click();
  await expect(page).toHaveURL(/\/\?dx_label=true$/);
  await expect(page.getByLabel('Label')).toHaveValue('true');
  await expect(rows.nth(1)).toContainText(`#${ids[0]}`);
});

test('a sample opened by its link (no worklist behind it) goes Back to the worklist', async ({
  page,
  sampleIds,
}) => {
  const { ids, at } = filteredCase();
  await page.goto(`/samples/${sampleIds.get(ids[at + 1]!)}?dx_label=true`);
  await expect(page.getByRole('navigation', { name: 'Samples' })).toContainText(
    `${at + 2} / ${ids.length}`,
  );
  await page.getByRole('button', { name: '‹ Worklist' }).click();
  await expect(page).toHaveURL(/\/\?dx_label=true$/);
  await expect(page.getByLabel('Label')).toHaveValue('true');
});
