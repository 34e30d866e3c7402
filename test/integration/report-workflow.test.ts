import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoSources } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { saveFigures } from '../../src/figures/figures.service.ts';
import { listReportEvents } from '../../src/reports/report-history.ts';
import { advanceReport } from '../../src/reports/report-workflow.ts';
import { saveSections, startReport } from '../../src/reports/reports.service.ts';
import { emptySources } from '../../src/reports/sources.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import type { UserView } from '../../src/users/users.service.ts';
import { collectTodos } from '../../src/workbench/workbench.service.ts';
import { workbenchList } from '../../src/workbench/workbench.ts';
import { userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { insertPublished2021Report } from '../builders/reports.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// January 2023: the 2022 report is due (a department's: 31 January).
const clock = fixedClock('2023-01-10T02:00:00Z');
const TODAY = '2023-01-10';
const F = t.reports.flow;
/** What a department's draft leaves 【待填写】 without rectification records: section 五. */
const PROBLEMS = { problems: '一是解读形式不够丰富。下一步，我们将丰富解读形式。' };
const FIGURES = { year: '2022', websiteUpdates: '796', websiteVisits: '82547', newMediaPosts: '2237', newMediaReads: '268000' };

describe.each(DIALECTS)('the report’s workflow as the roles live it on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const u = {} as Record<'editor' | 'editor2' | 'reviewer' | 'leader', UserView>;
  const agent = {} as Record<'editor' | 'reviewer' | 'leader', Agent>;
  const deps = () => ({ db: tdb.db, clock, sources: emptySources });
  let current: Agency;
  const actor = (who: keyof typeof u) => userActor(u[who].id, current.id, who === 'editor2' ? 'editor' : who, u[who].displayName);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  /** A fresh agency with one user of each role, logged in. */
  async function freshAgency(name: string): Promise<Agency> {
    const agency = await buildAgency(tdb.db, { name }, clock);
    current = agency;
    for (const role of ['editor', 'editor2', 'reviewer', 'leader'] as const) {
      u[role] = await buildUser(tdb.db, { agencyId: agency.id, role: role === 'editor2' ? 'editor' : role });
      if (role !== 'editor2') {
        agent[role] = new Agent(app);
        await agent[role].login(u[role].username, TEST_PASSWORD);
      }
    }
    return agency;
  }
  const todoKeys = async (agency: Agency, who: keyof typeof u) => {
    const items = await collectTodos(tdb.db, todoSources, agency, TODAY);
    const role = who === 'editor2' ? 'editor' : who;
    return workbenchList(items, { userId: u[who].id, roles: [role] }, 'mine').filter((i) => i.source === 'reports');
  };

  it('puts a submitted draft on the reviewer’s workbench, and a returned one, with its reason, on the submitter’s', async () => {
    const agency = await freshAgency('提交审核测试局');
    await saveFigures({ db: tdb.db, clock }, actor('editor'), agency.id, FIGURES);
    await startReport(deps(), actor('editor'), agency, 2022);
    // A draft: the editors', nobody else's.
    expect((await todoKeys(agency, 'editor')).map((i) => i.key)).toEqual(['reports:2022:draft']);
    expect(await todoKeys(agency, 'reviewer')).toEqual([]);
    // The reviewer cannot pass a draft nobody submitted.
    await expect(advanceReport(deps(), actor('reviewer'), agency, 2022, 'review')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(advanceReport(deps(), actor('reviewer'), agency, 2022, 'submit')).rejects.toMatchObject({ code: 'FORBIDDEN' });

    const base = `/admin/${agency.code}/reports/2022`;
    await agent.editor.get(base);
    expect((await agent.editor.post(`${base}/submit`, {})).statusCode).toBe(303);
    const review = await todoKeys(agency, 'reviewer');
    expect(review.map((i) => [i.key, i.action])).toEqual([['reports:2022:review', t.todo.reports.review]]);
    expect(await todoKeys(agency, 'editor')).toEqual([]);
    expect((await agent.reviewer.get(`/admin/${agency.code}`)).body).toContain(t.todo.reports.review);

    // 退回修改 needs its reason: refused without one, beside the field.
    await agent.reviewer.get(base);
    const bare = await agent.reviewer.post(`${base}/reopen`, { reason: '  ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain(F.reasonRequired);
    expect((await tdb.db.selectFrom('annualReports').select('status').where('agencyId', '=', agency.id).executeTakeFirstOrThrow()).status).toBe('submitted');
    const reason = '第（四）部分缺少政务新媒体阅读量，请补充';
    expect((await agent.reviewer.post(`${base}/reopen`, { reason })).statusCode).toBe(303);

    // The editor who submitted reads it on the workbench (assigned to them) and on the report; another editor not in 我的.
    const mine = await todoKeys(agency, 'editor');
    expect(mine.map((i) => [i.key, i.action, i.assigneeId])).toEqual([['reports:2022:returned', t.todo.reports.returned(reason), u.editor.id]]);
    expect(await todoKeys(agency, 'editor2')).toEqual([]);
    expect((await agent.editor.get(`/admin/${agency.code}`)).body).toContain(reason);
    const page = await agent.editor.get(base);
    expect(page.body).toContain(F.returnedLead + reason);
    expect(page.body).toContain('name="intro"');
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select(['action', 'afterJson'])
      .where('agencyId', '=', agency.id)
      .where('action', '=', 'report.reopen')
      .execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.afterJson).toContain(reason);

    // Fixed and submitted again: the return is no longer shown, the reviewer has it again.
    await saveSections(deps(), actor('editor'), agency, 2022, { ...PROBLEMS, 'overview.platforms': '网站和新媒体的数字已补充。' });
    await advanceReport(deps(), actor('editor'), agency, 2022, 'submit');
    expect((await agent.editor.get(base)).body).not.toContain(F.returnedLead);
    expect((await todoKeys(agency, 'reviewer')).map((i) => i.key)).toEqual(['reports:2022:review']);
    await advanceReport(deps(), actor('reviewer'), agency, 2022, 'review');
    expect((await todoKeys(agency, 'leader')).map((i) => i.key)).toEqual(['reports:2022:approve']);
    const history = (await agent.leader.get(base)).body;
    expect(history).toContain(F.history);
    expect(history).toContain(reason);
    const events = (await listReportEvents(tdb.db, agency.id, [2022])).map((e) => e.action);
    expect(events).toEqual(['start', 'submit', 'reopen', 'submit', 'review']);
  });

  it('takes one of two steps taken at once on the same report, and refuses the other without a trace', async () => {
    const agency = await freshAgency('并发提交测试局');
    await saveFigures({ db: tdb.db, clock }, actor('editor'), agency.id, FIGURES);
    await startReport(deps(), actor('editor'), agency, 2022);
    await saveSections(deps(), actor('editor'), agency, 2022, PROBLEMS);
    // Both read the draft before either writes: only the first move may land.
    const both = await Promise.allSettled([
      advanceReport(deps(), actor('editor'), agency, 2022, 'submit'),
      advanceReport(deps(), actor('editor2'), agency, 2022, 'submit'),
    ]);
    expect(both.map((r) => r.status).sort()).toEqual(['fulfilled', 'rejected']);
    const refused = both.find((r) => r.status === 'rejected') as PromiseRejectedResult;
    expect(refused.reason).toMatchObject({ code: 'INVALID_STATE' });
    expect((await listReportEvents(tdb.db, agency.id, [2022])).map((e) => e.action)).toEqual(['start', 'submit']);
    const audits = await tdb.db.selectFrom('auditLog').select('action').where('agencyId', '=', agency.id).where('action', '=', 'report.submit').execute();
    expect(audits).toHaveLength(1);
  });

  it('stops review and approval when the year’s figures are missing, unless the risk is confirmed and recorded', async () => {
    const agency = await freshAgency('缺少数据测试局');
    // Last year's published report said 192 items were published; this year nothing is recorded, no figures either.
    await insertPublished2021Report(tdb.db, agency.id);
    // The editor wrote over the platform paragraph's placeholder, so only the figures tell what is missing.
    await saveSections(deps(), actor('editor'), agency, 2022, { ...PROBLEMS, 'overview.platforms': '明确专人负责政府网站内容更新。' });
    await advanceReport(deps(), actor('editor'), agency, 2022, 'submit');
    const base = `/admin/${agency.code}/reports/2022`;
    const shown = await agent.reviewer.get(base);
    expect(shown.body).toContain(F.figuresAbsent(2022));
    expect(shown.body).toContain(F.proactiveZero(2022, 192));
    // Passed as before: refused, naming the risks.
    const refused = await agent.reviewer.post(`${base}/review`, {});
    expect(refused.statusCode, refused.body.match(/data-error-summary><strong>[^<]*/)?.[0]).toBe(400);
    expect(refused.body).toContain(F.proactiveZero(2022, 192));
    await expect(advanceReport(deps(), actor('reviewer'), agency, 2022, 'review', { confirmRisks: 'on', riskNote: '' })).rejects.toMatchObject({
      code: 'VALIDATION',
      fields: { riskNote: F.riskNoteRequired },
    });
    const note = '本年度信息已在原网站发布，未录入本平台，已核实';
    expect((await agent.reviewer.post(`${base}/review`, { confirmRisks: 'on', riskNote: note })).statusCode).toBe(303);
    // The leader meets the same gate.
    await agent.leader.get(base);
    expect((await agent.leader.post(`${base}/approve`, {})).statusCode).toBe(400);
    expect((await agent.leader.post(`${base}/approve`, { confirmRisks: 'on', riskNote: '同意，已核实' })).statusCode).toBe(303);
    const approve = (await listReportEvents(tdb.db, agency.id, [2022])).find((e) => e.action === 'approve');
    expect(approve?.risks.map((r) => r.key)).toEqual(['figures:absent', 'figures:proactive']);
    expect(approve?.note).toBe('同意，已核实');
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select('afterJson')
      .where('agencyId', '=', agency.id)
      .where('action', '=', 'report.approve')
      .executeTakeFirstOrThrow();
    expect(audit.afterJson).toContain('figures:proactive');
    const history = (await agent.editor.get(base)).body;
    expect(history).toContain(F.risksConfirmed(''));
    expect(history).toContain(note);

    // A risk that appears after approval (here a failed TX check: the text now disagrees with table 3) stops publication.
    await tdb.db
      .updateTable('annualReports')
      .set({
        sectionsJson: JSON.stringify({
          ...JSON.parse(
            (
              await tdb.db
                .selectFrom('annualReports')
                .select('sectionsJson')
                .where('agencyId', '=', agency.id)
                .where('year', '=', 2022)
                .executeTakeFirstOrThrow()
            ).sectionsJson,
          ),
          intro: '2022年共受理依申请公开5件。',
        }),
      })
      .where('agencyId', '=', agency.id)
      .where('year', '=', 2022)
      .execute();
    await expect(advanceReport(deps(), actor('editor'), agency, 2022, 'publish')).rejects.toMatchObject({ code: 'INVALID_STATE' });
    await expect(advanceReport(deps(), actor('editor'), agency, 2022, 'publish')).rejects.toThrow(/TX/);
  });

  it('confirms a failed check at review by name, and publishes what the leader confirmed', async () => {
    const agency = await freshAgency('校验未通过测试局');
    await saveFigures({ db: tdb.db, clock }, actor('editor'), agency.id, FIGURES);
    await startReport(deps(), actor('editor'), agency, 2022);
    await saveSections(deps(), actor('editor'), agency, 2022, { ...PROBLEMS, 'overview.onRequest': '2022年共受理依申请公开3件，办结3件。' });
    await advanceReport(deps(), actor('editor'), agency, 2022, 'submit');
    await expect(advanceReport(deps(), actor('reviewer'), agency, 2022, 'review')).rejects.toMatchObject({ code: 'VALIDATION' });
    const confirm = { confirmRisks: 'on', riskNote: '表三数据待原系统迁移，已核实' };
    await advanceReport(deps(), actor('reviewer'), agency, 2022, 'review', confirm);
    await advanceReport(deps(), actor('leader'), agency, 2022, 'approve', confirm);
    const events = await listReportEvents(tdb.db, agency.id, [2022]);
    expect(events.find((e) => e.action === 'review')?.risks.map((r) => r.key)).toEqual(['check:TX']);
    const published = await advanceReport(deps(), actor('editor'), agency, 2022, 'publish');
    expect(published.status).toBe('published');
    expect(await todoKeys(agency, 'editor')).toEqual([]);
  });
});
