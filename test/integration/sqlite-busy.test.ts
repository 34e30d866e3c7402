import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { type DatabaseHandle, openSqliteFile } from '../../src/db/database.ts';
import type { Agency } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm, staffApplicationForm } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';
import { holdWriteLock } from '../support/sqlite-lock.ts';

const clock = fixedClock('2024-11-01T02:00:00Z');
const RETRY = '请稍后重新提交';

// SQLite only: PostgreSQL has no database-wide write lock for another process to hold.
describe('a SQLite database whose write lock another process holds', () => {
  let tdb: TestDatabase;
  let file: string;
  let agency: Agency;
  let tracking: { trackingNo: string; queryCode: string };
  let patient: FastifyInstance;
  let patientHandle: DatabaseHandle;
  let hasty: FastifyInstance;
  const handles: DatabaseHandle[] = [];

  /** An app on its own connection to the file, waiting at most `busyTimeoutMs` for the write lock. */
  async function appWithTimeout(busyTimeoutMs: number): Promise<FastifyInstance> {
    const handle = openSqliteFile(file, { busyTimeoutMs });
    handles.push(handle);
    return buildTestApp({ ...tdb, ...handle }, clock);
  }

  const applicationCount = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('applications')
          .select((eb) => eb.fn.countAll().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase('sqlite');
    file = path.join(tdb.env.GONGKAI_DATA_DIR as string, 'gongkai.sqlite');
    agency = await buildAgency(tdb.db, { code: 'lockcity', name: '锁测试局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'busy-ed' });
    const reg = await registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn: '2024-10-31' }));
    tracking = { trackingNo: reg.trackingNo, queryCode: reg.queryCode };
    patient = await appWithTimeout(20_000);
    patientHandle = handles[0] as DatabaseHandle;
    hasty = await appWithTimeout(300);
  });
  afterAll(async () => {
    await patient?.close();
    await hasty?.close();
    for (const h of handles) await h.destroy();
    await tdb?.cleanup();
  });

  it('waits for the lock: an application submitted meanwhile is stored once the other process commits', async () => {
    const agent = new Agent(patient);
    await agent.get(`/gk/${agency.code}/apply`);
    const before = await applicationCount();
    const lock = await holdWriteLock(file, { releaseAfterMs: 300 });
    const res = await agent.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm({ name: '等锁人', subject: '等锁期间提交的申请' }));
    await lock.released;
    expect(res.statusCode).toBe(303);
    expect(res.headers.location).toMatch(new RegExp(`^/gk/${agency.code}/apply/receipt/`));
    expect(await applicationCount()).toBe(before + 1);
  });

  it('waits for the lock without freezing the process: timers run and /healthz answers meanwhile', async () => {
    const lock = await holdWriteLock(file);
    let done = false;
    const write = patientHandle.db
      .deleteFrom('settings')
      .where('key', '=', 'no-such-setting')
      .execute()
      .then(() => {
        done = true;
      });
    try {
      // A timer fires only if the process is not stuck inside the wait (as it is with SQLite's own busy_timeout).
      await new Promise((r) => setTimeout(r, 50));
      expect((await patient.inject('/healthz')).statusCode).toBe(200);
      expect(done).toBe(false);
    } finally {
      await lock.release();
    }
    await write;
    expect(done).toBe(true);
  });

  it('beyond the busy timeout the application form comes back, 503, with what was typed and a message to try again', async () => {
    const agent = new Agent(hasty);
    await agent.get(`/gk/${agency.code}/apply`);
    const before = await applicationCount();
    const lock = await holdWriteLock(file);
    try {
      const res = await agent.postMultipart(
        `/gk/${agency.code}/apply`,
        onlineApplicationForm({ name: '王五', phone: '13912345678', subject: '锁住时提交的申请内容' }),
      );
      expect(res.statusCode).toBe(503);
      expect(res.headers['retry-after']).toBeDefined();
      expect(res.body).toContain(RETRY);
      expect(res.body).toContain('value="王五"');
      expect(res.body).toContain('value="13912345678"');
      expect(res.body).toContain('锁住时提交的申请内容');
      expect(res.body).toContain('name="_csrf"');
    } finally {
      await lock.release();
    }
    expect(await applicationCount()).toBe(before);
    // Submitted again once the lock is gone, it goes through.
    const again = await agent.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm({ name: '王五', subject: '锁住时提交的申请内容' }));
    expect(again.statusCode).toBe(303);
    expect(await applicationCount()).toBe(before + 1);
  });

  it('beyond the busy timeout the login form comes back, 503, with the user name kept', async () => {
    const agent = new Agent(hasty);
    await agent.get('/admin/login');
    const lock = await holdWriteLock(file);
    try {
      for (const password of ['wrong-password-1', TEST_PASSWORD]) {
        const res = await agent.post('/admin/login', { username: 'busy-ed', password, next: '/admin' });
        expect(res.statusCode).toBe(503);
        expect(res.body).toContain(RETRY);
        expect(res.body).toContain('value="busy-ed"');
        expect(res.body).toContain('action="/admin/login"');
      }
    } finally {
      await lock.release();
    }
    expect((await agent.post('/admin/login', { username: 'busy-ed', password: TEST_PASSWORD, next: '/admin' })).statusCode).toBe(303);
  });

  it('beyond the busy timeout the tracking form comes back, 503, with the tracking number kept', async () => {
    const agent = new Agent(hasty);
    await agent.get(`/gk/${agency.code}/track`);
    const lock = await holdWriteLock(file);
    try {
      for (const queryCode of ['ZZZZ-ZZZZ', tracking.queryCode]) {
        const res = await agent.post(`/gk/${agency.code}/track`, { trackingNo: tracking.trackingNo, queryCode });
        expect(res.statusCode).toBe(503);
        expect(res.body).toContain(RETRY);
        expect(res.body).toContain(`value="${tracking.trackingNo}"`);
      }
    } finally {
      await lock.release();
    }
    const ok = await agent.post(`/gk/${agency.code}/track`, { trackingNo: tracking.trackingNo, queryCode: tracking.queryCode });
    expect(ok.statusCode).toBe(200);
  });

  it('any other write beyond the busy timeout answers 503 with the Chinese error page, never 500', async () => {
    const agent = new Agent(hasty);
    await agent.login('busy-ed', TEST_PASSWORD);
    const id = (await tdb.db.selectFrom('applications').select('id').where('status', '=', 'processing').executeTakeFirstOrThrow()).id;
    await agent.get(`/admin/${agency.code}/applications/${id}`);
    const lock = await holdWriteLock(file);
    try {
      const res = await agent.post(`/admin/${agency.code}/applications/${id}/start_consultation`, {
        on: '2024-11-01',
        party: 'third_party',
        partyName: '某公司',
      });
      expect(res.statusCode).toBe(503);
      expect(res.body).toContain('数据库');
      expect(res.body).not.toContain('SQLITE');
    } finally {
      await lock.release();
    }
  });
});
