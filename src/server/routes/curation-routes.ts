import {
  ApplyRegenerationRequestSchema,
  FlagBoardSchema,
  RegenerationAppliedSchema,
  RegenerationPreviewSchema,
  ResampleCandidatesSchema,
  ResampleFromTemplateRequestSchema,
  ResampleFromTemplateResponseSchema,
  TargetDxParamSchema,
} from '../../schemas/api/curation';
import type { TargetDx } from '../../schemas/benchmark-sample';
import { flagBoard } from '../services/curation-board';
import {
  applyPreviewedRegeneration,
  candidatesForSample,
  regenerationPreview,
  resampleSampleFromTemplate,
} from '../services/curation';
import { recordRoots } from '../services/records';
import { ServiceError } from '../services/service-error';
import { CURATORS, PASS_OVERSEERS, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Curators and admins read the board, candidates and previews (admins oversee; only curators write). */
const CURATION_READERS = PASS_OVERSEERS;
/** A re-sample request is a few ids and a hash. */
const RESAMPLE_BODY_BYTES = 1024;
/** A regeneration apply names one token. */
const APPLY_BODY_BYTES = 512;

function targetDxParam(value: string | undefined): TargetDx {
  const parsed = TargetDxParamSchema.safeParse(value);
  if (!parsed.success) {
    throw new ServiceError('invalid', parsed.error.issues[0]?.message ?? 'not a target diagnosis', {
      issues: [{ path: 'params.targetDx', message: 'must be a target diagnosis, e.g. lbbb' }],
    });
  }
  return parsed.data;
}

/** The curator's workbench: flag board, re-sampling from the template, regeneration. */
export const curationRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/curation/board',
    access: CURATION_READERS,
    summary: 'Read the flag board',
    response: FlagBoardSchema,
    async handler({ db, actor }) {
      return { body: await flagBoard(db, actor()) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/samples/:id/resample-candidates',
    access: CURATION_READERS,
    summary: 'List candidate ECGs for a re-sample',
    response: ResampleCandidatesSchema,
    async handler({ db, deps, params, actor }) {
      const body = await candidatesForSample(
        db,
        recordRoots(deps.config),
        actor(),
        params['id'] ?? '',
      );
      return { body, headers: etag(body.sample.version) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/samples/:id/resample-from-template',
    access: CURATORS,
    summary: 'Re-sample a sample from its template',
    body: ResampleFromTemplateRequestSchema,
    response: ResampleFromTemplateResponseSchema,
    maxBodyBytes: RESAMPLE_BODY_BYTES,
    versioned: true,
    async handler({ db, deps, params, body, baseVersion, actor }) {
      const result = await resampleSampleFromTemplate(
        db,
        recordRoots(deps.config),
        actor(),
        params['id'] ?? '',
        baseVersion,
        body,
      );
      return result.dryRun
        ? { body: result }
        : { body: result, headers: etag(result.sample.version) };
    },
  }),
  defineRoute({
    method: 'GET',
    path: '/api/regenerations/:targetDx',
    access: CURATION_READERS,
    summary: 'Preview regenerating every sample of a diagnosis',
    response: RegenerationPreviewSchema,
    async handler({ db, deps, params }) {
      const targetDx = targetDxParam(params['targetDx']);
      return { body: await regenerationPreview(db, recordRoots(deps.config), targetDx) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/regenerations/:targetDx',
    access: CURATORS,
    summary: 'Regenerate every sample of a diagnosis',
    body: ApplyRegenerationRequestSchema,
    response: RegenerationAppliedSchema,
    maxBodyBytes: APPLY_BODY_BYTES,
    async handler({ db, deps, params, body, actor }) {
      const targetDx = targetDxParam(params['targetDx']);
      return {
        body: await applyPreviewedRegeneration(
          db,
          recordRoots(deps.config),
          actor(),
          targetDx,
          body.token,
        ),
      };
    },
  }),
];
