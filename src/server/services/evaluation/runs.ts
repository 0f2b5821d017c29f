/** Stored model runs: listing, reading one, removing one. */
import type { ModelRun } from '../../../schemas/api/evaluation';
import type { InferenceMode } from '../../../schemas/model-answers';
import type { Db } from '../../storage/database';
import type { Actor } from '../actor';
import { writeAudit } from '../audit';
import { notFound } from '../service-error';
import { inTransaction } from '../transaction';

function runsQuery(db: Db) {
  return db
    .selectFrom('model_runs')
    .leftJoin('users', 'users.id', 'model_runs.imported_by')
    .select([
      'model_runs.id',
      'model_runs.model',
      'model_runs.mode',
      'model_runs.file_name',
      'model_runs.created_at',
      'users.username',
    ])
    .select((eb) =>
      eb
        .selectFrom('model_answers')
        .whereRef('model_answers.run_id', '=', 'model_runs.id')
        .select((e) => e.fn.countAll<number>().as('n'))
        .as('answers'),
    );
}

type RunRow = Awaited<ReturnType<ReturnType<typeof runsQuery>['executeTakeFirstOrThrow']>>;

const toRun = (row: RunRow): ModelRun => ({
  id: row.id,
  model: row.model,
  mode: row.mode as InferenceMode,
  fileName: row.file_name,
  answers: Number(row.answers ?? 0),
  importedAt: row.created_at,
  importedBy: row.username ?? null,
});

/** Every run, by model then protocol. */
export async function listRuns(db: Db): Promise<ModelRun[]> {
  const rows = await runsQuery(db).orderBy('model_runs.model').orderBy('model_runs.mode').execute();
  return rows.map(toRun);
}

/** One run; 404 if unknown. */
export async function getRun(db: Db, id: string): Promise<ModelRun> {
  const row = await runsQuery(db).where('model_runs.id', '=', id).executeTakeFirst();
  if (!row) throw notFound('Model run');
  return toRun(row);
}

/** Removes a run and its answers. */
export async function deleteRun(db: Db, actor: Actor, id: string): Promise<void> {
  const run = await getRun(db, id);
  await inTransaction(db, async (trx) => {
    await trx.deleteFrom('model_answers').where('run_id', '=', id).execute();
    await trx.deleteFrom('model_runs').where('id', '=', id).execute();
    await writeAudit(trx, actor, {
      entity: 'model_run',
      entityId: id,
      action: 'delete',
      before: { model: run.model, mode: run.mode, answers: run.answers },
      after: null,
      baseVersion: null,
    });
  });
}
