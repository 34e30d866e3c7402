import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { addAnswerFiles } from '../../src/applications/answer-files.service.ts';
import { registerApplication, submitOnlineApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { computeTable3ForAgency } from '../../src/applications/statistics.ts';
import type { Agency } from '../../src/db/schema.ts';
import { type Actor, publicActor, systemActor } from '../../src/shared/actor.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { OUTCOME_CODES } from '../../src/vocabulary/codes.ts';
import { onlineApplicationForm, staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

/** A clock whose today is `date` (10:00 in China). */
const on = (date: string): Clock => fixedClock(`${date}T02:00:00Z`);
const REDACTED = { filename: '已作区分处理.pdf', data: Buffer.from('%PDF-1.7\n%%EOF\n'), truncated: false };

describe.each(DIALECTS)('applications from receipt to answer on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let editor: Actor;
  let leader: Actor;

  const register = (overrides: Record<string, string> = {}, today = '2024-12-31') =>
    registerApplication({ db: tdb.db, clock: on(today) }, editor, agency, staffApplicationForm(overrides));
  const act = (id: number, action: Parameters<typeof actOnApplication>[4], values: Record<string, string> = {}, today = '2024-12-31', who?: Actor) =>
    actOnApplication(
      { db: tdb.db, clock: on(today) },
      who ?? (['approve_extension', 'refuse_extension', 'return_answer', 'sign_answer'].includes(action) ? leader : editor),
      agency,
      id,
      action,
      values,
    );
  const row = (id: number) => tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  /** Drafts the answer, submits it, has the leader sign it and sends it on `sentOn`. */
  const answer = async (id: number, outcome: string, sentOn: string, today = '2024-12-31') => {
    await act(id, 'draft_answer', { outcome }, today);
    // 部分公开 needs its redacted version before it is submitted (answer-files.service.ts).
    if (outcome === 'partial') await addAnswerFiles({ db: tdb.db, clock: on(today) }, editor, agency, id, { role: 'redacted' }, [REDACTED]);
    const drafted = await row(id);
    // The templates of 部分公开 and 其他 leave the reason to the handler: a placeholder would be refused.
    const letter = (drafted.answerLetter ?? '').replace(/（请在此[^）]*）/, '（第三项涉及第三方商业秘密）');
    await act(id, 'save_answer', { outcome, legalBasis: drafted.legalBasis ?? '', letter, submit: '1' }, today);
    await act(id, 'sign_answer', {}, today);
    await act(id, 'send_answer', { on: sentOn }, today);
    return row(id);
  };
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { name: '测试工业和信息化局' });
    const e = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    const l = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    editor = userActor(e.id, agency.id, 'editor', '王编辑');
    leader = userActor(l.id, agency.id, 'leader', '张局长');
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  it('plain answer: due 20 working days after receipt across 国庆节, signed by a leader, sent, delivered, archived', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    expect(created.ref).toBe('2024-0001');
    expect(created.trackingNo).toMatch(/^\d{8}-\d{6}$/);
    expect(created.queryCode).toMatch(/^[A-Z2-9]{4}-[A-Z2-9]{4}$/);
    // Hand count from Fri 2024-09-27: 09-29 Sun 补班 (1), 09-30 (2), 10-01…10-07 国庆节, 10-08 (3) … 10-11 (6),
    // 10-12 Sat 补班 (7), 10-14 (8) … 10-18 (12), 10-21 (13) … 10-25 (17), 10-28 (18), 10-29 (19), 10-30 (20).
    expect(await row(created.id)).toMatchObject({ status: 'processing', isOpen: 1, dueOn: '2024-10-30', nextDueOn: '2024-10-30', provisional: 0 });

    // Only a leader signs off.
    await act(created.id, 'draft_answer', { outcome: 'granted' });
    const drafted = await row(created.id);
    expect(drafted.answerLetter).toContain('张三：');
    expect(drafted.answerLetter).toContain('第三十六条第（二）项');
    await act(created.id, 'save_answer', {
      outcome: 'granted',
      legalBasis: drafted.legalBasis ?? '',
      letter: `${drafted.answerLetter}\n附：报考条件一份。`,
      submit: '1',
    });
    expect((await refusal(act(created.id, 'sign_answer', {}, '2024-12-31', editor))).code).toBe('FORBIDDEN');
    expect((await refusal(act(created.id, 'send_answer', { on: '2024-10-25' }))).message).toBe('答复尚未经领导签发，不能发送。');
    await act(created.id, 'sign_answer', {});
    await act(created.id, 'send_answer', { on: '2024-10-25' });
    expect(await row(created.id)).toMatchObject({ status: 'closed', isOpen: 0, closedOn: '2024-10-25', outcome: 'granted', nextDueOn: null });
    await act(created.id, 'deliver', { on: '2024-10-26', method: '电子邮件' });
    await act(created.id, 'archive', { on: '2024-10-28' });
    expect((await row(created.id)).archivedOn).toBe('2024-10-28');
    const audit = await tdb.db
      .selectFrom('auditLog')
      .select('action')
      .where('entityType', '=', 'application')
      .where('entityId', '=', String(created.id))
      .execute();
    expect(audit.map((a) => a.action)).toEqual([
      'application.register',
      'application.draft_answer',
      'application.save_answer',
      'application.sign_answer',
      'application.send_answer',
      'application.deliver',
      'application.archive',
    ]);
  });

  it('refuses answering a closed case', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    await answer(created.id, 'granted', '2024-10-21');
    const e = await refusal(act(created.id, 'draft_answer', { outcome: 'partial' }));
    expect(e.code).toBe('INVALID_STATE');
    expect(e.message).toBe('该申请已于 2024-10-21 答复办结，不能再办理或再次答复。');
  });

  it('correction then answer: the clock stops while waiting and restarts from the corrected application', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    await act(created.id, 'request_correction', { on: '2024-10-10', items: '请写明所需文件的名称或文号\n请说明信息所属年度', replyBy: '2024-10-31' });
    // The 补正 deadline is the 7th working day after receipt: Sat 2024-10-12 (补班).
    expect(await row(created.id)).toMatchObject({ status: 'awaiting_correction', dueOn: null, nextDueOn: '2024-10-31', correctionDueOn: '2024-10-12' });
    await act(created.id, 'receive_correction', { on: '2024-10-21' });
    // Restart Mon 2024-10-21: 10-22 (1) … 10-25 (4), 10-28 (5) … 11-01 (9), 11-04 (10) … 11-08 (14), 11-11 (15) … 11-15 (19), 11-18 (20).
    expect(await row(created.id)).toMatchObject({ status: 'processing', dueOn: '2024-11-18' });
    const closed = await answer(created.id, 'granted', '2024-11-18');
    expect(closed.answerLetter).toContain('您于2024年10月21日提交了补正后的申请');
  });

  it('correction never received → other.no_correction, only once the applicant’s time has run out', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    await act(created.id, 'request_correction', { on: '2024-10-08', items: '请写明所需信息的名称' });
    // Default reply time, 15 working days after 10-08: 10-09 (1) … 10-12 Sat 补班 (4), 10-14 (5) … 10-18 (9), 10-21 (10) … 10-25 (14), 10-28 (15).
    expect((await row(created.id)).nextDueOn).toBe('2024-10-28');
    const early = await refusal(act(created.id, 'draft_answer', { outcome: 'other.no_correction' }, '2024-10-28'));
    expect(early.message).toBe('申请人的补正期限至 2024-10-28 届满，届满后才能按逾期不补正处理。');
    expect((await refusal(act(created.id, 'draft_answer', { outcome: 'granted' }, '2024-10-29'))).message).toBe('申请人尚未补正，不能作出该答复。');
    const closed = await answer(created.id, 'other.no_correction', '2024-10-29', '2024-10-29');
    expect(closed).toMatchObject({ status: 'closed', outcome: 'other.no_correction', closedOn: '2024-10-29' });
    // The pause ran until the answer, so the office was not late.
    expect(closed.dueOn !== null && closed.dueOn >= '2024-10-29').toBe(true);
  });

  it('refuses a correction notice after 7 working days without a reason', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    const e = await refusal(act(created.id, 'request_correction', { on: '2024-10-14', items: '请写明文号' }));
    expect(e.message).toBe('补正通知应在收到申请后 7 个工作日内（2024-10-12 前）发出；逾期发出须说明理由。');
    await act(created.id, 'request_correction', { on: '2024-10-14', items: '请写明文号', lateReason: '申请涉及多个科室，核实需要时间' });
    const second = await refusal(act(created.id, 'request_correction', { on: '2024-10-15', items: '再补一项' }));
    expect(second.message).toContain('一次性告知');
  });

  it('consultation: the days between start and end are not counted', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    await act(created.id, 'start_consultation', { on: '2024-10-09', party: 'third_party', partyName: '某科技有限公司' });
    // The third party has 15 working days: 10-10 (1), 10-11 (2), 10-12 Sat 补班 (3), 10-14 (4) … 10-29 (15). Meanwhile
    // the due date assumes them all (provisional): 09-29 … 10-09 (4), 10-30 (5) … 11-20 (20) — clock-rules.test.ts.
    expect(await row(created.id)).toMatchObject({ status: 'consulting', dueOn: '2024-11-20', nextDueOn: '2024-11-20', provisional: 1 });
    await act(created.id, 'end_consultation', { on: '2024-10-16' });
    // Not counted: 10-10, 10-11, 10-12 (补班), 10-14, 10-15, 10-16 = 6; counted 09-29, 09-30, 10-08, 10-09 (4), then 10-17 (5) … 11-07 (20).
    expect(await row(created.id)).toMatchObject({ status: 'processing', dueOn: '2024-11-07' });
  });

  it('extension: needs a leader, adds 20 working days, never more than 20 in all', async () => {
    const created = await register({ receivedOn: '2024-09-27' });
    await act(created.id, 'request_extension', { on: '2024-10-25', days: '15', reason: '需要调取档案' });
    expect((await refusal(act(created.id, 'approve_extension', { on: '2024-10-28' }, '2024-12-31', editor))).code).toBe('FORBIDDEN');
    expect((await refusal(act(created.id, 'request_extension', { on: '2024-10-25', days: '5', reason: '再延' }))).message).toBe(
      '已有一项延期申请等待领导审批。',
    );
    await act(created.id, 'approve_extension', { on: '2024-10-28' });
    // From 10-30 (20): 10-31 (21), 11-01 (22), 11-04 (23) … 11-08 (27), 11-11 (28) … 11-15 (32), 11-18 (33), 11-19 (34), 11-20 (35).
    expect(await row(created.id)).toMatchObject({ dueOn: '2024-11-20', extendedDays: 15, extensionRequestJson: null });
    const events = await tdb.db.selectFrom('applicationEvents').selectAll().where('applicationId', '=', created.id).where('type', '=', 'extended').execute();
    expect(JSON.parse(events[0]?.dataJson ?? '{}')).toMatchObject({ days: 15, newDueOn: '2024-11-20', approvedBy: '张局长' });
    const twice = await refusal(act(created.id, 'request_extension', { on: '2024-11-01', days: '10', reason: '仍需时间' }));
    expect(twice.message).toBe('延长答复期限合计不得超过 20 个工作日（已延长 15 个工作日）。');
    await act(created.id, 'request_extension', { on: '2024-11-01', days: '5', reason: '仍需时间' });
    await act(created.id, 'refuse_extension', { note: '应按期答复' });
    expect((await row(created.id)).extendedDays).toBe(15);
  });

  it('fee notice by pages, paid: the days until payment are not counted (春节 2025 with 补班)', async () => {
    const created = await register({ receivedOn: '2025-01-20' }, '2025-03-31');
    await act(created.id, 'issue_fee_notice', { on: '2025-01-22', schedule: 'per_page', pages: '150', howToPay: '现场缴纳。' }, '2025-03-31');
    const fee = await tdb.db.selectFrom('applicationFees').selectAll().where('applicationId', '=', created.id).executeTakeFirstOrThrow();
    // 150 pages → 70×10 + 50×20 yuan; no payment deadline until the applicant has the notice.
    expect(fee).toMatchObject({ amount: 1700, schedule: 'per_page', quantity: 150, payBy: null, status: 'outstanding' });
    expect(await row(created.id)).toMatchObject({ status: 'awaiting_fee', dueOn: null, nextDueOn: null });
    // Handed over the same day: pay within 20 working days: 01-23 (1), 01-24 (2), 01-26 Sun 补班 (3), 01-27 (4),
    // 01-28…02-04 春节, 02-05 (5) … 02-08 Sat 补班 (8), 02-10 (9) … 02-14 (13), 02-17 (14) … 02-21 (18), 02-24 (19), 02-25 (20).
    await act(created.id, 'record_fee_notice_delivery', { on: '2025-01-22', method: '当面' }, '2025-03-31');
    expect(await tdb.db.selectFrom('applicationFees').select('payBy').where('applicationId', '=', created.id).executeTakeFirstOrThrow()).toEqual({
      payBy: '2025-02-25',
    });
    expect(await row(created.id)).toMatchObject({ status: 'awaiting_fee', dueOn: null, nextDueOn: '2025-02-25' });
    await act(created.id, 'record_fee_payment', { on: '2025-02-10' }, '2025-03-31');
    // Counted 01-21 (1), 01-22 (2); paused 01-23 … 02-10; then 02-11 (3) … 03-06 (20).
    expect(await row(created.id)).toMatchObject({ status: 'processing', dueOn: '2025-03-06' });
    expect(
      (await tdb.db.selectFrom('applicationFees').select(['status', 'paidOn']).where('applicationId', '=', created.id).executeTakeFirstOrThrow()).status,
    ).toBe('paid');
  });

  it('fee notice unpaid → other.unpaid_fee after 20 working days', async () => {
    const created = await register({ receivedOn: '2025-01-20', idNumber: '110105194912310029', idType: 'other' }, '2025-03-31');
    await act(created.id, 'issue_fee_notice', { on: '2025-01-22', schedule: 'per_page', pages: '40', howToPay: '转账。' }, '2025-03-31');
    expect((await refusal(act(created.id, 'draft_answer', { outcome: 'other.unpaid_fee' }, '2025-03-31'))).message).toContain('尚未登记送达');
    await act(created.id, 'record_fee_notice_delivery', { on: '2025-01-22' }, '2025-03-31');
    expect((await refusal(act(created.id, 'draft_answer', { outcome: 'other.unpaid_fee' }, '2025-02-25'))).message).toBe(
      '缴费期限至 2025-02-25 届满，届满后才能按逾期未缴费处理。',
    );
    expect((await refusal(act(created.id, 'draft_answer', { outcome: 'granted' }, '2025-02-26'))).message).toBe('信息处理费尚未缴纳，不能作出该答复。');
    const closed = await answer(created.id, 'other.unpaid_fee', '2025-02-26', '2025-02-26');
    expect(closed).toMatchObject({ status: 'closed', outcome: 'other.unpaid_fee' });
    expect((await tdb.db.selectFrom('applicationFees').select('status').where('applicationId', '=', created.id).executeTakeFirstOrThrow()).status).toBe(
      'lapsed',
    );
  });

  it('按件 fees count the applicant’s applications in the calendar month: the 11th costs 100 yuan', async () => {
    const ids: number[] = [];
    for (let i = 0; i < 11; i++) ids.push((await register({ receivedOn: '2024-03-01', idNumber: '110105194912310046', subject: `第 ${i + 1} 件` })).id);
    const tenth = await refusal(act(ids[9] as number, 'issue_fee_notice', { on: '2024-03-04', schedule: 'per_application', howToPay: '现场。' }));
    expect(tenth.message).toBe('按收费标准本申请无需收费（本月第 10 件申请），不能发出收费通知。');
    await act(ids[10] as number, 'issue_fee_notice', { on: '2024-03-04', schedule: 'per_application', howToPay: '现场。' });
    const fee = await tdb.db
      .selectFrom('applicationFees')
      .selectAll()
      .where('applicationId', '=', ids[10] as number)
      .executeTakeFirstOrThrow();
    expect(fee).toMatchObject({ amount: 100, quantity: 11 });
  });

  it('partial disclosure and each outcome are counted once in table 3', async () => {
    const outcomes = OUTCOME_CODES.filter((o) => !o.startsWith('other.') && o !== 'unavailable.unclear_after_correction');
    for (const outcome of outcomes) {
      const created = await register(
        {
          receivedOn: '2023-03-01',
          applicantType: 'business',
          idType: 'credit_code',
          idNumber: '91371500MA3C5EJ4XF',
          contact: '李四',
          subject: `结果 ${outcome}`,
        },
        '2023-12-31',
      );
      const closed = await answer(created.id, outcome, '2023-03-20', '2023-12-31');
      expect(closed.outcome).toBe(outcome);
      expect(closed.legalBasis).toContain('《中华人民共和国政府信息公开条例》');
    }
    const table = await computeTable3ForAgency(tdb.db, agency.id, 2023);
    expect(table.received.business).toBe(outcomes.length);
    for (const outcome of outcomes) expect(table.outcomes[outcome].business).toBe(1);
    expect(table.closedTotal.total).toBe(outcomes.length);
    expect(table.carriedOut.total).toBe(0);
  });

  it('an online application is received the day staff confirm it', async () => {
    const submitted = await submitOnlineApplication({ db: tdb.db, clock: on('2024-11-01') }, publicActor, agency, onlineApplicationForm(), []);
    expect(submitted.receivedOn).toBeNull();
    expect(await row(submitted.id)).toMatchObject({ status: 'pending', isOpen: 0, receivedOn: null, dueOn: null, channel: 'online' });
    expect((await refusal(act(submitted.id, 'confirm', { on: '2024-10-31' }, '2024-11-04'))).message).toBe('确认日期不能早于提交之日（2024-11-01）。');
    await act(submitted.id, 'confirm', { on: '2024-11-04' }, '2024-11-04');
    expect(await row(submitted.id)).toMatchObject({ status: 'processing', receivedOn: '2024-11-04', dueOn: '2024-12-02' });
  });

  it('refuses bad input with a message per field, and a stale page', async () => {
    const bad = await refusal(register({ idNumber: '110105194912310021', phone: '12', wayWanted: 'mail', address: '', subject: '' }));
    expect(bad.code).toBe('VALIDATION');
    expect(bad.fields).toMatchObject({
      idNumber: '居民身份证号码应为 18 位，且校验位正确',
      phone: '请填写有效的联系电话（手机号码或带区号的固定电话）',
      address: '选择邮寄方式获取信息时，请填写通信地址',
    });
    expect(bad.fields.subject).toContain('请填写');
    const created = await register();
    const stale = await refusal(act(created.id, 'request_correction', { on: '2024-10-08', items: 'x', version: '7' }));
    expect(stale.code).toBe('CONFLICT');
  });

  it('keeps agencies apart: another agency’s case reads as not found', async () => {
    const other = await buildAgency(tdb.db);
    const created = await register();
    const e = await refusal(actOnApplication({ db: tdb.db, clock: on('2024-12-31') }, systemActor(), other, created.id, 'archive', { on: '2024-12-31' }));
    expect(e.code).toBe('NOT_FOUND');
  });
});
