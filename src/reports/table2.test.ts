import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../figures/figures.schema.ts';
import { countDocuments, countTable2, type DocumentFact, trialTable2FromCounts } from './table2.ts';

const doc = (over: Partial<DocumentFact>): DocumentFact => ({ category: 'normative', issuedOn: '2022-06-10', validity: 'in_force', ...over });

describe('table 2 counting', () => {
  it('counts issued, repealed and in force by the rules, amended staying in force', () => {
    const docs = [
      doc({ issuedOn: '2022-06-10' }),
      doc({ issuedOn: '2022-12-31', validity: 'amended', validityChangedOn: '2022-12-31' }),
      doc({ issuedOn: '2020-01-05', validity: 'repealed', validityChangedOn: '2022-03-01' }),
      doc({ issuedOn: '2019-01-05', validity: 'expired', validityChangedOn: '2023-01-01' }),
      doc({ issuedOn: '2023-01-01' }),
      doc({ category: 'rule', issuedOn: '2018-05-01' }),
      doc({ category: 'rule', issuedOn: '2021-05-01', validity: 'repealed', validityChangedOn: '2021-12-31' }),
    ];
    const figures = { ...emptyFigures(2022), licensingDecisions: 5, penaltyDecisions: 2, coercionDecisions: 1, feesWan: 4068.208 };
    expect(countTable2(docs, figures, 2022)).toEqual({
      rules: { issued: 0, repealed: 0, inForce: 1 },
      // in force at the end of 2022: issued 06-10, issued 12-31 (amended), the one expiring 2023-01-01
      normativeDocuments: { issued: 2, repealed: 1, inForce: 3 },
      licensing: { decisions: 5 },
      penalties: { decisions: 2 },
      coercion: { decisions: 1 },
      fees: { amountWan: 4068.208 },
    });
  });

  it('takes a repeal with no date, or dated before the issue, as on the issue date', () => {
    const counts = countDocuments(
      [
        doc({ issuedOn: '2022-02-01', validity: 'repealed', validityChangedOn: null }),
        doc({ issuedOn: '2022-02-01', validity: 'expired', validityChangedOn: '2021-01-01' }),
      ],
      2022,
    );
    expect(counts.normativeDocuments).toEqual({ issued: 2, repealed: 2, inForce: 0, published: 0 });
  });

  const dateArb = fc
    .date({ min: new Date('2015-01-01T00:00:00Z'), max: new Date('2025-12-31T00:00:00Z'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10));
  const docArb = fc
    .record({
      category: fc.constantFrom('rule' as const, 'normative' as const),
      issuedOn: dateArb,
      validity: fc.constantFrom('in_force' as const, 'amended' as const, 'repealed' as const, 'expired' as const),
      validityChangedOn: fc.option(dateArb, { nil: null }),
      publishedOn: fc.option(dateArb, { nil: null }),
    })
    .map((d) => d satisfies DocumentFact);

  it('keeps 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y) for any documents', () => {
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 60 }), fc.integer({ min: 2016, max: 2025 }), (docs, year) => {
        const now = countDocuments(docs, year);
        const before = countDocuments(docs, year - 1);
        for (const k of ['rules', 'normativeDocuments'] as const) {
          expect(now[k].inForce).toBe(before[k].inForce + now[k].issued - now[k].repealed);
        }
      }),
      { numRuns: 300 },
    );
  });

  it('agrees cell by cell with an independent count over generated documents', () => {
    fc.assert(
      fc.property(fc.array(docArb, { maxLength: 80 }), fc.integer({ min: 2015, max: 2025 }), (docs, year) => {
        const t2 = countTable2(docs, emptyFigures(year), year);
        for (const [key, category] of [
          ['rules', 'rule'],
          ['normativeDocuments', 'normative'],
        ] as const) {
          const mine = docs.filter((d) => d.category === category);
          // Independent reading of the rules: compare years as numbers, and a repeal date as max(changed, issued).
          const yearOf = (s: string) => Number(s.slice(0, 4));
          const end = (d: DocumentFact) => {
            if (d.validity !== 'repealed' && d.validity !== 'expired') return Number.POSITIVE_INFINITY;
            const on = d.validityChangedOn ?? d.issuedOn;
            return Math.max(Date.parse(on), Date.parse(d.issuedOn));
          };
          const yearEnd = Date.parse(`${year}-12-31`);
          expect(t2[key].issued).toBe(mine.filter((d) => yearOf(d.issuedOn) === year).length);
          expect(t2[key].repealed).toBe(mine.filter((d) => end(d) !== Number.POSITIVE_INFINITY && new Date(end(d)).getUTCFullYear() === year).length);
          expect(t2[key].inForce).toBe(mine.filter((d) => Date.parse(d.issuedOn) <= yearEnd && end(d) > yearEnd).length);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('fills the 2019 trial format from counts and two years of figures', () => {
    const counts = countDocuments(
      [doc({ issuedOn: '2019-03-01', publishedOn: '2019-03-05' }), doc({ issuedOn: '2018-03-01', publishedOn: '2019-01-02' })],
      2019,
    );
    const figures = { ...emptyFigures(2019), licensingItems: 12, licensingDecisions: 30, feeItems: 3, procurementItems: 2, procurementAmountWan: 15.5 };
    const previous = { ...emptyFigures(2018), licensingItems: 10, feeItems: 4 };
    const t2 = trialTable2FromCounts(counts, figures, previous);
    expect(t2.normativeDocuments).toEqual({ made: 1, published: 2, total: 2 });
    expect(t2.licensing).toEqual({ previousItems: 10, change: 2, decisions: 30 });
    expect(t2.fees).toEqual({ previousItems: 4, change: -1 });
    expect(t2.procurement).toEqual({ items: 2, amountWan: 15.5 });
  });
});
