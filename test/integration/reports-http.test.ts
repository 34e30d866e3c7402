import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Agency } from '../../src/db/schema.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('the annual report over HTTP on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const agents: Record<'editor' | 'reviewer' | 'leader' | 'admin' | 'other', Agent> = {} as never;
  // January 2023: the 2022 report is due; the reminder shows on the console home.
  const clock = fixedClock('2023-01-10T02:00:00Z');
  const portal = () => new Agent(app);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
    const elsewhere = await buildAgency(tdb.db);
    for (const role of ['editor', 'reviewer', 'leader', 'admin'] as const) {
      const u = await buildUser(tdb.db, { agencyId: agency.id, role });
      agents[role] = new Agent(app);
      await agents[role].login(u.username, TEST_PASSWORD);
    }
    const other = await buildUser(tdb.db, { agencyId: elsewhere.id, role: 'admin' });
    agents.other = new Agent(app);
    await agents.other.login(other.username, TEST_PASSWORD);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('keeps the yearly figures: refuses a bad number beside its field, saves decimals', async () => {
    const base = `/admin/${agency.code}/figures/2022`;
    await agents.editor.get(base);
    const bad = await agents.editor.post(base, { websiteUpdates: '七百', feesWan: '4068.208' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('政府网站更新信息条数应为不小于 0 的数字');
    const ok = await agents.editor.post(base, {
      websiteUpdates: '796',
      websiteVisits: '82547',
      newMediaPosts: '2237',
      newMediaReads: '268000',
      newMediaAccounts: '“测试工信”微信公众号',
      feesWan: '4068.208',
    });
    expect(ok.statusCode).toBe(303);
    const page = await agents.editor.get(base);
    expect(page.body).toContain('value="4068.208"');
    expect((await agents.reviewer.post(base, { websiteUpdates: '1' })).statusCode).toBe(403);
  });

  it('keeps proposals, trainings and the rectification list; another agency’s records read as absent', async () => {
    const p = `/admin/${agency.code}/proposals`;
    await agents.editor.get(p);
    for (const [kind, number] of [
      ['cppcc', '第1号'],
      ['npc', '第2号'],
    ]) {
      const res = await agents.editor.post(p, {
        year: '2022',
        kind: kind as string,
        number: number as string,
        title: '关于某事的建议',
        session: kind === 'cppcc' ? '市政协十四届一次会议' : '市人大十八届一次会议',
        onTime: 'on',
        replyPublished: 'on',
        satisfaction: 'satisfied',
      });
      expect(res.statusCode).toBe(303);
    }
    const dup = await agents.editor.post(p, { year: '2022', kind: 'npc', number: '第2号', title: 'x', session: 'y' });
    expect(dup.statusCode).toBe(400);
    expect(dup.body).toContain('本年度已有该类别的同一编号');
    const list = await agents.editor.get(`${p}?year=2022`);
    expect(list.body).toContain('政协提案 1 件，按时办结 1 件，答复公开 1 件，满意率 100%');
    const row = await tdb.db.selectFrom('proposals').select('id').where('agencyId', '=', agency.id).executeTakeFirstOrThrow();
    await agents.other.get(`/admin/${agency.code}/proposals`);
    expect((await agents.other.post(`${p}/${row.id}/delete`, {})).statusCode).toBe(404);

    const tr = `/admin/${agency.code}/trainings`;
    await agents.editor.get(tr);
    expect((await agents.editor.post(tr, { heldOn: '2022-07-15', kind: 'training', topic: '政务公开工作培训会', attendance: '30' })).statusCode).toBe(303);
    const badDate = await agents.editor.post(tr, { heldOn: '2022-02-30', kind: 'training', topic: 'x', attendance: '3' });
    expect(badDate.statusCode).toBe(400);
    expect(badDate.body).toContain('日期应为真实日期');

    const rc = `/admin/${agency.code}/rectification`;
    await agents.editor.get(rc);
    const created = await agents.editor.post(rc, {
      problem: '解读形式不够丰富',
      source: 'evaluation',
      foundOn: '2022-06-01',
      measure: '丰富解读形式',
      owner: '办公室',
      dueOn: '2022-12-31',
    });
    expect(created.statusCode).toBe(303);
    const item = await tdb.db.selectFrom('rectificationItems').select('id').where('agencyId', '=', agency.id).executeTakeFirstOrThrow();
    await agents.editor.get(`${rc}?year=2022`);
    expect((await agents.editor.post(`${rc}/${item.id}/close?year=2022`, { closedOn: '2022-11-30' })).statusCode).toBe(303);
    expect((await agents.editor.get(`${rc}?year=2022`)).body).toContain('已销号 2022-11-30');
  });

  it('drafts, edits, reviews, approves and publishes the report; the portal then shows it', async () => {
    const home = await agents.editor.get(`/admin/${agency.code}`);
    // The workbench lists the report's next step with its deadline (31 January) in working days (春节 2023: 1月21–27日
    // off, 28–29日 worked).
    expect(home.body).toContain('2022 年政府信息公开工作年度报告');
    expect(home.body).toContain('编写年度报告');
    expect(home.body).toContain('还剩 12 个工作日');
    const base = `/admin/${agency.code}/reports/2022`;
    const before = await agents.editor.get(base);
    expect(before.body).toContain('未开始');
    expect(before.body).toContain('网站总访问量达82547次');
    expect((await agents.editor.post(`/admin/${agency.code}/reports/start`, { year: '2022' })).statusCode).toBe(303);

    // A sentence whose number disagrees with table 3 is flagged beside its section.
    await agents.editor.get(base);
    const edited = await agents.editor.post(`${base}/sections`, { 'overview.onRequest': '2022年共受理依申请公开3件，办结3件。' });
    expect(edited.statusCode).toBe(303);
    const flagged = await agents.editor.get(base);
    expect(flagged.body).toContain('中的“受理依申请公开3件”与表三“本年新收”总计（0）不一致');
    await agents.editor.post(`${base}/sections`, { 'overview.onRequest': '2022年未收到政府信息公开申请，本机关坚持主动公开为主。' });

    // Each step belongs to its role.
    await agents.editor.get(base);
    expect((await agents.editor.post(`${base}/review`, {})).statusCode).toBe(403);
    // Not submitted yet: the reviewer cannot pass it; the editor submits it (提交审核).
    await agents.reviewer.get(base);
    expect((await agents.reviewer.post(`${base}/review`, {})).statusCode).toBe(409);
    expect((await agents.editor.post(`${base}/submit`, {})).statusCode).toBe(303);
    expect((await agents.reviewer.post(`${base}/review`, {})).statusCode).toBe(303);
    // Reviewed: the text is read-only now.
    expect((await agents.editor.post(`${base}/sections`, { intro: '改动' })).statusCode).toBe(409);
    await agents.leader.get(base);
    expect((await agents.leader.post(`${base}/publish`, {})).statusCode).toBe(409);
    expect((await agents.leader.post(`${base}/approve`, {})).statusCode).toBe(303);
    expect((await portal().get(`/gk/${agency.code}/reports/2022`)).statusCode).toBe(404);
    await agents.editor.get(base);
    expect((await agents.editor.post(`${base}/publish`, {})).statusCode).toBe(303);

    const published = await portal().get(`/gk/${agency.code}/reports/2022`);
    expect(published.statusCode).toBe(200);
    expect(published.body).toContain('2022年未收到政府信息公开申请，本机关坚持主动公开为主。');
    expect(published.body).toContain('<th id="t3-applicants" scope="colgroup" colspan="7">申请人情况</th>');
    expect(published.body).toContain('role="img"');
    expect(published.body).not.toContain('style=');
    const column = await portal().get(`/gk/${agency.code}/`);
    expect(column.body).toContain(`href="/gk/${agency.code}/reports/2022"`);
    const docx = await portal().get(`/gk/${agency.code}/reports/2022/download/docx`);
    expect(docx.headers['content-type']).toContain('wordprocessingml');
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    const json = JSON.parse((await portal().get(`/gk/${agency.code}/reports/2022/download/json`)).body);
    expect(json.status).toBe('published');
    // Published: the reminder is gone; the audit trail has every step.
    expect((await agents.editor.get(`/admin/${agency.code}`)).body).not.toContain('2022 年政府信息公开工作年度报告');
    const actions = (await tdb.db.selectFrom('auditLog').select('action').where('agencyId', '=', agency.id).where('action', 'like', 'report.%').execute()).map(
      (a) => a.action,
    );
    expect(actions).toEqual(['report.start', 'report.edit', 'report.edit', 'report.submit', 'report.review', 'report.approve', 'report.publish']);
  });

  it('keeps a people’s government’s report from review and approval while 【待填写】 remains', async () => {
    const gov = await buildAgency(tdb.db, { name: '测试市人民政府', kind: 'government' });
    const leader = await buildUser(tdb.db, { agencyId: gov.id, role: 'leader' });
    const admin = await buildUser(tdb.db, { agencyId: gov.id, role: 'admin' });
    const a = new Agent(app);
    await a.login(admin.username, TEST_PASSWORD);
    const base = `/admin/${gov.code}/reports/2022`;
    await a.get(`/admin/${gov.code}/reports`);
    await a.post(`/admin/${gov.code}/reports/start`, { year: '2022' });
    await a.get(base);
    expect((await a.post(`${base}/submit`, {})).statusCode).toBe(303);
    // The reviewer (here the admin) is stopped too, not only the leader.
    const notReviewed = await a.post(`${base}/review`, {});
    expect(notReviewed.statusCode).toBe(409);
    expect(notReviewed.body).toContain('报告中还有【待填写】的内容');
    // A draft reviewed before the gate existed: the leader is still stopped.
    await tdb.db.updateTable('annualReports').set({ status: 'reviewed' }).where('agencyId', '=', gov.id).execute();
    const l = new Agent(app);
    await l.login(leader.username, TEST_PASSWORD);
    await l.get(base);
    const refused = await l.post(`${base}/approve`, {});
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('报告中还有【待填写】的内容');
    expect(refused.body).toContain('（六）工作考核、社会评议和责任追究结果情况');
  });
});
