import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type ApplicationRecord, table3FromRecords } from '../../test/support/report-sources.ts';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../vocabulary/codes.ts';
import { emptyTable3, emptyTable4, type Table3 } from '../vocabulary/report-format.ts';
import { allChecksPass, checkR1, checkR2, checkR3, checkR4, checkR5, checkT4, checkTables } from './validation.ts';

const dateArb = fc
  .date({ min: new Date('2019-01-01T00:00:00Z'), max: new Date('2023-12-31T00:00:00Z'), noInvalidDate: true })
  .map((d) => d.toISOString().slice(0, 10));
const appArb: fc.Arbitrary<ApplicationRecord> = fc
  .record({
    receivedOn: dateArb,
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    closedAfterDays: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
    outcome: fc.constantFrom(...OUTCOME_CODES),
  })
  .map((r) => ({
    receivedOn: r.receivedOn,
    applicantType: r.applicantType,
    closedOn: r.closedAfterDays === null ? null : new Date(Date.parse(r.receivedOn) + r.closedAfterDays * 86400000).toISOString().slice(0, 10),
    outcome: r.closedAfterDays === null ? null : r.outcome,
  }));

/** A small consistent table: 3 received, 1 carried in, 2 granted, 1 partial, 1 carried out (all natural persons). */
function consistent(): Table3 {
  const t3 = emptyTable3();
  const set = (row: Table3['received'], n: number) => {
    row.natural_person = n;
    row.total = n;
  };
  set(t3.received, 3);
  set(t3.carriedIn, 1);
  set(t3.outcomes.granted, 2);
  set(t3.outcomes.partial, 1);
  set(t3.closedTotal, 3);
  set(t3.carriedOut, 1);
  return t3;
}

describe('the checks R1–R5', () => {
  it('hold for tables counted from any generated applications, across consecutive years', () => {
    fc.assert(
      fc.property(fc.array(appArb, { maxLength: 120 }), fc.integer({ min: 2020, max: 2023 }), (apps, year) => {
        const checks = checkTables({ applications: table3FromRecords(apps, year), appeals: emptyTable4() }, table3FromRecords(apps, year - 1));
        expect(checks.filter((c) => !c.ok)).toEqual([]);
        expect(checks.find((c) => c.rule === 'R5')?.skipped).toBeFalsy();
      }),
      { numRuns: 200 },
    );
  });

  it('pass on a consistent table and skip R5 without the previous year', () => {
    const checks = checkTables({ applications: consistent(), appeals: emptyTable4() });
    expect(allChecksPass(checks)).toBe(true);
    expect(checks.map((c) => c.rule)).toEqual(['R1', 'R2', 'R3', 'R4', 'R5', 'T4']);
    expect(checks.find((c) => c.rule === 'R5')).toMatchObject({ ok: true, skipped: true });
  });

  it('name each failing cell of R1, R2 and R3', () => {
    const t3 = consistent();
    t3.carriedOut.natural_person = 2;
    t3.carriedOut.total = 2;
    const r1 = checkR1(t3);
    expect(r1.ok).toBe(false);
    expect(r1.problems).toEqual([
      '列“自然人”：本年新收（3）加上年结转（1）为 4，总计（3）加结转下年度（2）为 5，两者不等',
      '列“总计”：本年新收（3）加上年结转（1）为 4，总计（3）加结转下年度（2）为 5，两者不等',
    ]);
    const t3b = consistent();
    t3b.outcomes['refused.state_secret'].business = 1;
    expect(checkR2(t3b).problems).toEqual(['列“商业企业”：（七）总计为 0，21项办理结果之和为 1']);
    expect(checkR3(t3b).problems).toEqual(['行“（三）不予公开 1.属于国家秘密”：总计为 0，六类申请人之和为 1']);
  });

  it('R4 refuses fractional or negative cells and more outcomes than applications in hand', () => {
    const t3 = consistent();
    t3.outcomes.granted.natural_person = 2.5;
    expect(checkR4(t3).problems[0]).toBe('行“（一）予以公开”列“自然人”：2.5 不是非负整数');
    const t3b = consistent();
    t3b.outcomes.granted.natural_person = 9;
    t3b.outcomes.granted.total = 9;
    expect(checkR4(t3b).problems).toContain('列“自然人”：办理结果之和 10 超过本年新收与上年结转之和 4');
  });

  it('R5 compares this year’s carried-in with last year’s carried-out, column by column', () => {
    const previous = emptyTable3();
    previous.carriedOut.natural_person = 2;
    previous.carriedOut.total = 2;
    expect(checkR5(consistent(), previous).problems).toEqual([
      '列“自然人”：本年“上年结转”为 1，上一年度“结转下年度继续办理”为 2',
      '列“总计”：本年“上年结转”为 1，上一年度“结转下年度继续办理”为 2',
    ]);
  });

  it('T4 checks each block’s total', () => {
    const t4 = emptyTable4();
    t4.reconsideration.upheld = 1;
    expect(checkT4(t4).problems).toEqual(['“行政复议”：总计为 0，四项结果之和为 1']);
  });
});
