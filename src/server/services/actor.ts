import type { Role } from '../../schemas/api/common';

/** Who performs a change: a signed-in user (null actor means the system or the CLI). */
export interface Actor {
  readonly id: string;
  readonly username: string;
  readonly role: Role;
}
