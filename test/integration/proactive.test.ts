import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { registerApplication } from '../../src/applications/applications.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { approve, confirmSecrecyReview, submitForReview } from '../../src/documents/documents.service.ts';
import { DEFAULT_RULE } from '../../src/proactive/clustering.ts';
import { publishedOfCase } from '../../src/proactive/proactive.queries.ts';
import { convertSuggestion, declineSuggestion, listSuggestions } from '../../src/proactive/proactive.service.ts';
import { type Actor, systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { ALL_CHECKS } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2026-03-20T02:00:00Z');
const FUNDS = '2025年度中小企业发展专项资金分配结果';

describe.each(DIALECTS)('依申请公开转主动公开 on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let editor: Actor;
  let editorName = '';
  const deps = () => ({ db: tdb.db, clock });
  const cases: Record<string, { id: number; ref: string; trackingNo: string; queryCode: string }> = {};

  /** Registers a case from applicant `who` and closes it with `outcome` (the answer's columns, as the log would leave them). */
  async function disclosed(name: string, who: string, subject: string, outcome = 'granted') {
    const r = await registerApplication(
      deps(),
      systemActor('测试'),
      agency,
      staffApplicationForm({ idType: 'passport', idNumber: `E${who}`, subject, receivedOn: '2026-03-02' }),
    );
    await tdb.db.updateTable('applications').set({ status: 'closed', outcome, closedOn: '2026-03-16' }).where('id', '=', r.id).execute();
    cases[name] = { id: r.id, ref: r.ref, trackingNo: r.trackingNo, queryCode: r.queryCode };
  }

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
    const user = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    editorName = user.username;
    editor = userActor(user.id, agency.id, 'editor', user.displayName);
    await disclosed('a', '1001', FUNDS);
    await disclosed('b', '1002', `申请公开${FUNDS}`, 'partial');
    await disclosed('a2', '1001', FUNDS);
    await disclosed('refused', '1003', FUNDS, 'refused.state_secret');
    await disclosed('other', '1004', '无线电初级操作证报考条件');
    await disclosed('noise1', '1005', '某路段夜间噪声监测数据');
    await disclosed('noise2', '1006', '某路段夜间噪声的监测数据');
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('suggests clusters of similar disclosed cases from enough distinct applicants', async () => {
    const clusters = await listSuggestions(deps(), editor, agency, DEFAULT_RULE);
    expect(clusters.map((c) => c.cases.map((x) => x.ref))).toEqual([
      [cases.a?.ref, cases.b?.ref, cases.a2?.ref],
      [cases.noise1?.ref, cases.noise2?.ref],
    ]);
    expect(clusters[0]).toMatchObject({ applicants: 2, subject: FUNDS });
    expect(await listSuggestions(deps(), editor, agency, { ...DEFAULT_RULE, minApplicants: 3 })).toEqual([]);
    // A member of another agency reaches nothing.
    await expect(listSuggestions(deps(), userActor(999, agency.id + 1, 'editor'), agency, DEFAULT_RULE)).rejects.toMatchObject({ code: 'FORBIDDEN' });
  });

  it('refuses a decision on a cluster that changed, or a decline without a reason', async () => {
    const [funds] = await listSuggestions(deps(), editor, agency, DEFAULT_RULE);
    await expect(convertSuggestion(deps(), editor, agency, { key: `${cases.a?.id}-${cases.b?.id}` }, DEFAULT_RULE)).rejects.toMatchObject({ code: 'CONFLICT' });
    await expect(declineSuggestion(deps(), editor, agency, { key: funds?.key, reason: ' ' }, DEFAULT_RULE)).rejects.toMatchObject({ code: 'VALIDATION' });
    expect(await tdb.db.selectFrom('proactiveDecisions').select('id').execute()).toEqual([]);
  });

  it('converts a cluster into a 主动公开 draft, audited; once published, the cases’ tracking pages link it', async () => {
    const [funds] = await listSuggestions(deps(), editor, agency, DEFAULT_RULE);
    const { documentId } = await convertSuggestion(deps(), editor, agency, { key: funds?.key }, DEFAULT_RULE);
    const draft = await tdb.db.selectFrom('documents').selectAll().where('id', '=', documentId).executeTakeFirstOrThrow();
    expect(draft).toMatchObject({ title: FUNDS, status: 'draft', category: 'other', agencyId: agency.id });
    expect(draft.bodyText).toContain(`来源申请：${cases.a?.ref}（2026-03-16答复）`);
    expect(draft.bodyText).not.toContain('张三');
    const audit = await tdb.db.selectFrom('auditLog').select(['action', 'afterJson']).where('action', '=', 'proactive.convert').execute();
    expect(JSON.parse(audit[0]?.afterJson ?? '{}')).toMatchObject({ cases: [cases.a?.ref, cases.b?.ref, cases.a2?.ref], documentId });
    expect((await listSuggestions(deps(), editor, agency, DEFAULT_RULE)).map((c) => c.subject)).toEqual(['某路段夜间噪声监测数据']);

    // Not published yet: nothing to link.
    expect(await publishedOfCase(tdb.db, cases.a?.trackingNo as string)).toEqual([]);
    const sys = systemActor('测试');
    await submitForReview(deps(), sys, agency.id, documentId);
    await confirmSecrecyReview(deps(), sys, agency.id, documentId, { checklist: ALL_CHECKS });
    await approve(deps(), sys, agency.id, documentId);
    const link = { title: FUNDS, href: `/gk/${agency.code}/d/${documentId}` };
    expect(await publishedOfCase(tdb.db, cases.b?.trackingNo as string)).toEqual([link]);
    expect(await publishedOfCase(tdb.db, cases.other?.trackingNo as string)).toEqual([]);

    const visitor = new Agent(app, '10.0.7.1');
    await visitor.get('/track');
    const tracked = await visitor.post('/track', { trackingNo: cases.b?.trackingNo as string, queryCode: cases.b?.queryCode as string });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('已主动公开的信息');
    expect(tracked.body).toContain(`href="${link.href}"`);
  });

  it('declines with a reason on the console page; the cluster leaves the list', async () => {
    const agent = new Agent(app, '10.0.7.2');
    await agent.login(editorName, TEST_PASSWORD);
    const page = await agent.get(`/admin/${agency.code}/applications/suggestions`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('依申请转主动公开建议');
    expect(page.body).toContain('某路段夜间噪声监测数据');
    const key = /name="key" value="([\d-]+)"/.exec(page.body)?.[1] as string;
    const refused = await agent.post(`/admin/${agency.code}/applications/suggestions/decline`, { key, reason: '' });
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('请填写不予转化的理由');
    const done = await agent.post(`/admin/${agency.code}/applications/suggestions/decline`, { key, reason: '涉及个人隐私，不宜主动公开' });
    expect(done.statusCode).toBe(303);
    const after = await agent.get(done.headers.location as string);
    expect(after.body).toContain('已记录不予转化的决定');
    expect(after.body).toContain('暂无建议');
    expect(after.body).toContain('涉及个人隐私，不宜主动公开');
    const audit = await tdb.db.selectFrom('auditLog').select('afterJson').where('action', '=', 'proactive.decline').executeTakeFirstOrThrow();
    expect(JSON.parse(audit.afterJson ?? '{}')).toMatchObject({ cases: [cases.noise1?.ref, cases.noise2?.ref], reason: '涉及个人隐私，不宜主动公开' });
  });
});
