/** Data the analytics screens need, put in through the API: model answers and submitted labels. */
import { existsSync, readFileSync } from 'node:fs';
import type { APIRequestContext } from '@playwright/test';
import { expect } from '@playwright/test';
import type { GeneratedAnswer } from '../../src/testing/answer-generator';
import { AnswerImportJobSchema } from '../../src/schemas/api/evaluation';
import { sameOrigin } from './e2e-users';
import { benchmarkFile, ptbxlRecordBase } from './real-data';

/** A raw benchmark line with the metadata the analytics tests read. */
export type AnalyticsSample = Record<string, unknown> & {
  metadata: { id: number; ecg_id: string; target_dx: string };
};

/** The benchmark's samples whose records are in ../shared (the drill-down draws their ECG). */
export function samplesWithRecords(): AnalyticsSample[] {
  return readFileSync(benchmarkFile, 'utf8')
    .split('\n')
    .filter(Boolean)
    .map((l) => JSON.parse(l) as AnalyticsSample)
    .filter((s) => existsSync(`${ptbxlRecordBase(s.metadata.ecg_id)}.hea`));
}

/** Imports generated answers as one JSONL under a model's name and waits until they are in. */
export async function importAnswers(
  api: APIRequestContext,
  model: string,
  answers: readonly GeneratedAnswer[],
): Promise<void> {
  const jsonl = `${answers.map((a) => JSON.stringify(a.value)).join('\n')}\n`;
  const started = await api.post('/api/evaluation/imports', {
    data: { fileName: `${model}.jsonl`, model, sizeBytes: Buffer.byteLength(jsonl) },
    headers: sameOrigin(),
  });
  expect(started.status(), await started.text()).toBe(201);
  const job = AnswerImportJobSchema.parse(await started.json());
  const sent = await api.put(`/api/evaluation/imports/${job.id}/file`, {
    data: jsonl,
    headers: sameOrigin({ 'content-type': 'application/x-ndjson' }),
  });
  expect(sent.status(), await sent.text()).toBe(200);
  await expect
    .poll(
      async () =>
        AnswerImportJobSchema.parse(
          await (await api.get(`/api/evaluation/imports/${job.id}`)).json(),
        ).status,
      { timeout: 60_000 },
    )
    .toBe('imported');
}

/** A normal ECG's dense label. */
export const NORMAL_LABEL = {
  rate: 'normal',
  rhythm: 'sinus',
  axis: 'normal',
  conduction: ['none'],
  ischemia: { stage: 'none', territory: ['none'] },
  other_findings: [],
  diagnosis: 'normal ECG',
};

/**
 * The signed-in cardiologist submits labels for the first 12 ECGs with records: normal, except
 * every third rate is bradycardia. Returns the ECGs (public id and ecg_id) in that order.
 */
export async function submitLabels(
  api: APIRequestContext,
): Promise<{ id: string; ecgId: string }[]> {
  const ecgs: { id: string; ecgId: string }[] = [];
  let cursor: string | null = null;
  do {
    const page = (await (
      await api.get(`/api/ecgs?limit=500${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`)
    ).json()) as {
      items: { id: string; ecgId: string; recordAvailable: boolean }[];
      nextCursor: string | null;
    };
    ecgs.push(...page.items.filter((e) => e.recordAvailable));
    cursor = page.nextCursor;
  } while (cursor && ecgs.length < 12);
  ecgs.splice(12);
  expect(ecgs).toHaveLength(12);
  for (const [i, ecg] of ecgs.entries()) {
    const own = (await (await api.get(`/api/ecgs/${ecg.id}/label`)).json()) as {
      label: { version: number } | null;
    };
    const content = { ...NORMAL_LABEL, rate: i % 3 === 0 ? 'bradycardia' : 'normal' };
    const saved = await api.put(`/api/ecgs/${ecg.id}/label`, {
      data: { status: 'submitted', content },
      headers: sameOrigin({ 'if-match': `"${own.label?.version ?? 0}"` }),
    });
    expect(saved.status(), await saved.text()).toBe(200);
  }
  return ecgs;
}
