import { z } from 'zod';
import { PublicIdSchema, RoleSchema, TimestampSchema } from './common';

/** Usernames: 3-40 letters, digits, dot, dash or underscore. */
export const UsernameSchema = z
  .string()
  .regex(/^[A-Za-z0-9._-]{3,40}$/, 'must be 3-40 letters, digits, ".", "-" or "_"');

/** Passwords: at least 10 characters (length beats composition rules). */
export const PasswordSchema = z
  .string()
  .min(10, 'must be at least 10 characters')
  .max(1000, 'must be at most 1000 characters');

/** POST /api/users body. */
export const CreateUserRequestSchema = z.strictObject({
  username: UsernameSchema,
  role: RoleSchema,
  password: PasswordSchema,
});
/** POST /api/users body. */
export type CreateUserRequest = z.infer<typeof CreateUserRequestSchema>;

/** A user account as admins see it (never the password hash). */
export const UserSchema = z.object({
  id: PublicIdSchema,
  username: z.string(),
  role: RoleSchema,
  disabled: z.boolean(),
  version: z.int().min(1),
  createdAt: TimestampSchema,
  updatedAt: TimestampSchema,
});
/** A user account. */
export type User = z.infer<typeof UserSchema>;

/** GET /api/users response. */
export const UserListResponseSchema = z.object({ items: z.array(UserSchema) });
/** GET /api/users response. */
export type UserListResponse = z.infer<typeof UserListResponseSchema>;
