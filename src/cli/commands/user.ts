import { randomBytes } from 'node:crypto';
import { RoleSchema } from '../../schemas/api/common';
import { PasswordSchema, UsernameSchema } from '../../schemas/api/users';
import { ServiceError } from '../../server/services/service-error';
import { createUser, disableUser, findUserByUsername } from '../../server/services/users';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';
import { openConfiguredStorage } from './workspace-storage';

const usage = [
  'ecg-workbench user add <username> --role <cardiologist|reviewer|curator|admin> [--password-stdin]',
  'ecg-workbench user disable <username>',
  '  Works on the database of DATA_DIR (SQLite) or DATABASE_URL (PostgreSQL), like the server.',
  '  Without --password-stdin a random password is generated and printed once.',
].join('\n');

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks)
    .toString('utf8')
    .replace(/\r?\n$/, '');
}

function fail(io: CliIo, message: string, code: number): number {
  io.err(code === EXIT.usage ? `${message}\n\nUsage:\n${usage}` : message);
  return code;
}

async function add(args: readonly string[], io: CliIo): Promise<number> {
  const [username, ...rest] = args;
  if (!username || username.startsWith('--'))
    return fail(io, 'user add: the username is missing.', EXIT.usage);
  let role: string | undefined;
  let fromStdin = false;
  for (let i = 0; i < rest.length; i++) {
    const arg = rest[i];
    if (arg === '--role') role = rest[++i];
    else if (arg?.startsWith('--role=')) role = arg.slice('--role='.length);
    else if (arg === '--password-stdin') fromStdin = true;
    else return fail(io, `user add: unknown argument "${arg}".`, EXIT.usage);
  }
  const parsedRole = RoleSchema.safeParse(role);
  if (!parsedRole.success) {
    return fail(
      io,
      `user add: --role must be one of cardiologist, reviewer, curator, admin (got ${role ?? 'nothing'}).`,
      EXIT.usage,
    );
  }
  const parsedName = UsernameSchema.safeParse(username);
  if (!parsedName.success)
    return fail(
      io,
      `user add: username "${username}" ${parsedName.error.issues[0]?.message}.`,
      EXIT.invalid,
    );
  const password = fromStdin ? await readStdin() : randomBytes(18).toString('base64url');
  const parsedPassword = PasswordSchema.safeParse(password);
  if (!parsedPassword.success) {
    return fail(
      io,
      `user add: the password from stdin ${parsedPassword.error.issues[0]?.message}.`,
      EXIT.invalid,
    );
  }
  const opened = await openConfiguredStorage(io);
  if (typeof opened === 'number') return opened;
  const { storage } = opened;
  try {
    const user = await createUser(storage.db, null, { username, role: parsedRole.data, password });
    io.out(`Added ${user.role} "${user.username}" (id ${user.id}).`);
    if (!fromStdin) io.out(`One-time password (shown once): ${password}`);
    return EXIT.ok;
  } catch (error) {
    if (error instanceof ServiceError) return fail(io, `user add: ${error.message}`, EXIT.invalid);
    throw error;
  } finally {
    await storage.close();
  }
}

async function disable(args: readonly string[], io: CliIo): Promise<number> {
  const [username, ...rest] = args;
  if (!username || rest.length > 0)
    return fail(io, 'user disable takes exactly one username.', EXIT.usage);
  const opened = await openConfiguredStorage(io);
  if (typeof opened === 'number') return opened;
  const { storage } = opened;
  try {
    const user = await findUserByUsername(storage.db, username);
    if (!user) return fail(io, `user disable: no user "${username}".`, EXIT.invalid);
    if (user.disabled !== 0) {
      io.out(`"${username}" was already disabled.`);
      return EXIT.ok;
    }
    await disableUser(storage.db, null, user.id, null);
    io.out(`Disabled "${username}" and ended their sessions.`);
    return EXIT.ok;
  } finally {
    await storage.close();
  }
}

/** `user add` / `user disable`: account management on the server's database. */
export const userCommand: CliCommand = {
  name: 'user',
  summary: 'Add or disable a user account (same database as the server)',
  usage,
  async run(args, io) {
    const [sub, ...rest] = args;
    if (sub === 'add') return add(rest, io);
    if (sub === 'disable') return disable(rest, io);
    return fail(
      io,
      sub ? `Unknown user subcommand "${sub}".` : 'user: add or disable?',
      EXIT.usage,
    );
  },
};
