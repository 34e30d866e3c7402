import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import { randomToken } from '../shared/ids.ts';

/**
 * The server secret (cookie signing, the channel probe's token): GONGKAI_SECRET, else one generated once and shared
 * by all servers through the database, so a command on the same database derives the same tokens as the servers.
 */
export async function serverSecret(db: DbOrTrx, config: Pick<Config, 'secret'>): Promise<string> {
  if (config.secret) return config.secret;
  const existing = await db.selectFrom('settings').select('value').where('key', '=', 'cookie_secret').executeTakeFirst();
  if (existing) return existing.value;
  await db
    .insertInto('settings')
    .values({ key: 'cookie_secret', value: randomToken(48) })
    .onConflict((oc) => oc.column('key').doNothing())
    .execute();
  const row = await db.selectFrom('settings').select('value').where('key', '=', 'cookie_secret').executeTakeFirstOrThrow();
  return row.value;
}
