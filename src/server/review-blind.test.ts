import { parse as parseCsv } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AgreementResponseSchema, ReviewExportLineSchema } from '../schemas/api/review-agreement';
import { ReviewQueueResponseSchema } from '../schemas/api/review-queue';
import type { BenchmarkSampleV002 } from '../schemas/benchmark-sample';
import type { ApiHarness, TestClient, TestUserName } from '../testing/api-harness';
import { createApiHarness } from '../testing/api-harness';
import { loadRealSamples } from '../testing/sample-fixtures';
import { DB_KINDS } from '../testing/test-database';
import { apiRoutes } from './routes/index';
import { listAudit } from './services/audit';

// Ten real samples spread over the file, so several diagnoses meet in one pass.
const allSamples = loadRealSamples(3084);
const samples: BenchmarkSampleV002[] = Array.from({ length: 10 }, (_, i) => allSamples[i * 300]!);

// Planted verdicts: the two reviewers disagree on samples 1, 4 and 9.
const PLANTED: Record<'reviewer' | 'reviewer2', ('pass' | 'flag')[]> = {
  reviewer: ['pass', 'pass', 'flag', 'pass', 'flag', 'pass', 'pass', 'flag', 'pass', 'pass'],
  reviewer2: ['pass', 'flag', 'flag', 'pass', 'pass', 'pass', 'pass', 'flag', 'pass', 'flag'],
};
const secret = (who: string, i: number) => `secret-${who}-comment-${i}`;

type Who = 'reviewer' | 'reviewer2';

