// Generates realistic 依申请公开 interchange records: three years of one agency's cases with a mix of events and outcomes.
import type { WorkCalendar } from '../src/calendar/day-table.ts';
import { APPLICANT_TYPES, type OutcomeCode } from '../src/vocabulary/codes.ts';

/** A small deterministic PRNG (mulberry32), so every run generates the same data. */
function rng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted outcomes, roughly as agencies report them. */
const OUTCOMES: [OutcomeCode, number][] = [
  ['granted', 45],
  ['partial', 10],
  ['refused.third_party_rights', 2],
  ['refused.process_information', 3],
  ['refused.internal_affairs', 2],
  ['refused.enforcement_file', 1],
  ['unavailable.not_held', 15],
  ['unavailable.needs_creation', 3],
  ['not_processed.complaint', 4],
  ['not_processed.duplicate', 3],
  ['not_processed.publication', 1],
  ['other.other', 5],
];

const SUBJECTS = ['专项资金分配结果', '行政处罚决定书', '企业技术改造备案情况', '权责清单', '无线电操作证报考条件', '部门预算', '规划环评报告', '招商引资协议'];

export type GeneratedApplication = Record<string, unknown>;

/** `count` application records of agency `agency`, received across `years`, in receipt order; ~5% still open. */
export function generateApplications(calendar: WorkCalendar, agency: string, count: number, years: readonly number[], seed = 42): GeneratedApplication[] {
  const rand = rng(seed);
  const pick = <T>(list: readonly T[]) => list[Math.floor(rand() * list.length)] as T;
  const total = OUTCOMES.reduce((s, [, w]) => s + w, 0);
  const outcome = (): OutcomeCode => {
    let r = rand() * total;
    for (const [o, w] of OUTCOMES) {
      r -= w;
      if (r < 0) return o;
    }
    return 'granted';
  };
  const add = (d: string, n: number) => calendar.addWorkdays(d, n).date;
  const first = Date.UTC(years[0] as number, 0, 2);
  const last = Date.UTC(years[years.length - 1] as number, 11, 1);
  const out: GeneratedApplication[] = [];
  for (let i = 0; i < count; i++) {
    const day = new Date(first + Math.floor(((last - first) * i) / count)).toISOString().slice(0, 10);
    const receivedOn = calendar.isWorkday(day) ? day : add(day, 1);
    const events: Record<string, unknown>[] = [];
    const r = rand();
    let on = receivedOn;
    let forcedOutcome: OutcomeCode | null = null;
    if (r < 0.1) {
      events.push({ type: 'correction_requested', on: add(receivedOn, 2), note: '请补充所需信息的文号或特征描述' });
      on = add(receivedOn, 6);
      events.push({ type: 'correction_received', on });
    } else if (r < 0.13) {
      events.push({ type: 'correction_requested', on: add(receivedOn, 3), note: '请写明所需信息的名称' });
      on = add(receivedOn, 20);
      forcedOutcome = 'other.no_correction';
    } else if (r < 0.21) {
      const start = add(receivedOn, 5);
      events.push({ type: 'consultation_started', on: start, party: rand() < 0.8 ? 'third_party' : 'agency' });
      on = add(start, 1 + Math.floor(rand() * 14));
      events.push({ type: 'consultation_ended', on });
    } else if (r < 0.26) {
      on = add(receivedOn, 15);
      events.push({ type: 'extended', on, days: 5 + Math.floor(rand() * 16) });
    } else if (r < 0.28) {
      events.push({ type: 'fee_notice', on: add(receivedOn, 4), amount: 100 * (1 + Math.floor(rand() * 5)) });
      on = add(receivedOn, 10);
      events.push({ type: 'fee_paid', on });
    } else if (r < 0.29) {
      events.push({ type: 'fee_notice', on: add(receivedOn, 4), amount: 200 });
      on = add(receivedOn, 25);
      forcedOutcome = 'other.unpaid_fee';
    }
    const open = i >= count * 0.95 && forcedOutcome === null;
    if (!open) events.push({ type: 'closed', on: add(on, forcedOutcome ? 1 : 3 + Math.floor(rand() * 16)), outcome: forcedOutcome ?? outcome() });
    out.push({
      kind: 'application',
      agency,
      ref: `B-${String(i + 1).padStart(6, '0')}`,
      receivedOn,
      channel: pick(['online', 'online', 'in_person', 'mail', 'email', 'fax'] as const),
      applicantType: rand() < 0.85 ? 'natural_person' : pick(APPLICANT_TYPES),
      applicant: {
        name: `申请人${i % 997}`,
        idNumber: `3715021980${String(i % 100000).padStart(8, '0')}`,
        phone: `138${String(i % 100000000).padStart(8, '0')}`,
      },
      subject: `${pick(SUBJECTS)}（${i}）`,
      events,
    });
  }
  return out;
}
