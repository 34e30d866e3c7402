import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createAgency } from '../../src/agencies/agencies.service.ts';
import { isValidCreditCode } from '../../src/agencies/credit-code.ts';
import { recordAudit, verifyAuditChain } from '../../src/audit/audit.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { login } from '../../src/users/auth.service.ts';
import { createUser } from '../../src/users/users.service.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('foundation services on %s', (dialect) => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb?.cleanup());

  it('creates an agency with its audit record in the same commit', async () => {
    const agency = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局', creditCode: '11371500MB2857621' + 'X' }).catch((e) => e);
    // The check character above is wrong on purpose: the whole create is refused and nothing is written.
    expect(agency).toBeInstanceOf(DomainError);
    expect((agency as DomainError).fields.creditCode).toContain('统一社会信用代码');
    expect(await tdb.db.selectFrom('agencies').select('id').where('code', '=', 'lcgxj').executeTakeFirst()).toBeUndefined();

    const ok = await buildAgency(tdb.db, { code: 'lcgxj', name: '聊城市工业和信息化局' });
    const audit = await tdb.db.selectFrom('auditLog').selectAll().where('entityType', '=', 'agency').where('entityId', '=', String(ok.id)).execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.action).toBe('agency.create');
    expect(JSON.parse(audit[0]?.afterJson ?? '{}').name).toBe('聊城市工业和信息化局');
  });

  it('refuses a taken or reserved agency code with a field message', async () => {
    const taken = await buildAgency(tdb.db, { code: 'lcgxj' }).catch((e) => e);
    expect(taken).toBeInstanceOf(DomainError);
    expect((taken as DomainError).code).toBe('CONFLICT');
    const reserved = await buildAgency(tdb.db, { code: 'admin' }).catch((e) => e);
    expect((reserved as DomainError).fields.code).toBe('该机关代码为系统保留字，请换一个。');
  });

  it('validates credit codes by their check character', () => {
    expect(isValidCreditCode('91350100M000100Y43')).toBe(true);
    expect(isValidCreditCode('91350100M000100Y44')).toBe(false);
    expect(isValidCreditCode('short')).toBe(false);
  });

  it('rolls back a use case whose audit record cannot be written', async () => {
    const before = await tdb.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    await expect(
      tdb.db.transaction().execute(async (trx) => {
        await createAgency({ db: trx, clock: testClock }, systemActor(), { code: 'rollback', name: '回滚机关' });
        throw new Error('boom after the change');
      }),
    ).rejects.toThrow('boom');
    const after = await tdb.db
      .selectFrom('agencies')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    expect(Number(after.n)).toBe(Number(before.n));
  });

  it('hashes passwords with argon2 and never stores them in the clear', async () => {
    const agency = await buildAgency(tdb.db);
    const user = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    const row = await tdb.db.selectFrom('users').select('passwordHash').where('id', '=', user.id).executeTakeFirstOrThrow();
    expect(row.passwordHash).toMatch(/^\$argon2id\$/);
    expect(row.passwordHash).not.toContain(TEST_PASSWORD);
    const weak = await createUser({ db: tdb.db, clock: testClock }, systemActor(), { username: 'weakling', displayName: '弱', password: 'short' }).catch(
      (e) => e,
    );
    expect((weak as DomainError).fields.password).toBe('密码至少 10 位，且须包含字母和数字。');
  });

  it('refuses a wrong password and throttles the 6th rapid failure of an account', async () => {
    const agency = await buildAgency(tdb.db);
    const user = await buildUser(tdb.db, { agencyId: agency.id, username: 'throttled' });
    const deps = { db: tdb.db, clock: fixedClock('2024-10-08T01:00:00Z') };
    const attempt = (password: string) => login(deps, { username: user.username, password, ip: '10.0.0.9' }).catch((e: DomainError) => e);
    for (let i = 0; i < 4; i++) expect(((await attempt('wrong-password1')) as DomainError).code).toBe('UNAUTHENTICATED');
    // The 5th failure reaches the limit; from then on the account is locked, even with the right password.
    expect(((await attempt('wrong-password1')) as DomainError).code).toBe('THROTTLED');
    const sixth = (await attempt(TEST_PASSWORD)) as DomainError;
    expect(sixth.code).toBe('THROTTLED');
    expect(sixth.message).toContain('登录失败次数过多');
    // After the lock expires the right password works again.
    const later = { db: tdb.db, clock: fixedClock('2024-10-08T01:16:00Z') };
    const ok = await login(later, { username: user.username, password: TEST_PASSWORD, ip: '10.0.0.9' });
    expect(ok.token.length).toBeGreaterThan(20);
  });

  it('keeps a verifiable audit chain and finds an altered or removed row', async () => {
    const first = await verifyAuditChain(tdb.db);
    expect(first.ok).toBe(true);
    const n = first.count;
    expect(n).toBeGreaterThan(3);
    await tdb.db
      .transaction()
      .execute((trx) => recordAudit(trx, testClock, { actor: systemActor(), agencyId: null, action: 'test.event', entityType: 'test', after: { a: 1 } }));
    expect(await verifyAuditChain(tdb.db)).toEqual({ ok: true, count: n + 1 });

    const victim = await tdb.db.selectFrom('auditLog').select(['id', 'afterJson']).orderBy('id').offset(2).limit(1).executeTakeFirstOrThrow();
    await tdb.db.updateTable('auditLog').set({ afterJson: '{"tampered":true}' }).where('id', '=', victim.id).execute();
    const altered = await verifyAuditChain(tdb.db);
    expect(altered).toMatchObject({ ok: false, brokenAt: victim.id });
    await tdb.db.updateTable('auditLog').set({ afterJson: victim.afterJson }).where('id', '=', victim.id).execute();
    expect((await verifyAuditChain(tdb.db)).ok).toBe(true);

    await tdb.db.deleteFrom('auditLog').where('id', '=', victim.id).execute();
    const removed = await verifyAuditChain(tdb.db);
    expect(removed.ok).toBe(false);
    if (!removed.ok) expect(removed.brokenAt).toBeGreaterThan(victim.id);
  });

  it('cannot fork the chain: a second entry on the same predecessor is refused by the database', async () => {
    const last = await tdb.db.selectFrom('auditLog').select(['prevHash']).orderBy('id', 'desc').limit(1).executeTakeFirstOrThrow();
    await expect(
      sql`insert into audit_log (at, actor_name, action, entity_type, prev_hash, hash) values ('x', 'x', 'x', 'x', ${last.prevHash}, 'x')`.execute(tdb.db),
    ).rejects.toThrow();
  });
});
