import { CreateUserRequestSchema } from '../../schemas/api/users';
import { createUser, disableUser, listUsers } from '../services/users';
import { ADMINS, etag } from './access';
import type { Route } from './route-table';
import { defineRoute } from './route-table';

/** Account management (admins only). */
export const userRoutes: Route[] = [
  defineRoute({
    method: 'GET',
    path: '/api/users',
    access: ADMINS,
    summary: 'List users',
    async handler({ db }) {
      return { body: { items: await listUsers(db) } };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users',
    access: ADMINS,
    summary: 'Create a user',
    body: CreateUserRequestSchema,
    async handler({ db, body, actor }) {
      const user = await createUser(db, actor(), body);
      return { status: 201, body: user, headers: etag(user.version) };
    },
  }),
  defineRoute({
    method: 'POST',
    path: '/api/users/:id/disable',
    access: ADMINS,
    summary: 'Disable a user',
    versioned: true,
    async handler({ db, params, baseVersion, actor }) {
      const user = await disableUser(db, actor(), params['id'] ?? '', baseVersion);
      return { body: user, headers: etag(user.version) };
    },
  }),
];
