import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import type { DomainError } from '../../src/shared/errors.ts';
import { login } from '../../src/users/auth.service.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const T0 = Date.parse('2024-10-08T01:00:00Z'); // 09:00 in China
const at = (ms: number): Clock => fixedClock(new Date(T0 + ms).toISOString());
const MIN = 60_000;
// The lock after the 5th, 6th … counted failure.
const LOCK_MINUTES = [1, 2, 4, 8, 16, 30, 30];

/** A clock the test moves, for an app that must see time pass. */
function movableClock(start: number) {
  let now = start;
  return { clock: { now: () => new Date(now), today: () => fixedClock(new Date(now).toISOString()).today() } satisfies Clock, set: (ms: number) => (now = ms) };
}

describe.each(DIALECTS)('account lock-out on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let time: ReturnType<typeof movableClock>;
  let agencyA: Agency;
  let agencyB: Agency;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    time = movableClock(T0);
    app = await buildTestApp(tdb, time.clock);
    agencyA = await buildAgency(tdb.db, { code: 'lock-a', name: '甲锁局' });
    agencyB = await buildAgency(tdb.db, { code: 'lock-b', name: '乙锁局' });
    await buildUser(tdb.db, { agencyId: agencyA.id, role: 'admin', username: 'lock-admin' });
    await buildUser(tdb.db, { agencyId: agencyA.id, role: 'editor', username: 'lock-editor' });
    await buildUser(tdb.db, { agencyId: agencyB.id, role: 'editor', username: 'lock-other' });
    await buildUser(tdb.db, { superadmin: true, username: 'lock-root' });
    for (const username of ['prog', 'streak', 'page', 'told', 'victim', 'victim-b']) await buildUser(tdb.db, { agencyId: agencyA.id, username });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  const attempt = (clock: Clock, username: string, password = 'Wrong-passw0rd', ip = '10.50.0.1') =>
    login({ db: tdb.db, clock }, { username, password, ip }).then(
      () => 'ok' as const,
      (e: DomainError) => e,
    );
  /** Fails `n` times at `clock`, each from another address (only the account limit applies). */
  const failTimes = async (clock: Clock, username: string, n: number) => {
    let last: 'ok' | DomainError = 'ok';
    for (let i = 0; i < n; i++) last = await attempt(clock, username, 'Wrong-passw0rd', `10.51.${i}.1`);
    return last;
  };

  /** `n` counted failures: four at once, then each as the previous lock ends (1, 2, 4 … minutes). */
  const lockOut = async (username: string, n: number) => {
    let t = 0;
    for (let i = 0; i < n; i++) {
      const e = (await attempt(at(t), username, 'Wrong-passw0rd', `10.56.${i}.1`)) as DomainError;
      if (i >= 4) t += (LOCK_MINUTES[i - 4] ?? 30) * MIN;
      expect(e.code).toBe(i < 4 ? 'UNAUTHENTICATED' : 'THROTTLED');
    }
    return t;
  };

  it('locks progressively: four failures are free, then 1, 2, 4, 8, 16, 30, 30 minutes', async () => {
    expect(((await failTimes(at(0), 'prog', 4)) as DomainError).code).toBe('UNAUTHENTICATED');
    let t = 0;
    for (const minutes of LOCK_MINUTES) {
      const e = (await attempt(at(t), 'prog')) as DomainError;
      expect(e.code, `${minutes}`).toBe('THROTTLED');
      // Still locked a moment before the end, even with the right password; such attempts do not count.
      expect(((await attempt(at(t + minutes * MIN - 1000), 'prog', TEST_PASSWORD)) as DomainError).code, `${minutes}`).toBe('THROTTLED');
      t += minutes * MIN;
    }
    expect(await attempt(at(t), 'prog', TEST_PASSWORD)).toBe('ok');
    // A successful sign-in ends the streak: the next mistake is free again.
    expect(((await attempt(at(t), 'prog')) as DomainError).code).toBe('UNAUTHENTICATED');
  });

  it('starts a streak over after a day, so an occasional mistake never meets a long lock', async () => {
    expect(((await failTimes(at(0), 'streak', 5)) as DomainError).code).toBe('THROTTLED');
    expect(((await attempt(at(25 * 60 * MIN), 'streak')) as DomainError).code).toBe('UNAUTHENTICATED');
  });

  it('says on the login page that the account is locked and until when, in China time; an unknown name reads the same', async () => {
    time.set(T0);
    const agent = new Agent(app, '10.52.0.1');
    await agent.get('/admin/login');
    let res = await agent.post('/admin/login', { username: 'page', password: 'x' });
    for (let i = 0; i < 4; i++) res = await agent.post('/admin/login', { username: 'page', password: 'Wrong-passw0rd' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('该账号已暂时锁定');
    expect(res.body).toContain('2024/10/8 09:01:00（北京时间）');
    const ghost = new Agent(app, '10.52.0.2');
    await ghost.get('/admin/login');
    for (let i = 0; i < 5; i++) res = await ghost.post('/admin/login', { username: 'no-such-user', password: 'Wrong-passw0rd' });
    expect(res.statusCode).toBe(429);
    expect(res.body).toContain('该账号已暂时锁定');
    expect(res.body).toContain('2024/10/8 09:01:00（北京时间）');
  });

  it('tells the user after signing in of the failed attempts since the last sign-in', async () => {
    time.set(T0);
    await attempt(at(0), 'told', 'Wrong-passw0rd', '203.0.113.9');
    await attempt(at(2 * MIN), 'told', 'Wrong-passw0rd', '203.0.113.10');
    time.set(T0 + 10 * MIN);
    const agent = new Agent(app, '10.53.0.1');
    await agent.get('/admin/login?next=/admin/lock-a');
    const res = await agent.post('/admin/login', { username: 'told', password: TEST_PASSWORD, next: '/admin/lock-a' });
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/login/notice?next=%2Fadmin%2Flock-a');
    const notice = await agent.get(String(res.headers.location));
    expect(notice.statusCode).toBe(200);
    expect(notice.body).toContain('2 次登录失败');
    expect(notice.body).toContain('2024/10/8 09:02:00（北京时间）');
    expect(notice.body).toContain('203.0.113.10');
    expect(notice.body).toContain('href="/admin/lock-a"');
    expect(notice.body).toContain('href="/admin/account/password"');
    const audit = await tdb.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'auth.login').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}').failuresBefore).toBe(2);
    // The next sign-in without failures in between goes straight on.
    const again = new Agent(app, '10.53.0.2');
    await again.get('/admin/login');
    expect((await again.post('/admin/login', { username: 'told', password: TEST_PASSWORD, next: '/admin/lock-a' })).headers.location).toBe('/admin/lock-a');
  });

  it('lets the agency admin unlock a user of the agency from the users page, audited', async () => {
    time.set(T0);
    // Seven failures: the last locks for 4 minutes from 09:03.
    expect(await lockOut('victim', 7)).toBe(7 * MIN);
    const admin = new Agent(app, '10.54.0.1');
    await admin.login('lock-admin', TEST_PASSWORD);
    const page = await admin.get('/admin/lock-a/users');
    expect(page.body).toContain('已锁定至 2024/10/8 09:07:00');
    const victim = await tdb.db.selectFrom('users').select('id').where('username', '=', 'victim').executeTakeFirstOrThrow();
    expect(page.body).toContain(`action="/admin/lock-a/users/${victim.id}/unlock"`);
    const res = await admin.post(`/admin/lock-a/users/${victim.id}/unlock`, {});
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toBe('/admin/lock-a/users?unlocked=1');
    expect((await admin.get('/admin/lock-a/users')).body).not.toContain(`action="/admin/lock-a/users/${victim.id}/unlock"`);
    const audit = await tdb.db.selectFrom('auditLog').selectAll().where('action', '=', 'user.unlock').orderBy('id', 'desc').executeTakeFirstOrThrow();
    expect(audit.agencyId).toBe(agencyA.id);
    expect(audit.entityId).toBe(String(victim.id));
    expect(JSON.parse(audit.beforeJson ?? '{}').lockedUntil).toBe('2024-10-08T01:07:00.000Z');
    // Unlocked at once, and the user is still told of the failures when signing in.
    const user = new Agent(app, '10.54.0.2');
    await user.get('/admin/login');
    const signedIn = await user.post('/admin/login', { username: 'victim', password: TEST_PASSWORD, next: '/admin' });
    expect(signedIn.headers.location).toBe('/admin/login/notice?next=%2Fadmin');
    expect((await user.get(String(signedIn.headers.location))).body).toContain('7 次登录失败');
  });

  it('lets nobody else unlock: another agency reads as absent, an editor is forbidden; a superadmin unlocks anyone', async () => {
    time.set(T0);
    await failTimes(at(0), 'lock-other', 5);
    const other = await tdb.db.selectFrom('users').select('id').where('username', '=', 'lock-other').executeTakeFirstOrThrow();
    const admin = new Agent(app, '10.55.0.1');
    await admin.login('lock-admin', TEST_PASSWORD);
    await admin.get('/admin/lock-a/users');
    // Through the admin's own agency, a user of another agency is not found; the other agency's page is absent.
    expect((await admin.post(`/admin/lock-a/users/${other.id}/unlock`, {})).statusCode).toBe(404);
    expect((await admin.post(`/admin/lock-b/users/${other.id}/unlock`, {})).statusCode).toBe(404);
    const editor = new Agent(app, '10.55.0.2');
    await editor.login('lock-editor', TEST_PASSWORD);
    await editor.get('/admin/lock-a');
    const victimB = await tdb.db.selectFrom('users').select('id').where('username', '=', 'victim-b').executeTakeFirstOrThrow();
    expect((await editor.post(`/admin/lock-a/users/${victimB.id}/unlock`, {})).statusCode).toBe(403);
    expect(
      await tdb.db.selectFrom('auditLog').select('id').where('action', '=', 'user.unlock').where('entityId', '=', String(other.id)).executeTakeFirst(),
    ).toBeUndefined();
    const root = new Agent(app, '10.55.0.3');
    await root.login('lock-root', TEST_PASSWORD);
    await root.get('/admin/lock-b/users');
    expect((await root.post(`/admin/lock-b/users/${other.id}/unlock`, {})).statusCode).toBe(303);
    expect(await attempt(at(MIN / 2), 'lock-other', TEST_PASSWORD)).toBe('ok');
  });
});
