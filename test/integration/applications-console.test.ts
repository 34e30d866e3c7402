import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Today is Fri 2024-11-01 for the whole file.
const clock = fixedClock('2024-11-01T02:00:00Z');
const PDF = Buffer.from('%PDF-1.7\n%%EOF\n');

describe.each(DIALECTS)('the 依申请公开 console on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Agent;
  let leader: Agent;
  let ids: Record<string, number>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db);
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: `ed-${dialect}` });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'leader', username: `ld-${dialect}` });
    editor = new Agent(app);
    await editor.login(`ed-${dialect}`, TEST_PASSWORD);
    leader = new Agent(app);
    await leader.login(`ld-${dialect}`, TEST_PASSWORD);
    const reg = (receivedOn: string, subject: string) =>
      registerApplication({ db: tdb.db, clock }, systemActor(), agency, staffApplicationForm({ receivedOn, subject })).then((r) => r.id);
    ids = {
      // Received 2024-09-27: due 2024-10-30, overdue today.
      overdue: await reg('2024-09-27', '逾期的申请'),
      // Received 2024-10-08: 10-09 (1) … 10-11 (3), 10-12 Sat 补班 (4), 10-14 (5) … 10-31 (18), 11-01 (19), 11-04 (20): 1 working day left.
      soon: await reg('2024-10-08', '即将到期的申请'),
      // Received 2024-10-31: due 2024-11-28.
      later: await reg('2024-10-31', '刚收到的申请'),
      old: await reg('2023-05-04', '去年的申请'),
    };
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('lists open work by due date; overdue and due-soon cases stand out in words', async () => {
    const page = await editor.get(`/admin/${agency.code}/applications`);
    expect(page.statusCode).toBe(200);
    const order = ['2024-10-30', '2024-11-04', '2024-11-28'].map((d) => page.body.indexOf(d));
    expect(order.every((p, i) => p > 0 && (i === 0 || p > (order[i - 1] as number)))).toBe(true);
    expect(page.body).toContain('！已逾期 2 个工作日');
    expect(page.body).toContain('剩 1 个工作日');
    expect(page.body).toMatch(/class="row-overdue"[\s\S]*逾期的申请/);
    const overdue = await editor.get(`/admin/${agency.code}/applications?overdue=1`);
    expect(overdue.body).toContain('逾期的申请');
    expect(overdue.body).not.toContain('刚收到的申请');
    const soon = await editor.get(`/admin/${agency.code}/applications?dueWithin=3`);
    expect(soon.body).toContain('即将到期的申请');
    expect(soon.body).not.toContain('刚收到的申请');
    const year = await editor.get(`/admin/${agency.code}/applications?status=all&year=2023`);
    expect(year.body).toContain('去年的申请');
    expect(year.body).not.toContain('逾期的申请');
    // Nonsense filters fall back to the defaults instead of failing.
    expect((await editor.get(`/admin/${agency.code}/applications?status=x&page=-4&dueWithin=abc`)).statusCode).toBe(200);
  });

  it('acts through the case page: refusals show beside the form, the leader signs', async () => {
    const base = `/admin/${agency.code}/applications/${ids.later}`;
    const page = await editor.get(base);
    expect(page.body).toContain('期限计算说明（逐日）');
    expect(page.body).toContain('2024-11-28');
    const version = /name="version" value="(\d+)"/.exec(page.body)?.[1] ?? '0';
    const late = await editor.post(`${base}/request_extension`, { version, on: '2024-11-01', days: '30', reason: '' });
    expect(late.statusCode).toBe(400);
    expect(late.body).toContain('延长天数应为 1 至 20 之间的整数');
    const drafted = await editor.post(`${base}/draft_answer`, { version, outcome: 'unavailable.not_held' });
    expect(drafted.statusCode).toBe(303);
    const draftPage = await editor.get(drafted.headers.location as string);
    expect(draftPage.body).toContain('已按模板生成告知书草稿');
    expect(draftPage.body).toContain('该政府信息不存在');
    const v1 = /name="version" value="(\d+)"/.exec(draftPage.body)?.[1] ?? '0';
    const letter = /<textarea id="f-letter"[^>]*>([\s\S]*?)<\/textarea>/.exec(draftPage.body)?.[1] ?? '';
    expect(
      (
        await editor.post(`${base}/save_answer`, {
          version: v1,
          outcome: 'unavailable.not_held',
          legalBasis: '第三十六条第（四）项',
          letter: '改过的告知书',
          submit: '1',
        })
      ).statusCode,
    ).toBe(303);
    expect(letter.length).toBeGreaterThan(50);
    // The editor cannot sign; a stale page is refused.
    await editor.get(base);
    expect((await editor.post(`${base}/sign_answer`, { version: '2' })).statusCode).toBe(403);
    await leader.get(base);
    const stale = await leader.post(`${base}/sign_answer`, { version: '0' });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('该申请刚刚被他人更新');
    const leaderPage = await leader.get(base);
    const v2 = /name="version" value="(\d+)"/.exec(leaderPage.body)?.[1] ?? '0';
    expect((await leader.post(`${base}/sign_answer`, { version: v2 })).statusCode).toBe(303);
    const sent = await editor.post(`${base}/send_answer`, { on: '2024-11-01' });
    expect(sent.statusCode).toBe(303);
    const closed = await editor.get(base);
    expect(closed.body).toContain('已办结');
    expect(closed.body).toContain('改过的告知书');
    const again = await editor.post(`${base}/draft_answer`, { outcome: 'granted' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('该申请已于 2024-11-01 答复办结，不能再办理或再次答复。');
  });

  it('registers an application with the receipt date of its channel and shows the query code once', async () => {
    await editor.get(`/admin/${agency.code}/applications/new`);
    const bad = await editor.postMultipart(`/admin/${agency.code}/applications/new`, {
      ...staffApplicationForm({ receivedOn: '2024-11-04', name: '钱七' }),
      channel: 'mail_registered',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('日期不能晚于今天');
    expect(bad.body).toContain('value="钱七"');
    const res = await editor.postMultipart(
      `/admin/${agency.code}/applications/new`,
      { ...staffApplicationForm({ receivedOn: '2024-10-31', name: '钱七' }), channel: 'mail_registered' },
      [{ name: 'attachments', filename: '来信.pdf', data: PDF }],
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toMatch(/class="code">\d{8}-\d{6}</);
    expect(res.body).toMatch(/class="code">[A-Z2-9]{4}-[A-Z2-9]{4}</);
    const row = await tdb.db.selectFrom('applications').selectAll().where('applicantName', '=', '钱七').executeTakeFirstOrThrow();
    expect(row).toMatchObject({ channel: 'mail', channelDetail: 'registered', receivedOn: '2024-10-31', dueOn: '2024-11-28' });
    const page = await editor.get(`/admin/${agency.code}/applications/${row.id}`);
    expect(page.body).toContain('以邮政特快专递、挂号信等需要签收的方式邮寄的，以行政机关签收之日为收到申请之日。');
    const link = /href="(\/admin\/[^"]+\/attachments\/\d+)"/.exec(page.body)?.[1] as string;
    const file = await editor.get(link);
    expect(file.headers['content-type']).toBe('application/pdf');
    expect(file.rawPayload.equals(PDF)).toBe(true);
  });

  it('hides another agency’s cases and the console from the public', async () => {
    const other = await buildAgency(tdb.db);
    await buildUser(tdb.db, { agencyId: other.id, role: 'editor', username: `other-${dialect}` });
    const stranger = new Agent(app);
    await stranger.login(`other-${dialect}`, TEST_PASSWORD);
    expect((await stranger.get(`/admin/${agency.code}/applications/${ids.overdue}`)).statusCode).toBe(404);
    expect((await stranger.get(`/admin/${other.code}/applications/${ids.overdue}`)).statusCode).toBe(404);
    expect((await app.inject(`/admin/${agency.code}/applications`)).statusCode).toBe(302);
  });
});
