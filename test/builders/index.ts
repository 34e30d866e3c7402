import { createAgency } from '../../src/agencies/agencies.service.ts';
import type { DbOrTrx } from '../../src/db/database.ts';
import type { Agency, Role } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import { createUser, type UserView } from '../../src/users/users.service.ts';

export const TEST_PASSWORD = 'Passw0rd-test';
export const testClock: Clock = fixedClock('2024-09-27T02:00:00Z');
let seq = 0;

/** An agency with sensible facts; override any field. */
export function buildAgency(db: DbOrTrx, overrides: Record<string, unknown> = {}, clock: Clock = testClock): Promise<Agency> {
  seq++;
  return createAgency({ db, clock }, systemActor('测试'), { code: `agency${seq}`, name: `测试机关${seq}`, kind: 'department', ...overrides });
}

/** A user with one role in an agency (or a superadmin), password TEST_PASSWORD. */
export function buildUser(
  db: DbOrTrx,
  opts: { agencyId?: number; role?: Role; username?: string; superadmin?: boolean },
  clock: Clock = testClock,
): Promise<UserView> {
  seq++;
  return createUser({ db, clock }, systemActor('测试'), {
    username: opts.username ?? `user${seq}`,
    displayName: `用户${seq}`,
    password: TEST_PASSWORD,
    isSuperadmin: opts.superadmin ?? false,
    roles: opts.agencyId ? [{ agencyId: opts.agencyId, role: opts.role ?? 'editor' }] : [],
  });
}
