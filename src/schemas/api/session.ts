import { z } from 'zod';
import { TEXT_LIMITS } from '../text-limits';
import { PublicIdSchema, RoleSchema } from './common';

/** POST /api/session body. */
export const LoginRequestSchema = z.strictObject({
  username: z.string().min(1, 'is required').max(TEXT_LIMITS.name),
  password: z.string().min(1, 'is required').max(1000),
});
/** POST /api/session body. */
export type LoginRequest = z.infer<typeof LoginRequestSchema>;

/** The signed-in user as the session routes return it. */
export const SessionUserSchema = z.object({
  id: PublicIdSchema,
  username: z.string(),
  role: RoleSchema,
});
/** The signed-in user. */
export type SessionUser = z.infer<typeof SessionUserSchema>;

/** GET and POST /api/session response. */
export const SessionResponseSchema = z.object({ user: SessionUserSchema });
/** GET and POST /api/session response. */
export type SessionResponse = z.infer<typeof SessionResponseSchema>;
