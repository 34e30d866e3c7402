import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_CREDIT_CODE } from '../../src/demo/demo.ts';
import { approve, confirmSecrecyReview, createDraft, sendBack, submitForReview, updateDraft } from '../../src/documents/documents.service.ts';
import { changeValidity, correctDocument, linkInterpretation, withdrawDocument } from '../../src/documents/published.service.ts';
import { searchDocuments } from '../../src/search/search.service.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import type { DomainError } from '../../src/shared/errors.ts';
import { loadRoles } from '../../src/users/users.service.ts';
import { ALL_CHECKS, buildDraft, buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2022-06-13T02:00:00Z');

async function actorOf(tdb: TestDatabase, userId: number, name: string): Promise<Actor> {
  return { kind: 'user', id: userId, name, isSuperadmin: false, roles: await loadRoles(tdb.db, userId) };
}

const err = (p: Promise<unknown>) =>
  p.then(
    () => null,
    (e: unknown) => e as DomainError,
  );

describe.each(DIALECTS)('documents: review before publication on %s', (dialect) => {
  let tdb: TestDatabase;
  let agencyId: number;
  let editor: Actor;
  let reviewer: Actor;
  let leader: Actor;
  const deps = () => ({ db: tdb.db, clock });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const agency = await buildAgency(tdb.db, { code: 'gxj', name: '聊城市工业和信息化局', creditCode: DEMO_CREDIT_CODE });
    agencyId = agency.id;
    editor = await actorOf(tdb, (await buildUser(tdb.db, { agencyId, role: 'editor' })).id, '王编辑');
    reviewer = await actorOf(tdb, (await buildUser(tdb.db, { agencyId, role: 'reviewer' })).id, '李审核');
    leader = await actorOf(tdb, (await buildUser(tdb.db, { agencyId, role: 'leader' })).id, '张局长');
  });
  afterAll(async () => tdb?.cleanup());

  it('takes a draft through 保密审查 and approval to publication, with 索引号, audit and review steps', async () => {
    const draft = await createDraft(deps(), editor, agencyId, {
      title: '关于开展2022年度省级“专精特新”中小企业认定工作的通知',
      category: 'normative',
      docNo: '聊工信发〔2022〕12号',
      issuedOn: '2022-06-10',
      body: '<p>各有关企业：</p><script>alert(1)</script><p onclick="x()">现就认定工作通知如下。<a href="javascript:alert(1)">链接</a></p>',
    });
    expect(draft.status).toBe('draft');
    expect(draft.bodyHtml).not.toContain('script');
    expect(draft.bodyHtml).not.toContain('onclick');
    expect(draft.bodyHtml).not.toContain('javascript:');
    expect(draft.validity).toBe('in_force');
    expect(draft.indexNo).toBeNull();

    // Only the right role may take each step.
    expect((await err(submitForReview(deps(), reviewer, agencyId, draft.id)))?.code).toBe('FORBIDDEN');
    await submitForReview(deps(), editor, agencyId, draft.id);
    expect((await err(approve(deps(), leader, agencyId, draft.id)))?.code).toBe('INVALID_STATE');
    expect((await err(confirmSecrecyReview(deps(), reviewer, agencyId, draft.id, { checklist: ['0'] })))?.code).toBe('VALIDATION');
    expect((await err(confirmSecrecyReview(deps(), leader, agencyId, draft.id, { checklist: ALL_CHECKS })))?.code).toBe('FORBIDDEN');
    await confirmSecrecyReview(deps(), reviewer, agencyId, draft.id, { checklist: ALL_CHECKS });
    const published = await approve(deps(), leader, agencyId, draft.id);
    expect(published.status).toBe('published');
    expect(published.publishedOn).toBe('2022-06-13');
    expect(published.indexNo).toBe(`${DEMO_CREDIT_CODE}/02-2022-0001`);

    const steps = await tdb.db.selectFrom('reviewSteps').select(['step', 'actorName']).where('documentId', '=', draft.id).orderBy('id').execute();
    expect(steps.map((s) => s.step)).toEqual(['submit', 'secrecy_ok', 'approve']);
    const actions = await tdb.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'document')
      .where('entityId', '=', String(draft.id))
      .orderBy('id')
      .execute();
    expect(actions.map((a) => a.action)).toEqual(['document.create', 'document.submit', 'document.secrecy_ok', 'document.approve']);

    const hits = await searchDocuments(tdb.db, '聊工信发〔2022〕12号', { agencyId }, 1, 10);
    expect(hits.ids).toEqual([draft.id]);
    expect((await searchDocuments(tdb.db, '专精特新', { agencyId, category: 'normative', year: 2022 }, 1, 10)).total).toBe(1);
    expect((await searchDocuments(tdb.db, '专精特新', { agencyId, category: 'policy' }, 1, 10)).total).toBe(0);
  });

  it('sends a document back from either step with a comment, and it can be edited and resubmitted', async () => {
    const d = await buildDraft(tdb.db, agencyId);
    await submitForReview(deps(), editor, agencyId, d.id);
    expect((await err(sendBack(deps(), reviewer, agencyId, d.id, { comment: ' ' })))?.fields.comment).toBeTruthy();
    await sendBack(deps(), reviewer, agencyId, d.id, { comment: '正文含联系人手机号，请删除' });
    const edited = await updateDraft(deps(), editor, agencyId, d.id, {
      title: `${d.title}（修改）`,
      category: 'policy',
      issuedOn: '2022-06-10',
      body: '<p>已删除。</p>',
    });
    expect(edited.status).toBe('draft');
    await submitForReview(deps(), editor, agencyId, d.id);
    await confirmSecrecyReview(deps(), reviewer, agencyId, d.id, { checklist: ALL_CHECKS });
    expect((await err(sendBack(deps(), reviewer, agencyId, d.id, { comment: '再看看' })))?.code).toBe('FORBIDDEN');
    const back = await sendBack(deps(), leader, agencyId, d.id, { comment: '请补充政策依据' });
    expect(back.status).toBe('draft');
    const steps = await tdb.db.selectFrom('reviewSteps').select(['step', 'comment']).where('documentId', '=', d.id).orderBy('id').execute();
    expect(steps.filter((s) => s.step === 'send_back').map((s) => s.comment)).toEqual(['正文含联系人手机号，请删除', '请补充政策依据']);
    // A published document is not edited as a draft.
    const pub = await buildPublished(tdb.db, agencyId);
    expect((await err(updateDraft(deps(), editor, agencyId, pub.id, { title: 'x', category: 'policy', issuedOn: '2022-06-10', body: '' })))?.code).toBe(
      'INVALID_STATE',
    );
  });

  it('corrects a published document into a new version, keeping the old one', async () => {
    const pub = await buildPublished(tdb.db, agencyId, { title: '2022年工业经济运行情况通报', docNo: '聊工信字〔2022〕3号' });
    const fixed = await correctDocument(deps(), leader, agencyId, pub.id, {
      title: '2022年1—5月工业经济运行情况通报',
      docNo: '聊工信字〔2022〕3号',
      body: '<p>更正后正文</p>',
      reason: '标题时间范围有误',
    });
    expect(fixed.version).toBe(2);
    const versions = await tdb.db.selectFrom('documentVersions').selectAll().where('documentId', '=', pub.id).execute();
    expect(versions).toHaveLength(1);
    expect(versions[0]).toMatchObject({ version: 1, title: '2022年工业经济运行情况通报', reason: '标题时间范围有误' });
    expect((await searchDocuments(tdb.db, '1—5月', { agencyId }, 1, 10)).ids).toContain(pub.id);
    expect((await err(correctDocument(deps(), editor, agencyId, pub.id, { title: 'x', body: '', reason: 'r' })))?.code).toBe('FORBIDDEN');
  });

  it('withdraws a published document with a reason; it leaves the search', async () => {
    const pub = await buildPublished(tdb.db, agencyId, { title: '关于征集2022年度首台套技术装备的通知' });
    expect((await searchDocuments(tdb.db, '首台套', { agencyId }, 1, 10)).total).toBe(1);
    expect((await err(withdrawDocument(deps(), leader, agencyId, pub.id, { reason: '' })))?.code).toBe('VALIDATION');
    const w = await withdrawDocument(deps(), leader, agencyId, pub.id, { reason: '文件内容已由新通知替代' });
    expect(w).toMatchObject({ status: 'withdrawn', withdrawnReason: '文件内容已由新通知替代', withdrawnOn: '2022-06-13' });
    expect((await searchDocuments(tdb.db, '首台套', { agencyId }, 1, 10)).total).toBe(0);
    expect((await err(withdrawDocument(deps(), leader, agencyId, pub.id, { reason: '再撤' })))?.code).toBe('INVALID_STATE');
  });

  it('changes the validity of normative documents only, with a date for anything but in force', async () => {
    const norm = await buildPublished(tdb.db, agencyId, { title: '聊城市工业和信息化局行政规范性文件管理办法', category: 'normative' });
    expect((await err(changeValidity(deps(), leader, agencyId, norm.id, { validity: 'repealed' })))?.fields.changedOn).toBeTruthy();
    const repealed = await changeValidity(deps(), leader, agencyId, norm.id, { validity: 'repealed', changedOn: '2022-12-01' });
    expect(repealed).toMatchObject({ validity: 'repealed', validityChangedOn: '2022-12-01' });
    expect((await searchDocuments(tdb.db, '管理办法', { agencyId, validity: 'repealed' }, 1, 10)).ids).toEqual([norm.id]);
    const policy = await buildPublished(tdb.db, agencyId);
    expect((await err(changeValidity(deps(), leader, agencyId, policy.id, { validity: 'expired', changedOn: '2022-12-01' })))?.code).toBe('VALIDATION');
    expect(
      (await err(createDraft(deps(), editor, agencyId, { title: 'x', category: 'policy', validity: 'in_force', issuedOn: '2022-01-01', body: '' })))?.fields
        .validity,
    ).toBeTruthy();
  });

  it('links an interpretation to its document and refuses links to drafts of other kinds', async () => {
    const norm = await buildPublished(tdb.db, agencyId, { title: '聊城市中小企业公共服务示范平台认定管理办法', category: 'normative' });
    const interp = await buildDraft(tdb.db, agencyId, {
      title: '《聊城市中小企业公共服务示范平台认定管理办法》政策解读',
      category: 'interpretation',
      interpretationForm: 'qa',
    });
    const linked = await linkInterpretation(deps(), editor, agencyId, interp.id, norm.id);
    expect(linked.interpretsId).toBe(norm.id);
    const notInterp = await buildDraft(tdb.db, agencyId);
    expect((await err(linkInterpretation(deps(), editor, agencyId, notInterp.id, norm.id)))?.code).toBe('VALIDATION');
    expect((await err(linkInterpretation(deps(), editor, agencyId, interp.id, interp.id)))?.code).toBe('VALIDATION');
  });

  it('keeps another agency’s documents out of reach', async () => {
    const other = await buildAgency(tdb.db, { code: 'other-agency' });
    const d = await buildDraft(tdb.db, other.id);
    expect((await err(submitForReview(deps(), editor, agencyId, d.id)))?.code).toBe('NOT_FOUND');
    expect((await err(submitForReview(deps(), editor, other.id, d.id)))?.code).toBe('FORBIDDEN');
  });
});
