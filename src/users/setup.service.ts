import { createAgency } from '../agencies/agencies.service.ts';
import type { Db } from '../db/database.ts';
import { inTransaction } from '../db/tx.ts';
import { systemActor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { randomToken, sha256Hex } from '../shared/ids.ts';
import { createUser, needsSetup } from './users.service.ts';

type Deps = { db: Db; clock: Clock };
const SETTING = 'setup_token_sha256';

/** On an empty platform, issues a fresh one-time setup token (replacing any earlier one) and returns it; else null. */
export async function issueSetupToken({ db }: Deps): Promise<string | null> {
  if (!(await needsSetup(db))) return null;
  const token = randomToken(24);
  await db
    .insertInto('settings')
    .values({ key: SETTING, value: sha256Hex(token) })
    .onConflict((oc) => oc.column('key').doUpdateSet({ value: sha256Hex(token) }))
    .execute();
  return token;
}

/** True when the token is the current one-time setup token and setup has not been done. */
export async function isSetupTokenValid({ db }: Deps, token: string | undefined): Promise<boolean> {
  if (!token) return false;
  const row = await db.selectFrom('settings').select('value').where('key', '=', SETTING).executeTakeFirst();
  return row?.value === sha256Hex(token) && (await needsSetup(db));
}

export type SetupInput = { agency: Record<string, unknown>; admin: { username: string; displayName: string; password: string; email?: string } };

/** Creates the first agency and its administrator (also the platform superadmin) in one transaction; burns the token. */
export async function completeSetup(deps: Deps, token: string | undefined, input: SetupInput) {
  if (!(await isSetupTokenValid(deps, token))) throw new DomainError('FORBIDDEN', t.setup.invalidLink);
  return inTransaction(deps.db, async (trx) => {
    const actor = systemActor('初始设置');
    const agency = await createAgency({ db: trx, clock: deps.clock }, actor, input.agency);
    const user = await createUser({ db: trx, clock: deps.clock }, actor, {
      ...input.admin,
      isSuperadmin: true,
      roles: [{ agencyId: agency.id, role: 'admin' }],
    });
    await trx.deleteFrom('settings').where('key', '=', SETTING).execute();
    return { agency, user };
  });
}
