import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { APPLICANT_TYPES, OUTCOME_CODES } from '../vocabulary/codes.ts';
import { type ApplicantCounts, TABLE3_COLUMNS, type Table3 } from '../vocabulary/report-format.ts';
import { computeTable3, computeTable4, type Table3Record, type Table4Record } from './statistics.ts';

const rows = (t: Table3): [string, ApplicantCounts][] => [
  ['received', t.received],
  ['carriedIn', t.carriedIn],
  ...OUTCOME_CODES.map((c): [string, ApplicantCounts] => [c, t.outcomes[c]]),
  ['closedTotal', t.closedTotal],
  ['carriedOut', t.carriedOut],
];

const isoDay = (n: number) => new Date(Date.UTC(2019, 0, 1) + n * 86_400_000).toISOString().slice(0, 10);

/** Random cases across 2019–2024: received some day, closed some days later (or still open). */
const caseArb = fc
  .record({
    applicantType: fc.constantFrom(...APPLICANT_TYPES),
    received: fc.integer({ min: 0, max: 6 * 365 }),
    closedAfter: fc.option(fc.integer({ min: 0, max: 500 }), { nil: null }),
    outcome: fc.constantFrom(...OUTCOME_CODES),
  })
  .map(
    (c): Table3Record => ({
      applicantType: c.applicantType,
      receivedOn: isoDay(c.received),
      closedOn: c.closedAfter === null ? null : isoDay(c.received + c.closedAfter),
      outcome: c.closedAfter === null ? null : c.outcome,
    }),
  );

describe('table 3 from case records', () => {
  it('counts the seed year: 2 received in 2022 and both answered', () => {
    const t = computeTable3(
      [
        { applicantType: 'natural_person', receivedOn: '2021-04-06', closedOn: '2021-04-28', outcome: 'granted' },
        { applicantType: 'natural_person', receivedOn: '2022-03-01', closedOn: '2022-03-22', outcome: 'granted' },
        { applicantType: 'business', receivedOn: '2022-11-20', closedOn: '2022-12-14', outcome: 'partial' },
      ],
      2022,
    );
    expect(t.received).toMatchObject({ natural_person: 1, business: 1, total: 2 });
    expect(t.closedTotal.total).toBe(2);
    expect(t.carriedIn.total).toBe(0);
    expect(t.carriedOut.total).toBe(0);
    expect(t.outcomes.partial.business).toBe(1);
  });

  it('carries an open case over and counts its answer in the year it is given', () => {
    const open: Table3Record = { applicantType: 'research', receivedOn: '2022-12-20', closedOn: '2023-01-10', outcome: 'unavailable.not_held' };
    expect(computeTable3([open], 2022).carriedOut.research).toBe(1);
    const y2023 = computeTable3([open], 2023);
    expect(y2023.carriedIn.research).toBe(1);
    expect(y2023.outcomes['unavailable.not_held'].research).toBe(1);
    expect(y2023.carriedOut.total).toBe(0);
  });

  it('keeps R1–R4 on random case sets, and carriedIn(Y) = carriedOut(Y−1) (R5)', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 80 }), fc.integer({ min: 2020, max: 2024 }), (cases, year) => {
        const t = computeTable3(cases, year);
        for (const col of TABLE3_COLUMNS) {
          // R1: received + carriedIn = closedTotal + carriedOut.
          expect(t.received[col] + t.carriedIn[col]).toBe(t.closedTotal[col] + t.carriedOut[col]);
          // R2: closedTotal = the sum of the 21 outcome rows.
          expect(OUTCOME_CODES.reduce((s, c) => s + t.outcomes[c][col], 0)).toBe(t.closedTotal[col]);
        }
        // R3: the total column is the sum of the six applicant columns, in every row.
        for (const [, row] of rows(t)) expect(APPLICANT_TYPES.reduce((s, a) => s + row[a], 0)).toBe(row.total);
        // R4: each application closed in Y counts in exactly one outcome row.
        const closedInYear = cases.filter((c) => c.closedOn?.startsWith(String(year))).length;
        expect(t.closedTotal.total).toBe(closedInYear);
        // R5: what one year carries out, the next carries in, per column.
        const before = computeTable3(cases, year - 1);
        for (const col of TABLE3_COLUMNS) expect(t.carriedIn[col]).toBe(before.carriedOut[col]);
      }),
      { numRuns: 300 },
    );
  });
});

describe('table 4 from appeals', () => {
  const appeals: Table4Record[] = [
    { type: 'reconsideration', filedOn: '2022-05-06', result: 'upheld', decidedOn: '2022-07-01' },
    { type: 'reconsideration', filedOn: '2022-11-06', result: 'corrected', decidedOn: '2023-01-20' },
    { type: 'litigation_direct', filedOn: '2022-03-01', result: 'pending', decidedOn: null },
    { type: 'litigation_after_reconsideration', filedOn: '2021-09-01', result: 'other', decidedOn: '2022-02-01' },
    { type: 'reconsideration', filedOn: '2023-02-01', result: 'upheld', decidedOn: '2023-03-01' },
  ];

  it('counts each case with its status as of 31 December', () => {
    const t = computeTable4(appeals, 2022);
    expect(t.reconsideration).toEqual({ upheld: 1, corrected: 0, other: 0, pending: 1, total: 2 });
    expect(t.litigationDirect).toEqual({ upheld: 0, corrected: 0, other: 0, pending: 1, total: 1 });
    expect(t.litigationAfterReconsideration.total).toBe(0);
  });

  it('optionally counts cases carried over from earlier years', () => {
    const t = computeTable4(appeals, 2022, { includeCarriedOver: true });
    expect(t.litigationAfterReconsideration).toEqual({ upheld: 0, corrected: 0, other: 1, pending: 0, total: 1 });
  });

  it('keeps each 总计 equal to the four before it (property)', () => {
    const appealArb = fc.record({
      type: fc.constantFrom('reconsideration', 'litigation_direct', 'litigation_after_reconsideration' as const),
      filed: fc.integer({ min: 0, max: 4 * 365 }),
      decidedAfter: fc.option(fc.integer({ min: 0, max: 400 }), { nil: null }),
      result: fc.constantFrom('upheld', 'corrected', 'other' as const),
    });
    fc.assert(
      fc.property(fc.array(appealArb, { maxLength: 40 }), fc.boolean(), (list, carried) => {
        const records: Table4Record[] = list.map((a) => ({
          type: a.type,
          filedOn: isoDay(a.filed),
          result: a.decidedAfter === null ? 'pending' : a.result,
          decidedOn: a.decidedAfter === null ? null : isoDay(a.filed + a.decidedAfter),
        }));
        const t = computeTable4(records, 2021, { includeCarriedOver: carried });
        for (const block of [t.reconsideration, t.litigationDirect, t.litigationAfterReconsideration]) {
          expect(block.upheld + block.corrected + block.other + block.pending).toBe(block.total);
        }
        if (!carried)
          expect(t.reconsideration.total + t.litigationDirect.total + t.litigationAfterReconsideration.total).toBe(
            records.filter((r) => r.filedOn.startsWith('2021')).length,
          );
      }),
    );
  });
});
