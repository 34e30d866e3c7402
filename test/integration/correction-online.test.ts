import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applicantToken } from '../../src/applications/applicant-token.ts';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { serverSecret } from '../../src/web/server-secret.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';

// 01:30 on Fri 27 September 2024 in China (still the 26th in UTC): the 补正 is received on the China date.
const clock = fixedClock('2024-09-26T17:30:00Z');
const tokenOf = (body: string) => /name="token" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe.each(DIALECTS)('a 补正 answered online on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let handlerId: number;
  let secret: string;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock, { GONGKAI_PUBLIC_URL: 'https://gk.example.gov.cn' });
    agency = await buildAgency(tdb.db, {
      name: '补正测试局',
      address: '聊城市东昌东路1号',
      postcode: '252000',
      officeHours: '工作日 9:00–17:00',
    });
    handlerId = (await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' })).id;
    await tdb.db.updateTable('users').set({ email: 'handler@example.gov.cn' }).where('id', '=', handlerId).execute();
    secret = await serverSecret(tdb.db, app.deps.config);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  /** A case received Fri 2024-09-20 whose 补正 was requested Mon 2024-09-23. */
  async function awaitingCorrection() {
    const deps = { db: tdb.db, clock, config: app.deps.config };
    const staff = userActor(handlerId, agency.id, 'editor');
    const c = await registerApplication(deps, staff, agency, staffApplicationForm({ receivedOn: '2024-09-20' }));
    await actOnApplication(deps, staff, agency, c.id, 'request_correction', { on: '2024-09-23', items: '请说明所需文件的名称\n请说明文件的时间范围' });
    const agent = new Agent(app);
    await agent.get(`/gk/${agency.code}/track`);
    const page = await agent.post(`/gk/${agency.code}/track`, { trackingNo: c.trackingNo, queryCode: c.queryCode });
    expect(page.statusCode).toBe(200);
    return { c, agent, page };
  }

  it('shows what is asked, by when, every way to answer, and the form with its pass', async () => {
    const { page } = await awaitingCorrection();
    expect(page.body).toContain('<h2 id="correction-title">在线补正</h2>');
    expect(page.body).toContain(`action="/gk/${agency.code}/track/correction"`);
    expect(page.body).toContain('enctype="multipart/form-data"');
    expect(tokenOf(page.body)).toMatch(/^\d+\.\d+\.[\w-]{43}$/);
    expect(page.body).toContain('请说明文件的时间范围');
    expect(page.body).toContain('补正可以通过以下方式提交');
    expect(page.body).toContain('邮寄：聊城市东昌东路1号（邮政编码 252000）');
    expect(page.body).toContain('当面提交：聊城市东昌东路1号，办公时间 工作日 9:00–17:00。');
    // The reply deadline: 15 working days after Mon 23 September — 24–27, Sun 29 (调休), 30 Sep, then after the
    // holiday of 1–7 Oct: 8–11, Sat 12 (调休), 14–17 — the 15th is Thu 17 October.
    expect(page.body).toContain('请于 2024-10-17 前按上方补正告知所列事项填写补正内容并提交');
  });

  it('records the 补正 on the China date with its text and files, restarts the clock and tells the handler', async () => {
    const { c, agent, page } = await awaitingCorrection();
    const token = tokenOf(page.body);
    // A form without text comes back on the tracking page with the message, and a fresh pass.
    const empty = await agent.postMultipart(`/gk/${agency.code}/track/correction`, { token, text: '  ' });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('请填写补正内容');
    expect(tokenOf(empty.body)).not.toBe('');
    const res = await agent.postMultipart(
      `/gk/${agency.code}/track/correction`,
      { token: tokenOf(empty.body), text: '所需文件为《关于2024年工业企业技术改造的通知》，时间范围为2024年1月至6月。' },
      [{ name: 'attachments', filename: '补正说明.pdf', data: minimalPdf('bu zheng'), type: 'application/pdf' }],
    );
    expect(res.statusCode).toBe(200);
    expect(res.body).toContain('补正已提交');
    expect(res.body).toContain('您的补正已于 2024-09-27 提交');
    // Restarted from Fri 27 Sep: 20 working days are Sun 29 Sep (调休 working day), Mon 30 Sep, then after the
    // holiday of 1–7 Oct: 8, 9, 10, 11, Sat 12 (调休), 14–18, 21–25, 28, 29, 30 Oct — the 20th is Wed 30 October.
    expect(res.body).toContain('本机关将于 2024-10-30 前作出答复');
    const row = await tdb.db.selectFrom('applications').selectAll().where('id', '=', c.id).executeTakeFirstOrThrow();
    expect([row.status, row.dueOn]).toEqual(['processing', '2024-10-30']);
    const event = await tdb.db
      .selectFrom('applicationEvents')
      .selectAll()
      .where('applicationId', '=', c.id)
      .where('type', '=', 'correction_received')
      .executeTakeFirstOrThrow();
    expect(event.eventOn).toBe('2024-09-27');
    expect(event.actorName).toBe('申请人（在线补正）');
    expect(JSON.parse(event.dataJson ?? '{}').text).toContain('技术改造');
    const files = await tdb.db.selectFrom('applicationAttachments').select(['filename', 'source', 'contentType']).where('applicationId', '=', c.id).execute();
    expect(files).toEqual([{ filename: '补正说明.pdf', source: 'correction', contentType: 'application/pdf' }]);
    const told = await tdb.db.selectFrom('notifications').selectAll().where('entityId', '=', c.id).where('kind', '=', 'correction_received').execute();
    expect(told.map((n) => [n.channel, n.recipient])).toEqual([['email', 'handler@example.gov.cn']]);
    expect(told[0]?.body).toContain(`https://gk.example.gov.cn/admin/${agency.code}/applications/${c.id}`);
    expect(told[0]?.body).toContain('现为2024年10月30日');
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select(['action', 'actorName'])
      .where('entityType', '=', 'application')
      .where('entityId', '=', String(c.id))
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(audit).toEqual({ action: 'application.receive_correction', actorName: '申请人（在线补正）' });
    // The case page shows the file as a 补正 material and the notices of the case.
    // Sent again (a reload), it is refused: the case no longer awaits a correction.
    const again = await agent.postMultipart(`/gk/${agency.code}/track/correction`, { token: tokenOf(empty.body), text: '再次提交' });
    expect(again.statusCode).toBe(409);
    expect(again.body).toContain('该申请目前不需要补正');
    expect(
      await tdb.db.selectFrom('applicationEvents').select('id').where('applicationId', '=', c.id).where('type', '=', 'correction_received').execute(),
    ).toHaveLength(1);
  });

  it('refuses an expired pass, a pass for another use, a forged one and one for another agency', async () => {
    const { c, agent } = await awaitingCorrection();
    const other = await buildAgency(tdb.db, { name: '别的机关' });
    const expired = applicantToken(secret, 'correction', c.id, new Date(clock.now().getTime() - 3 * 3600_000));
    const download = applicantToken(secret, 'download', c.id, clock.now());
    const forged = applicantToken('x'.repeat(40), 'correction', c.id, clock.now());
    for (const token of [expired, download, forged, '']) {
      const res = await agent.postMultipart(`/gk/${agency.code}/track/correction`, { token, text: '补正' });
      expect(res.statusCode).toBe(403);
      expect(res.body).toContain('页面已过期');
    }
    const elsewhere = await agent.postMultipart(`/gk/${other.code}/track/correction`, {
      token: applicantToken(secret, 'correction', c.id, clock.now()),
      text: '补正',
    });
    expect(elsewhere.statusCode).toBe(403);
    // Without the CSRF field, nothing happens.
    const noCsrf = await app.inject({
      method: 'POST',
      url: `/gk/${agency.code}/track/correction`,
      payload: 'token=x&text=y',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(noCsrf.statusCode).toBe(403);
    const row = await tdb.db.selectFrom('applications').select('status').where('id', '=', c.id).executeTakeFirstOrThrow();
    expect(row.status).toBe('awaiting_correction');
  });

  it('tells the agency’s handlers when nobody was assigned the case, and only the handler once one was', async () => {
    const second = (await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' })).id;
    await tdb.db.updateTable('users').set({ email: 'second@example.gov.cn' }).where('id', '=', second).execute();
    const { c, agent, page } = await awaitingCorrection();
    // Nobody assigned (staff registered it, so make it so): every handler with an address is told.
    await tdb.db.updateTable('applications').set({ handlerId: null }).where('id', '=', c.id).execute();
    await agent.postMultipart(`/gk/${agency.code}/track/correction`, { token: tokenOf(page.body), text: '补正内容。' });
    const told = await tdb.db.selectFrom('notifications').select('recipient').where('entityId', '=', c.id).where('kind', '=', 'correction_received').execute();
    expect(told.map((n) => n.recipient).sort()).toEqual(['handler@example.gov.cn', 'second@example.gov.cn']);
    // Assigned to the second editor: only they are told.
    const other = await awaitingCorrection();
    await tdb.db.updateTable('applications').set({ handlerId: second }).where('id', '=', other.c.id).execute();
    await other.agent.postMultipart(`/gk/${agency.code}/track/correction`, { token: tokenOf(other.page.body), text: '补正内容。' });
    const recipients = await tdb.db
      .selectFrom('notifications')
      .select('recipient')
      .where('entityId', '=', other.c.id)
      .where('kind', '=', 'correction_received')
      .execute();
    expect(recipients.map((n) => n.recipient)).toEqual(['second@example.gov.cn']);
  });
});
