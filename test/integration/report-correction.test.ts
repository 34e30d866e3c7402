import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { todoSources } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { saveFigures } from '../../src/figures/figures.service.ts';
import { advanceReport, correctReport } from '../../src/reports/report-workflow.ts';
import { listPublishedReports, reportStatusesOf, saveSections, startReport } from '../../src/reports/reports.service.ts';
import { emptySources } from '../../src/reports/sources.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { collectTodos } from '../../src/workbench/workbench.service.ts';
import { userActor } from '../builders/applications.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2023-01-10T02:00:00Z');
const F = t.reports.flow;
const V = t.reports.portalVersions;
const FIRST = '2022年共受理依申请公开0件。本机关坚持以公开为常态。';
const FIXED = '2022年未收到政府信息公开申请。本机关坚持以公开为常态、不公开为例外。';
const NOTE = '第（二）部分表述有误，更正为“未收到政府信息公开申请”。';

describe.each(DIALECTS)('correcting a published report on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const who = {} as Record<'editor' | 'reviewer' | 'leader', Actor>;
  let editor: Agent;
  const deps = () => ({ db: tdb.db, clock, sources: emptySources });
  const portal = () => new Agent(app);
  const publishAll = async () => {
    await advanceReport(deps(), who.editor, agency, 2022, 'submit');
    await advanceReport(deps(), who.reviewer, agency, 2022, 'review');
    await advanceReport(deps(), who.leader, agency, 2022, 'approve');
    return advanceReport(deps(), who.editor, agency, 2022, 'publish');
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '更正测试局' }, clock);
    for (const role of ['editor', 'reviewer', 'leader'] as const) {
      const u = await buildUser(tdb.db, { agencyId: agency.id, role });
      who[role] = userActor(u.id, agency.id, role, u.displayName);
      if (role === 'editor') {
        editor = new Agent(app);
        await editor.login(u.username, TEST_PASSWORD);
      }
    }
    await saveFigures({ db: tdb.db, clock }, who.editor, agency.id, { year: '2022', websiteUpdates: '12', websiteVisits: '3400' });
    await startReport(deps(), who.editor, agency, 2022);
    await saveSections(deps(), who.editor, agency, 2022, { 'overview.onRequest': FIRST, problems: '一是解读形式单一。下一步将丰富解读形式。' });
    await publishAll();
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('offers 更正 on the published report instead of “如需修改，请退回修改”, and needs its 更正说明', async () => {
    const base = `/admin/${agency.code}/reports/2022`;
    const page = await editor.get(base);
    expect(page.body).not.toContain('如需修改，请退回修改');
    expect(page.body).toContain(F.publishedReadOnly);
    expect(page.body).toContain(`action="${base}/correct"`);
    const bare = await editor.post(`${base}/correct`, { note: ' ' });
    expect(bare.statusCode).toBe(400);
    expect(bare.body).toContain(F.correctionNoteRequired);
    await expect(correctReport(deps(), who.reviewer, agency, 2022, { note: NOTE })).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('keeps the published version on the portal while the correction is drafted, then shows the new one with its note and the old one marked 已更正', async () => {
    const base = `/admin/${agency.code}/reports/2022`;
    await editor.get(base);
    expect((await editor.post(`${base}/correct`, { note: NOTE })).statusCode).toBe(303);
    const draft = await editor.get(base);
    expect(draft.body).toContain(F.correctionUnderway(2));
    expect(draft.body).toContain(NOTE);
    expect(draft.body).toContain('name="overview.onRequest"');

    // Meanwhile the public still reads version 1, listed as before; the city sees it published.
    const during = await portal().get(`/gk/${agency.code}/reports/2022`);
    expect(during.statusCode).toBe(200);
    expect(during.body).toContain(FIRST);
    expect(during.body).not.toContain(V.corrected);
    expect((await listPublishedReports(tdb.db, agency.id)).map((r) => r.year)).toEqual([2022]);
    expect((await reportStatusesOf(tdb.db, [agency], 2022))[0]).toMatchObject({ status: 'published', publishedOn: '2023-01-10' });

    // On the workbench: the correction to finish, with no legal period of its own.
    const todos = (await collectTodos(tdb.db, todoSources, agency, '2023-01-10')).filter((i) => i.source === 'reports');
    expect(todos.map((i) => [i.key, i.action, i.deadline])).toEqual([['reports:2022:draft', t.todo.reports.correct, null]]);

    await saveSections(deps(), who.editor, agency, 2022, { 'overview.onRequest': FIXED });
    const v2 = await publishAll();
    expect(v2).toMatchObject({ status: 'published', version: 2, correctionNote: NOTE });

    const now = await portal().get(`/gk/${agency.code}/reports/2022`);
    expect(now.statusCode).toBe(200);
    expect(now.body).toContain(FIXED);
    expect(now.body).not.toContain(FIRST);
    expect(now.body).toContain(V.corrected);
    expect(now.body).toContain(NOTE);
    expect(now.body).toContain(`href="/gk/${agency.code}/reports/2022/versions/1"`);
    const old = await portal().get(`/gk/${agency.code}/reports/2022/versions/1`);
    expect(old.statusCode).toBe(200);
    expect(old.body).toContain(FIRST);
    expect(old.body).toContain(V.superseded);
    expect(old.body).toContain(`href="/gk/${agency.code}/reports/2022"`);
    expect((await portal().get(`/gk/${agency.code}/reports/2022/versions/2`)).statusCode).toBe(404);
    expect((await portal().get(`/gk/${agency.code}/reports/2022/versions/9`)).statusCode).toBe(404);

    const actions = (await tdb.db.selectFrom('auditLog').select('action').where('agencyId', '=', agency.id).where('action', '=', 'report.correct').execute())
      .length;
    expect(actions).toBe(1);
    const history = (await editor.get(base)).body;
    expect(history).toContain(`${F.actions.correct}（${F.version(2)}）`);
  });

  it('corrects only a report that is published and was written here', async () => {
    const other = await buildAgency(tdb.db, { name: '未发布局' }, clock);
    const u = await buildUser(tdb.db, { agencyId: other.id, role: 'editor' });
    const actor = userActor(u.id, other.id, 'editor', u.displayName);
    await startReport(deps(), actor, other, 2022);
    // A report of an earlier year sent for review waits on the workbench too, overdue.
    await startReport(deps(), actor, other, 2020);
    await advanceReport(deps(), actor, other, 2020, 'submit');
    const todos = (await collectTodos(tdb.db, todoSources, other, '2023-01-10')).filter((i) => i.source === 'reports');
    expect(todos.map((i) => i.key)).toEqual(['reports:2022:draft', 'reports:2020:review']);
    expect(todos[1]?.deadline?.workingDaysLeft).toBeLessThan(0);
    await expect(correctReport(deps(), actor, other, 2022, { note: NOTE })).rejects.toMatchObject({ code: 'INVALID_STATE' });
    expect((await portal().get(`/gk/${other.code}/reports/2022`)).statusCode).toBe(404);
  });
});
