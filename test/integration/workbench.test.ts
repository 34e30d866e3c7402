import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { todoSources } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { confirmSecrecyReview, sendBack, submitForReview } from '../../src/documents/documents.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import type { UserView } from '../../src/users/users.service.ts';
import { collectTodos } from '../../src/workbench/workbench.service.ts';
import { workbenchList } from '../../src/workbench/workbench.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { ALL_CHECKS, buildDraft, buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Today: Fri 2024-11-01 (China). The 2023 report is due 2024-01-31 and not published.
const clock = fixedClock('2024-11-01T02:00:00Z');
const TODAY = '2024-11-01';

describe.each(DIALECTS)('the workbench on %s: one item of each kind, for the right role and person only', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  const u = {} as Record<'e1' | 'e2' | 'reviewer' | 'leader' | 'admin', UserView>;
  const id = {} as Record<string, number>;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const db = tdb.db;
    const deps = { db, clock };
    agency = await buildAgency(db, { name: '工作台测试局' }, clock);
    u.e1 = await buildUser(db, { agencyId: agency.id, role: 'editor' });
    u.e2 = await buildUser(db, { agencyId: agency.id, role: 'editor' });
    u.reviewer = await buildUser(db, { agencyId: agency.id, role: 'reviewer' });
    u.leader = await buildUser(db, { agencyId: agency.id, role: 'leader' });
    u.admin = await buildUser(db, { agencyId: agency.id, role: 'admin' });
    const reg = async (who: number, receivedOn: string, subject: string) =>
      (await registerApplication(deps, userActor(who, agency.id, 'editor'), agency, staffApplicationForm({ receivedOn, subject }))).id;
    // Due 2024-10-30: overdue, the handler's.
    id.overdue = await reg(u.e1.id, '2024-09-27', '逾期的申请');
    // Due late November: beyond the horizon, not listed.
    id.later = await reg(u.e1.id, '2024-10-31', '刚收到的申请');
    id.signoff = await reg(u.e1.id, '2024-10-08', '待签发的申请');
    await db.updateTable('applications').set({ answerState: 'pending_signoff' }).where('id', '=', id.signoff).execute();
    id.extension = await reg(u.e1.id, '2024-10-31', '申请延期的申请');
    const request = JSON.stringify({ days: 20, reason: '需调取档案', on: TODAY, by: '用户' });
    await db.updateTable('applications').set({ extensionRequestJson: request }).where('id', '=', id.extension).execute();
    // The applicant's 补正 came in online and nobody has acted since.
    id.reply = await reg(u.e2.id, '2024-10-31', '已在线补正的申请');
    await db
      .insertInto('applicationEvents')
      .values({
        applicationId: id.reply,
        agencyId: agency.id,
        type: 'correction_received',
        eventOn: TODAY,
        dataJson: null,
        actorId: null,
        actorName: t.notifications.correction.actorName,
        createdAt: clock.now().toISOString(),
      })
      .execute();
    // An online application waiting to be confirmed.
    id.pending = await reg(u.e1.id, '2024-10-31', '待确认的网上申请');
    await db.updateTable('applications').set({ status: 'pending', isOpen: 0, receivedOn: null, handlerId: null }).where('id', '=', id.pending).execute();

    const sys = systemActor('测试');
    const docDeps = { db, clock };
    id.secrecy = (await buildDraft(db, agency.id, { issuedOn: '2024-10-28' }, clock)).id;
    await submitForReview(docDeps, sys, agency.id, id.secrecy);
    id.approval = (await buildDraft(db, agency.id, { issuedOn: '2024-10-28' }, clock)).id;
    await submitForReview(docDeps, sys, agency.id, id.approval);
    await confirmSecrecyReview(docDeps, sys, agency.id, id.approval, { checklist: ALL_CHECKS });
    id.sentBack = (await buildDraft(db, agency.id, { issuedOn: '2024-10-28' }, clock)).id;
    await submitForReview(docDeps, sys, agency.id, id.sentBack);
    await sendBack(docDeps, sys, agency.id, id.sentBack, { comment: '请补充附件' });
    id.normative = (await buildPublished(db, agency.id, { category: 'normative', issuedOn: '2024-10-25' }, clock)).id;

    const rect = (problem: string, dueOn: string, closedOn: string | null) =>
      db
        .insertInto('rectificationItems')
        .values({
          agencyId: agency.id,
          problem,
          source: 'inspection',
          sourceDetail: null,
          foundOn: '2024-10-01',
          measure: '整改',
          owner: '办公室',
          dueOn,
          closedOn,
          createdAt: clock.now().toISOString(),
          updatedAt: clock.now().toISOString(),
          findingKey: null,
          indicatorCode: null,
          checkYear: null,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
    id.rectNear = (await rect('近期到期的整改', '2024-11-05', null)).id;
    id.rectFar = (await rect('远期整改', '2024-12-31', null)).id;
    id.rectClosed = (await rect('已销号的整改', '2024-10-15', '2024-10-14')).id;
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  const keysFor = async (user: UserView, view: 'mine' | 'office') => {
    const items = await collectTodos(tdb.db, todoSources, agency, TODAY);
    const roles = (await tdb.db.selectFrom('userRoles').select('role').where('userId', '=', user.id).where('agencyId', '=', agency.id).execute()).map(
      (r) => r.role,
    );
    return workbenchList(items, { userId: user.id, roles }, view).map((i) => i.key);
  };

  it('lists each kind for its role, assigned items only in their assignee’s 我的, most urgent first', async () => {
    const app = (k: string, n: string) => `applications:${id[n]}:${k}`;
    expect(await keysFor(u.e1, 'mine')).toEqual([
      'reports:2023:draft',
      app('due', 'overdue'),
      `rectification:${id.rectNear}:close`,
      `documents:${id.normative}:interpretation`,
      `documents:${id.sentBack}:sent-back`,
      app('confirm', 'pending'),
    ]);
    expect(await keysFor(u.e2, 'mine')).toEqual(
      expect.arrayContaining([app('correction-reply', 'reply'), app('confirm', 'pending'), `rectification:${id.rectNear}:close`]),
    );
    expect(await keysFor(u.e2, 'mine')).not.toContain(app('due', 'overdue'));
    expect(await keysFor(u.e1, 'mine')).not.toContain(app('correction-reply', 'reply'));
    expect(await keysFor(u.e2, 'office')).toContain(app('due', 'overdue'));
    expect((await keysFor(u.reviewer, 'office')).sort()).toEqual([`documents:${id.secrecy}:secrecy`]);
    expect((await keysFor(u.leader, 'mine')).sort()).toEqual(
      [app('signoff', 'signoff'), app('extension', 'extension'), `documents:${id.approval}:approval`].sort(),
    );
    // Not listed for anyone: a case far from its date, a far or closed rectification item.
    const office = await keysFor(u.admin, 'office');
    for (const k of [app('due', 'later'), `rectification:${id.rectFar}:close`, `rectification:${id.rectClosed}:close`]) expect(office).not.toContain(k);
    // The answer awaiting sign-off is the leader's, not again the handler's.
    expect(office).not.toContain(app('due', 'signoff'));
  });

  it('serves the page with the 我的 / 本机关 switch, links answering 200, and the leader’s calm empty state', async () => {
    const app = await buildTestApp(tdb, clock);
    try {
      const login = async (user: UserView) => {
        const agent = new Agent(app);
        await agent.get('/admin/login');
        const res = await agent.post('/admin/login', { username: user.username, password: TEST_PASSWORD, next: '/admin' });
        expect(res.statusCode).toBe(303);
        return agent;
      };
      const leader = await login(u.leader);
      const page = await leader.get(`/admin/${agency.code}`);
      expect(page.statusCode).toBe(200);
      expect(page.body).toContain('领导待办');
      expect(page.body).toContain(t.todo.applications.signoff);
      const hrefs = [...page.body.matchAll(/<td><a href="([^"]+)">/g)].map((m) => (m[1] ?? '').replaceAll('&amp;', '&'));
      expect(hrefs.length).toBe(3);
      for (const href of hrefs) expect((await leader.get(href)).statusCode, href).toBe(200);

      const e2 = await login(u.e2);
      const mine = await e2.get(`/admin/${agency.code}`);
      expect(mine.body).toContain(t.todo.applications.correctionReply);
      expect(mine.body).not.toContain('逾期的申请');
      const office = await e2.get(`/admin/${agency.code}?view=office`);
      expect(office.body).toContain('逾期的申请');
      expect(office.body).toMatch(/已逾期 \d+ 个工作日/);

      // A leader of an agency with nothing waiting reads that all is done.
      const quiet = await buildAgency(tdb.db, { name: '清闲局' }, clock);
      const quietLeader = await buildUser(tdb.db, { agencyId: quiet.id, role: 'leader' });
      const q = await (await login(quietLeader)).get(`/admin/${quiet.code}`);
      expect(q.statusCode).toBe(200);
      expect(q.body).toContain(t.workbench.leaderEmpty);
    } finally {
      await app.close();
    }
  });
});
