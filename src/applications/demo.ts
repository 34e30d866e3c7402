/**
 * Demo cases of 聊城市工业和信息化局 (lcgxj): two applications in 2021 and two in 2022 (the seed report: 2022 received
 * 2, closed 2, on time), and a few open cases dated back from today so the workbench shows real work (overdue,
 * due soon, waiting for a correction, waiting for sign-off, an online application to confirm).
 */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { Db } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type Actor, publicActor, systemActor } from '../shared/actor.ts';
import { type Clock, fixedClock } from '../shared/clock.ts';
import { registerApplication, submitOnlineApplication } from './applications.service.ts';
import { actOnApplication } from './case.service.ts';
import { saveApplicationSettings } from './settings.service.ts';

const at = (date: string): Clock => fixedClock(`${date}T02:00:00Z`);

/** The working day `n` working days before `date`. */
function workdaysBefore(calendar: WorkCalendar, date: string, n: number): string {
  let d = new Date(`${date}T00:00:00Z`);
  let left = n;
  while (left > 0) {
    d = new Date(d.getTime() - 86_400_000);
    if (calendar.isWorkday(d.toISOString().slice(0, 10))) left--;
  }
  return d.toISOString().slice(0, 10);
}

const PERSON = {
  applicantType: 'natural_person',
  idType: 'resident_id',
  phone: '13800000000',
  email: 'applicant@example.com',
  formWanted: 'electronic',
  wayWanted: 'email',
};

/** Adds the demo cases; returns a tracking number and query code that can be tried on /track. */
export async function buildDemoApplications(
  db: Db,
  agency: Agency,
  staff: Actor,
  leader: Actor,
  today: string,
): Promise<{ trackingNo: string; queryCode: string }> {
  // The seed agency's 文号 and 救济途径 (its letters are numbered at sign-off from here on).
  await saveApplicationSettings({ db, clock: at(today) }, systemActor('演示数据'), agency.id, {
    docNumberPattern: '聊工信依申复〔{year}〕{n}号',
    reviewBody: '聊城市人民政府',
    court: '聊城市东昌府区人民法院',
    answerDownloadDays: '30',
  });
  const register = (values: Record<string, string>, on: string) => registerApplication({ db, clock: at(on) }, staff, agency, { ...PERSON, ...values });
  const act = (id: number, action: Parameters<typeof actOnApplication>[4], values: Record<string, string>, on: string, who: Actor = staff) =>
    actOnApplication({ db, clock: at(on) }, who, agency, id, action, values);
  /** Draft, submit, sign and send the answer, then deliver and archive it. */
  const answer = async (id: number, outcome: string, on: string, archive = true) => {
    await act(id, 'draft_answer', { outcome }, on);
    const row = await db.selectFrom('applications').select(['legalBasis', 'answerLetter']).where('id', '=', id).executeTakeFirstOrThrow();
    await act(id, 'save_answer', { outcome, legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '', submit: '1' }, on);
    await act(id, 'sign_answer', {}, on, leader);
    await act(id, 'send_answer', { on }, on);
    if (archive) {
      await act(id, 'deliver', { on, method: '电子邮件' }, on);
      await act(id, 'archive', { on }, on);
    }
  };

  // 2021: two applications, both answered within the period.
  const a1 = await register(
    {
      name: '刘明',
      idNumber: '37150219800101123X',
      subject: '2021年聊城市工业企业技术改造项目申报指南',
      channel: 'in_person',
      receivedOn: '2021-04-06',
      email: 'liuming@example.com',
    },
    '2021-04-06',
  );
  await answer(a1.id, 'granted', '2021-04-20');
  const a2 = await register(
    {
      name: '陈静',
      idNumber: '371502199002154560',
      subject: '中小企业纾困帮扶政策文件',
      channel: 'mail_registered',
      receivedOn: '2021-09-13',
      address: '山东省聊城市东昌府区示例路 8 号',
      wayWanted: 'mail',
    },
    '2021-09-13',
  );
  await answer(a2.id, 'granted', '2021-09-30');

  // 2022 (the seed): 无线电初级操作证报考, 单位机构职能和权责清单 — received 2, closed 2, on time.
  const b1 = await register(
    {
      name: '赵磊',
      idNumber: '11010519491231002X',
      subject: '无线电初级操作证报考',
      channel: 'online',
      receivedOn: '2022-03-01',
      email: 'zhaolei@example.com',
    },
    '2022-03-01',
  );
  await answer(b1.id, 'granted', '2022-03-15');
  const b2 = await register(
    {
      name: '孙悦',
      idNumber: '110105194912310046',
      subject: '单位机构职能和权责清单',
      channel: 'email',
      receivedOn: '2022-08-08',
      email: 'sunyue@example.com',
    },
    '2022-08-08',
  );
  await act(b2.id, 'request_correction', { on: '2022-08-10', items: '请写明需要的是哪一年度的权责清单' }, '2022-08-10');
  await act(b2.id, 'receive_correction', { on: '2022-08-12' }, '2022-08-12');
  await answer(b2.id, 'granted', '2022-08-26');

  // Open work, dated back from today so the workbench reads as current.
  const calendar = await loadWorkCalendar(db);
  const back = (n: number) => workdaysBefore(calendar, today, n);
  const overdue = await register(
    { name: '王强', idNumber: '37150219800101123X', subject: '2025年度工业和信息化专项资金分配结果', channel: 'fax', receivedOn: back(23) },
    back(23),
  );
  await act(overdue.id, 'request_extension', { on: back(4), days: '10', reason: '涉及多个科室，需调取资金拨付档案' }, back(4));
  const soon = await register(
    { name: '李华', idNumber: '371502199002154560', subject: '聊城市工业互联网平台建设补助政策', channel: 'in_person', receivedOn: back(18) },
    back(18),
  );
  await act(soon.id, 'start_consultation', { on: back(9), party: 'agency', partyName: '聊城市财政局' }, back(9));
  await act(soon.id, 'end_consultation', { on: back(8) }, back(8));
  const correction = await register(
    { name: '周敏', idNumber: '11010519491231002X', subject: '某企业技术改造备案情况', channel: 'email', receivedOn: back(5) },
    back(5),
  );
  await act(correction.id, 'request_correction', { on: back(3), items: '请写明企业名称及备案年份\n请说明所需信息的具体内容' }, back(3));
  const signoff = await register(
    { name: '吴刚', idNumber: '110105194912310046', subject: '2026年度部门预算公开情况', channel: 'mail_ordinary', receivedOn: back(9) },
    back(9),
  );
  await act(signoff.id, 'draft_answer', { outcome: 'granted' }, back(1));
  const row = await db.selectFrom('applications').select(['legalBasis', 'answerLetter']).where('id', '=', signoff.id).executeTakeFirstOrThrow();
  await act(signoff.id, 'save_answer', { outcome: 'granted', legalBasis: row.legalBasis ?? '', letter: row.answerLetter ?? '', submit: '1' }, back(1));
  await submitOnlineApplication(
    { db, clock: at(today) },
    publicActor,
    agency,
    {
      ...PERSON,
      name: '郑洁',
      idNumber: '37150219800101123X',
      subject: '聊城市5G基站建设规划',
      email: 'zhengjie@example.com',
    },
    [],
  );
  return { trackingNo: correction.trackingNo, queryCode: correction.queryCode };
}