describe.each(DB_KINDS)('blind double review on %s', (kind) => {
  let h: ApiHarness;
  const sampleIds: string[] = [];
  let passId = '';
  let passVersion = 0;
  // What each reviewer wrote that the other must not see: comment texts, verdict and flag ids.
  const written: Record<Who, string[]> = { reviewer: [], reviewer2: [] };

  beforeAll(async () => {
    h = await createApiHarness(kind);
    await h.addEcg(samples[0]!.metadata.ecg_id);
    for (const sample of samples) sampleIds.push(await h.addSample(sample));
  });
  afterAll(async () => {
    await h.dispose();
  });

  const other = (who: Who): Who => (who === 'reviewer' ? 'reviewer2' : 'reviewer');

  async function submitAll(who: Who) {
    const client = h.client(who);
    for (let i = 0; i < 10; i++) {
      const verdict = PLANTED[who][i]!;
      const body =
        verdict === 'pass'
          ? { verdict, comment: secret(who, i) }
          : {
              verdict,
              reasons: [1, 'wording'],
              comment: secret(who, i),
              steps: [{ stepIdx: 0, verdict: 'flag', reasons: [3], comment: secret(who, 100 + i) }],
            };
      const r = await client.request(
        'PUT',
        `/api/review-passes/${passId}/samples/${sampleIds[i]}/verdict`,
        { body, ifMatch: 0 },
      );
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      written[who].push(r.body.verdict.id as string, secret(who, i));
      if (verdict === 'flag') written[who].push(secret(who, 100 + i));
    }
    const flags = await h.client('curator').request('GET', `/api/flags?pass=${passId}`);
    for (const flag of flags.body.items as { id: string; raisedBy: string }[]) {
      if (flag.raisedBy === h.userIds[who]) written[who].push(flag.id);
    }
  }

  /** Every GET route the client may call, with every id of the pass in its path parameters. */
  async function sweep(client: TestClient): Promise<string> {
    const ids = [...sampleIds, ...written.reviewer, ...written.reviewer2].filter((id) =>
      /^[0-9a-z]{26}$/.test(id),
    );
    const values: Record<string, string[]> = {
      passId: [passId],
      sampleId: sampleIds,
      id: ids,
      source: ['ptbxl'],
      ecgId: [samples[0]!.metadata.ecg_id],
      fileName: [`${samples[0]!.metadata.ecg_id.padStart(5, '0')}_hr.hea`],
      file: ['ptbxl.jsonl'],
    };
    const queries = [
      '',
      `?pass=${passId}`,
      '?status=open',
      '?status=done',
      '?reason=wording',
      `?sample=${sampleIds[2]}`,
      '?entity=review_verdict',
      '?entity=flag&limit=500',
      '?format=csv',
      `?reviewer=${h.userIds.reviewer}`,
      `?reviewer=${h.userIds.reviewer2}`,
    ];
    let seen = '';
    for (const route of apiRoutes.filter((r) => r.method === 'GET')) {
      const names = [...route.path.matchAll(/:([A-Za-z]+)/g)].map((m) => m[1]!);
      let paths = [route.path];
      for (const name of names) {
        paths = paths.flatMap((path) =>
          (values[name] ?? []).map((value) => path.replace(`:${name}`, value)),
        );
      }
      for (const path of paths) {
        for (const query of route.query ? queries : ['']) {
          const r = await client.request('GET', `${path}${query}`);
          expect(r.status, `${path}${query}`).toBeLessThan(500);
          // Only bodies and headers: the path itself names the ids tried.
          seen += `\n${JSON.stringify([...r.headers])} ${typeof r.body === 'string' ? r.body : JSON.stringify(r.body)}`;
        }
      }
    }
    return seen;
  }

  function expectNoneOf(text: string, secrets: string[]) {
    expect(secrets.filter((s) => text.includes(s))).toEqual([]);
  }

  function expectAllOf(text: string, secrets: string[]) {
    expect(secrets.filter((s) => !text.includes(s))).toEqual([]);
  }

  it('makes a blind double pass: every sample to both reviewers', async () => {
    const r = await h.client('curator').request('POST', '/api/review-passes', {
      body: {
        name: `blind ${kind}`,
        samples: samples.map((s) => `${s.metadata.data_source}:${s.metadata.id}`),
        mode: 'blind_double',
        reviewerIds: [h.userIds.reviewer, h.userIds.reviewer2],
      },
    });
    expect(r.status, JSON.stringify(r.body)).toBe(201);
    expect(r.body).toMatchObject({ mode: 'blind_double', selection: 'ids', sampleCount: 10 });
    expect(r.body.itemCount).toBe(20);
    passId = r.body.id;
    passVersion = r.body.version;
    for (const who of ['reviewer', 'reviewer2'] as const) {
      const queue = ReviewQueueResponseSchema.parse(
        (await h.client(who).request('GET', `/api/review-passes/${passId}/queue`)).body,
      );
      expect(queue.items.map((item) => item.sampleId)).toEqual(sampleIds);
    }
  });

  it('hides the first reviewer’s work from the second through every route while open', async () => {
    await submitAll('reviewer');
    expect(written.reviewer).toHaveLength(29);
    // The sweep can see: a curator reads all of the first reviewer's work through it.
    const curatorText = await sweep(h.client('curator'));
    expectAllOf(curatorText, written.reviewer);
    expectNoneOf(await sweep(h.client('reviewer2')), written.reviewer);
    expectNoneOf(await sweep(h.client('cardiologist')), written.reviewer);
  });

  it('keeps both blind when both have judged, in counts and progress too', async () => {
    await submitAll('reviewer2');
    for (const who of ['reviewer', 'reviewer2'] as const) {
      expectNoneOf(await sweep(h.client(who)), written[other(who)]);
      const pass = await h.client(who).request('GET', `/api/review-passes/${passId}`);
      expect(pass.body.verdictCount).toBe(10);
      const progress = await h.client(who).request('GET', `/api/review-passes/${passId}/progress`);
      expect(progress.body).toMatchObject({ scope: 'own', pass: null });
      expect(progress.body.reviewers).toHaveLength(1);
      expect(progress.body.reviewers[0]).toMatchObject({
        reviewerId: h.userIds[who],
        total: 10,
        done: 10,
        flagged: PLANTED[who].filter((v) => v === 'flag').length,
      });
      const peerQueue = await h
        .client(who)
        .request('GET', `/api/review-passes/${passId}/queue?reviewer=${h.userIds[other(who)]}`);
      expect(peerQueue.status).toBe(403);
    }
    const curator = await h.client('curator').request('GET', `/api/review-passes/${passId}`);
    expect(curator.body.verdictCount).toBe(20);
    const progress = await h
      .client('curator')
      .request('GET', `/api/review-passes/${passId}/progress`);
    expect(progress.body.pass).toMatchObject({ total: 20, done: 20, timeLeftMs: 0 });
  });

  it('filters the audit log by the same rule', async () => {
    const db = h.database.storage.db;
    const viewer = (name: TestUserName) => ({ id: h.userIds[name], role: 'reviewer' as const });
    const asReviewer2 = JSON.stringify(await listAudit(db, viewer('reviewer2'), { limit: 500 }));
    expectNoneOf(asReviewer2, written.reviewer);
    expectAllOf(
      asReviewer2,
      written.reviewer2.filter((s) => s.startsWith('secret')),
    );
    const asCurator = JSON.stringify(
      await listAudit(db, { id: h.userIds.curator, role: 'curator' }, { limit: 500 }),
    );
    expectAllOf(
      asCurator,
      written.reviewer.filter((s) => s.startsWith('secret')),
    );
  });

  it("computes kappa equal to the test's own count", async () => {
    const [first, second] = (['reviewer', 'reviewer2'] as const)
      .slice()
      .sort((a, b) => (h.userIds[a] < h.userIds[b] ? -1 : 1));
    const count = (indices: number[]) => {
      const table = { passPass: 0, passFlag: 0, flagPass: 0, flagFlag: 0 };
      for (const i of indices) {
        const a = PLANTED[first!][i]!;
        const b = PLANTED[second!][i]!;
        const key = `${a}${b[0]!.toUpperCase()}${b.slice(1)}` as keyof typeof table;
        table[key]++;
      }
      const n = indices.length;
      const po = (table.passPass + table.flagFlag) / n;
      const p1 = (table.passPass + table.passFlag) / n;
      const p2 = (table.passPass + table.flagPass) / n;
      const pe = p1 * p2 + (1 - p1) * (1 - p2);
      return { table, n, po, pe, kappa: pe === 1 ? null : (po - pe) / (1 - pe) };
    };
    const r = await h.client('curator').request('GET', `/api/review-passes/${passId}/agreement`);
    expect(r.status).toBe(200);
    const report = AgreementResponseSchema.parse(r.body);
    const all = count([...Array(10).keys()]);
    expect(report.samplesSeenByTwo).toBe(10);
    expect(report.overall.table).toEqual(all.table);
    expect(report.overall.observedAgreement).toBeCloseTo(all.po, 12);
    expect(report.overall.expectedAgreement).toBeCloseTo(all.pe, 12);
    expect(report.overall.kappa).toBeCloseTo(all.kappa!, 12);
    // 7 of 10 agree; first-listed reviewer passes 7 and the second 6 (or the other way round).
    expect(all.po).toBe(0.7);
    expect(report.byPair).toHaveLength(1);
    expect(report.byPair[0]!.reviewers.map((p) => p.id)).toEqual([
      h.userIds[first!],
      h.userIds[second!],
    ]);
    for (const group of report.byDiagnosis) {
      const indices = samples.flatMap((s, i) => (s.metadata.target_dx === group.key ? [i] : []));
      const own = count(indices);
      expect(group.table, group.key).toEqual(own.table);
      if (own.kappa === null) expect(group.kappa).toBeNull();
      else expect(group.kappa).toBeCloseTo(own.kappa, 12);
    }
    expect(report.byDiagnosis.length).toBe(new Set(samples.map((s) => s.metadata.target_dx)).size);

    const csv = await h
      .client('admin')
      .request('GET', `/api/review-passes/${passId}/agreement?format=csv`);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parseCsv(csv.body as string, { columns: true }) as Record<string, string>[];
    expect(rows[0]).toMatchObject({
      scope: 'overall',
      n: '10',
      pass_pass: String(all.table.passPass),
      flag_flag: String(all.table.flagFlag),
    });
    expect(Number(rows[0]!['kappa'])).toBeCloseTo(all.kappa!, 12);
    for (const who of ['reviewer', 'reviewer2', 'cardiologist'] as const) {
      expect(
        (await h.client(who).request('GET', `/api/review-passes/${passId}/agreement`)).status,
      ).toBe(403);
    }
  });

  it('exports one JSONL line per verdict and per step verdict', async () => {
    const r = await h.client('curator').request('GET', `/api/review-passes/${passId}/export`);
    expect(r.status).toBe(200);
    expect(r.headers.get('content-type')).toMatch(/^application\/x-ndjson/);
    const text = r.body as string;
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((line) => ReviewExportLineSchema.parse(JSON.parse(line)));
    const flagged = PLANTED.reviewer.concat(PLANTED.reviewer2).filter((v) => v === 'flag').length;
    expect(lines).toHaveLength(20 + flagged);
    const line = lines.find(
      (l) => l.reviewerId === h.userIds.reviewer && l.sampleId === sampleIds[2] && l.step === null,
    );
    expect(line).toMatchObject({
      sample: `ptbxl:${samples[2]!.metadata.id}`,
      verdict: 'flag',
      reasons: ['wrong_answer', 'wording'],
      comment: secret('reviewer', 2),
    });
    const step = lines.find(
      (l) => l.reviewerId === h.userIds.reviewer && l.sampleId === sampleIds[2] && l.step === 0,
    );
    expect(step).toMatchObject({ reasons: ['grounding_window_misses_beat'] });
    expect(lines.map((l) => l.sampleId)).toEqual(
      [...lines.map((l) => l.sampleId)].sort((a, b) => sampleIds.indexOf(a) - sampleIds.indexOf(b)),
    );
  });

  it('shows everything to both reviewers once the pass closes, and takes no more verdicts', async () => {
    const stale = await h
      .client('curator')
      .request('POST', `/api/review-passes/${passId}/close`, { ifMatch: passVersion + 5 });
    expect(stale.status).toBe(412);
    const closed = await h
      .client('curator')
      .request('POST', `/api/review-passes/${passId}/close`, { ifMatch: passVersion });
    expect(closed.status).toBe(200);
    expect(closed.body).toMatchObject({ status: 'closed' });
    expect(closed.body.closedAt).not.toBeNull();
    const verdicts = await h
      .client('reviewer2')
      .request('GET', `/api/review-passes/${passId}/verdicts`);
    expect(verdicts.body.items).toHaveLength(20);
    const flags = await h.client('reviewer2').request('GET', `/api/flags?pass=${passId}`);
    expectAllOf(JSON.stringify(flags.body), [secret('reviewer', 2)]);
    const progress = await h
      .client('reviewer')
      .request('GET', `/api/review-passes/${passId}/progress`);
    expect(progress.body.scope).toBe('all');
    const late = await h
      .client('reviewer')
      .request('PUT', `/api/review-passes/${passId}/samples/${sampleIds[0]}/verdict`, {
        body: { verdict: 'flag', reasons: [7] },
        ifMatch: 1,
      });
    expect(late.status).toBe(409);
    expect(late.body.error.code).toBe('pass_closed');
    const again = await h
      .client('curator')
      .request('POST', `/api/review-passes/${passId}/close`, { ifMatch: closed.body.version });
    expect(again.status).toBe(409);
  });
});
