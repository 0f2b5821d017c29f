import { z } from 'zod';

/** The four roles; what each may do is in the server's route table. */
export const ROLES = ['cardiologist', 'reviewer', 'curator', 'admin'] as const;

/** A user's role. */
export const RoleSchema = z.enum(ROLES);
/** A user's role. */
export type Role = z.infer<typeof RoleSchema>;

/** A public id: 26 lowercase Crockford base32 characters (128 random bits). */
export const PublicIdSchema = z
  .string()
  .regex(/^[0-9abcdefghjkmnpqrstvwxyz]{26}$/, 'must be a 26-character public id');

/** An ISO-8601 UTC timestamp. */
export const TimestampSchema = z.iso.datetime();

/**
 * One problem with a request: where (JSON path in the request, e.g. "body.sample.metadata.id")
 * and what; a broken benchmark or label rule also names the rule and its severity.
 */
export const ApiIssueSchema = z.object({
  path: z.string(),
  message: z.string(),
  rule: z.string().optional(),
  severity: z.enum(['error', 'warning']).optional(),
});
/** One problem with a request. */
export type ApiIssue = z.infer<typeof ApiIssueSchema>;

/**
 * One broken rule of a write (the rules of `validate`): where in the request body, which rule,
 * how bad, what. Errors refuse the write (422, in error.issues); warnings come back with the
 * saved entity (in `warnings`).
 */
export const RuleProblemSchema = z.object({
  path: z.string(),
  rule: z.string(),
  severity: z.enum(['error', 'warning']),
  message: z.string(),
});
/** One broken rule of a write. */
export type RuleProblem = z.infer<typeof RuleProblemSchema>;

/** Every error response: a stable code, a sentence, and for 400 and 422 the problems by path. */
export const ApiErrorSchema = z.object({
  error: z.object({
    code: z.string(),
    message: z.string(),
    issues: z.array(ApiIssueSchema).optional(),
  }),
});
/** Every error response body. */
export type ApiError = z.infer<typeof ApiErrorSchema>;

/** Query parameters for any cursor-paginated list. */
export const PageQuerySchema = z.strictObject({
  cursor: z.string().min(1).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

/** A query-string boolean: "true" or "false". */
export const QueryBooleanSchema = z
  .enum(['true', 'false'], { message: 'must be true or false' })
  .transform((value) => value === 'true');
