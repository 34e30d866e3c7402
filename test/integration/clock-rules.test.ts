import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadCaseView } from '../../src/applications/applications.queries.ts';
import { registerApplication } from '../../src/applications/applications.service.ts';
import { actOnApplication } from '../../src/applications/case.service.ts';
import { consultationTodoSource } from '../../src/applications/consultation.todo.ts';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import type { Actor } from '../../src/shared/actor.ts';
import { type Clock, fixedClock } from '../../src/shared/clock.ts';
import { DomainError } from '../../src/shared/errors.ts';
import { staffApplicationForm, userActor } from '../builders/applications.ts';
import { buildAgency, buildUser } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// Issue 14's clock rules through the services, on both dialects; every date counted by hand in the comments
// (2024 国庆节: 10-01…10-07 off, Sun 09-29 and Sat 10-12 补班; 2025 国庆节: 10-01…10-08 off, Sun 09-28 and Sat 10-11 补班).
const on = (date: string): Clock => fixedClock(`${date}T02:00:00Z`);

describe.each(DIALECTS)('the clock rules of issue 14 on %s', (dialect) => {
  let tdb: TestDatabase;
  let agency: Agency;
  let editor: Actor;
  let leader: Actor;
  let head: Actor;
  let admin: Actor;
  let headId: number;

  const register = (overrides: Record<string, string> = {}, today = '2025-12-31') =>
    registerApplication({ db: tdb.db, clock: on(today) }, editor, agency, staffApplicationForm(overrides));
  const act = (who: Actor, id: number, action: Parameters<typeof actOnApplication>[4], values: Record<string, string>, today = '2025-12-31') =>
    actOnApplication({ db: tdb.db, clock: on(today) }, who, agency, id, action, values);
  const row = (id: number) => tdb.db.selectFrom('applications').selectAll().where('id', '=', id).executeTakeFirstOrThrow();
  const refusal = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (err: unknown) => err,
    );
    expect(e).toBeInstanceOf(DomainError);
    return e as DomainError;
  };
  const settings = (values: Record<string, string>, today = '2025-12-31') =>
    saveApplicationSettings({ db: tdb.db, clock: on(today) }, admin, agency.id, values);
  const view = (who: Actor, id: number, today: string) =>
    loadCaseView({ db: tdb.db, clock: on(today), registries: { appealsOfCase: async () => [] } }, who, agency, id);

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    agency = await buildAgency(tdb.db, { name: '测试工业和信息化局' });
    const e = await buildUser(tdb.db, { agencyId: agency.id, role: 'editor' });
    const l = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    const h = await buildUser(tdb.db, { agencyId: agency.id, role: 'leader' });
    await tdb.db.updateTable('users').set({ displayName: '李主任' }).where('id', '=', h.id).execute();
    const a = await buildUser(tdb.db, { agencyId: agency.id, role: 'admin' });
    headId = h.id;
    editor = userActor(e.id, agency.id, 'editor', '王编辑');
    leader = userActor(l.id, agency.id, 'leader', '张局长');
    head = userActor(h.id, agency.id, 'leader', '李主任');
    admin = userActor(a.id, agency.id, 'admin', '赵管理');
  });
  afterAll(async () => {
    await tdb?.cleanup();
  });

  it('第三十二条: a consultation ends by itself after 15 working days, and then shows on the workbench', async () => {
    const c = await register({ receivedOn: '2025-09-22' });
    await act(editor, c.id, 'start_consultation', { on: '2025-09-25', party: 'third_party', partyName: '某公司', receivedOn: '2025-09-26' }, '2025-09-26');
    // Received by the third party Fri 09-26: 09-28 Sun 补班 (1), 09-29 (2), 09-30 (3), 10-09 (4), 10-10 (5), 10-11 Sat 补班 (6),
    // 10-13 (7) … 10-17 (11), 10-20 (12) … 10-23 (15). Counted 09-23 (1) … 09-25 (3), then 10-24 (4), 10-27 (5) … 10-31 (9),
    // 11-03 (10) … 11-07 (14), 11-10 (15) … 11-14 (19), 11-17 (20).
    expect(await row(c.id)).toMatchObject({ status: 'consulting', dueOn: '2025-11-17', nextDueOn: '2025-11-17', provisional: 1 });
    const calendar = await loadWorkCalendar(tdb.db);
    const todo = (today: string) => consultationTodoSource.list({ db: tdb.db, agency, today, calendar });
    expect((await todo('2025-10-23')).map((i) => i.key)).not.toContain(`applications.consultation:${c.id}:decide`);
    const items = await todo('2025-10-24');
    const item = items.find((i) => i.key === `applications.consultation:${c.id}:decide`);
    // 10-24 to 11-17: 10-27 (1) … 10-31 (5), 11-03 (6) … 11-07 (10), 11-10 (11) … 11-14 (15), 11-17 (16).
    expect(item).toMatchObject({
      action: '征求意见期满，请作出答复决定',
      href: `/admin/${agency.code}/applications/${c.id}`,
      deadline: { dueOn: '2025-11-17', workingDaysLeft: 16, provisional: true },
      roles: ['editor', 'admin'],
    });
    // The case page says the consultation lapsed and the case counts again; past 11-17 it is overdue.
    const page = await view(editor, c.id, '2025-11-18');
    expect(page.urgency).toMatchObject({ kind: 'overdue' });
    expect(page.snapshot.clock?.dueOn).toBe('2025-11-17');
    // Recorded late (10-30), the pause still ends on 10-23: the due date stays.
    await act(editor, c.id, 'end_consultation', { on: '2025-10-30' }, '2025-10-30');
    expect(await row(c.id)).toMatchObject({ status: 'processing', dueOn: '2025-11-17', provisional: 0 });
    expect((await todo('2025-10-31')).map((i) => i.key)).not.toContain(`applications.consultation:${c.id}:decide`);
  });

  it('第三十三条: only the designated head of the disclosure office approves an extension; the case page offers it to them only', async () => {
    await settings({ [`approver_${headId}`]: 'on', approverRole: '' });
    const c = await register({ receivedOn: '2024-09-27' }, '2024-10-25');
    await act(editor, c.id, 'request_extension', { on: '2024-10-25', days: '15', reason: '需要调取档案' }, '2024-10-25');
    const refused = await refusal(act(leader, c.id, 'approve_extension', { on: '2024-10-28' }, '2024-10-28'));
    expect(refused.code).toBe('FORBIDDEN');
    expect(refused.message).toBe('此决定须由信息公开工作机构负责人作出（条例第三十三条）。本机关指定的负责人：李主任。');
    expect((await view(leader, c.id, '2024-10-28')).actions).not.toContain('approve_extension');
    expect((await view(head, c.id, '2024-10-28')).actions).toContain('approve_extension');
    await act(head, c.id, 'approve_extension', { on: '2024-10-28' }, '2024-10-28');
    // Due 10-30 + 15: 10-31 (1), 11-01 (2), 11-04 (3) … 11-08 (7), 11-11 (8) … 11-15 (12), 11-18 (13), 11-19 (14), 11-20 (15).
    expect(await row(c.id)).toMatchObject({ dueOn: '2024-11-20', extendedDays: 15 });
    // A role instead: every leader is the head again.
    await settings({ [`approver_${headId}`]: '', approverRole: 'leader' });
    expect((await refusal(settings({ [`approver_${headId}`]: '', approverRole: '' }))).fields).toHaveProperty('approverRole');
  });

  it('第三十五条: the head sets a longer period beyond the 20-day cap, audited and explained on the case page', async () => {
    const c = await register({ receivedOn: '2024-09-27' }, '2024-10-25');
    await act(editor, c.id, 'request_extension', { on: '2024-10-25', days: '20', reason: '需要调取档案' }, '2024-10-25');
    await act(head, c.id, 'approve_extension', { on: '2024-10-25' }, '2024-10-25');
    expect(await row(c.id)).toMatchObject({ dueOn: '2024-11-27', extendedDays: 20 });
    const values = { on: '2024-11-20', dueOn: '2024-12-31', reason: '该申请人本月提交申请 60 件，明显超过合理范围' };
    expect((await refusal(act(editor, c.id, 'set_longer_period', values, '2024-11-20'))).code).toBe('FORBIDDEN');
    expect((await refusal(act(head, c.id, 'set_longer_period', { ...values, dueOn: '2024-11-27' }, '2024-11-20'))).message).toContain('应晚于当前的答复期限');
    await act(head, c.id, 'set_longer_period', values, '2024-11-20');
    // 11-27 + 24 working days: 11-28 (1), 11-29 (2), 12-02 (3) … 12-27 (22), 12-30 (23), 12-31 (24).
    expect(await row(c.id)).toMatchObject({ dueOn: '2024-12-31', extendedDays: 20 });
    const audit = await tdb.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'application.set_longer_period')
      .where('entityId', '=', String(c.id))
      .execute();
    expect(audit).toHaveLength(1);
    const page = await view(head, c.id, '2024-11-21');
    expect(page.explanation.some((s) => s.kind === 'extend' && s.text.includes('第三十五条'))).toBe(true);
    expect(page.log.some((e) => e.type === 'longer_period' && JSON.parse(e.dataJson ?? '{}').days === 24)).toBe(true);
  });

  it('第三十一条(三): e-mail counts from the day both sides confirm; the 2015 reading is a setting that recomputes open cases', async () => {
    // Mail arrived Mon 2024-09-30; confirmed with the applicant Tue 10-08 after the holiday.
    const c = await register({ channel: 'email', receivedOn: '2024-10-08', emailArrivedOn: '2024-09-30' }, '2024-10-08');
    // From 10-08: 10-09 (1) … 10-11 (3), 10-12 Sat 补班 (4), 10-14 (5) … 10-18 (9), 10-21 (10) … 10-25 (14),
    // 10-28 (15) … 11-01 (19), 11-04 (20).
    expect(await row(c.id)).toMatchObject({ receivedOn: '2024-10-08', dueOn: '2024-11-04' });
    const saved = await settings({ emailReceipt: 'arrival' }, '2024-10-09');
    // From 09-30: 10-08 (1) … 10-11 (4), 10-12 (5), 10-14 (6) … 10-18 (10), 10-21 (11) … 10-25 (15), 10-28 (16) … 11-01 (20).
    expect(saved.moved.find((m) => m.id === c.id)).toMatchObject({ oldReceivedOn: '2024-10-08', newReceivedOn: '2024-09-30', newDueOn: '2024-11-01' });
    expect(await row(c.id)).toMatchObject({ receivedOn: '2024-09-30', dueOn: '2024-11-01' });
    const audit = await tdb.db
      .selectFrom('auditLog')
      .selectAll()
      .where('action', '=', 'application_settings.save')
      .orderBy('id', 'desc')
      .executeTakeFirstOrThrow();
    expect(JSON.stringify(audit)).toContain('2024-11-01');
    // Under the 2015 reading the arrival date is required.
    expect((await refusal(register({ channel: 'email', receivedOn: '2024-10-08' }, '2024-10-09'))).fields).toHaveProperty('emailArrivedOn');
    await settings({ emailReceipt: 'confirmed' }, '2024-10-10');
    expect(await row(c.id)).toMatchObject({ receivedOn: '2024-10-08', dueOn: '2024-11-04' });
    const moves = await tdb.db
      .selectFrom('applicationEvents')
      .select('type')
      .where('applicationId', '=', c.id)
      .where('type', '=', 'receipt_date_changed')
      .execute();
    expect(moves).toHaveLength(2);
  });
});
