import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { clusterCases, type DisclosedCase, similarity, subjectWords } from './clustering.ts';

let nextId = 1;
const c = (subject: string, applicantKey: string | null, documentIds?: number[]): DisclosedCase => {
  const id = nextId++;
  return { id, ref: `2026-${String(id).padStart(4, '0')}`, subject, applicantKey, closedOn: '2026-03-01', documentIds };
};

describe('which disclosed applications asked for the same information', () => {
  const a = c('2025年度中小企业发展专项资金分配结果', 'A');
  const b = c('申请公开2025年度中小企业发展专项资金的分配结果', 'B');
  const a2 = c('2025年度中小企业发展专项资金分配结果', 'A');
  const other = c('无线电初级操作证报考条件', 'C');
  const solo = c('某某路段噪声监测数据', 'D');

  it('groups subjects that share most words, ignoring words every application carries', () => {
    expect(similarity(subjectWords(a.subject), subjectWords(b.subject))).toBeGreaterThanOrEqual(0.5);
    expect(similarity(subjectWords(a.subject), subjectWords(other.subject))).toBe(0);
    const clusters = clusterCases([a, b, other, solo]);
    expect(clusters.map((k) => k.cases.map((x) => x.id))).toEqual([[a.id, b.id]]);
    expect(clusters[0]?.applicants).toBe(2);
  });

  it('needs distinct applicants: one person asking twice is not a cluster', () => {
    expect(clusterCases([a, a2])).toEqual([]);
    expect(clusterCases([a, a2, b])[0]?.applicants).toBe(2);
    expect(clusterCases([a, b], { minApplicants: 3, minSimilarity: 0.5 })).toEqual([]);
  });

  it('joins cases whose answers provided the same document, whatever their words', () => {
    const x = c('上半年招标公告', 'E', [7]);
    const y = c('采购项目的中标情况', 'F', [7, 9]);
    expect(clusterCases([x, y]).map((k) => k.cases.length)).toEqual([2]);
  });

  const subjects = [a.subject, b.subject, other.subject, solo.subject, '中小企业专项资金分配', '无线电操作证报考条件和时间', '噪声监测数据'];
  const caseArb = fc.record({
    subject: fc.constantFrom(...subjects),
    applicantKey: fc.option(fc.constantFrom('A', 'B', 'C', 'D'), { nil: null }),
    documentIds: fc.option(fc.array(fc.integer({ min: 1, max: 4 }), { maxLength: 2 }), { nil: undefined }),
  });

  it('does not depend on the order of the cases (property)', () => {
    fc.assert(
      fc.property(
        fc.array(caseArb, { maxLength: 12 }).chain((raw) => {
          const cases = raw.map((r, i) => ({ ...r, id: i + 1, ref: `2026-${String(i + 1).padStart(4, '0')}`, closedOn: '2026-03-01' }));
          return fc.tuple(fc.constant(cases), fc.shuffledSubarray(cases, { minLength: cases.length, maxLength: cases.length }));
        }),
        ([cases, shuffled]) => {
          expect(clusterCases(shuffled)).toEqual(clusterCases(cases));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('puts every case in at most one cluster, each with enough distinct applicants (property)', () => {
    fc.assert(
      fc.property(fc.array(caseArb, { maxLength: 12 }), fc.integer({ min: 1, max: 4 }), (raw, minApplicants) => {
        const cases = raw.map((r, i) => ({ ...r, id: i + 1, ref: `2026-${String(i + 1).padStart(4, '0')}`, closedOn: '2026-03-01' }));
        const clusters = clusterCases(cases, { minApplicants, minSimilarity: 0.5 });
        const ids = clusters.flatMap((k) => k.cases.map((x) => x.id));
        expect(new Set(ids).size).toBe(ids.length);
        for (const k of clusters) expect(new Set(k.cases.map((x) => x.applicantKey ?? `case:${x.id}`)).size).toBeGreaterThanOrEqual(minApplicants);
      }),
      { numRuns: 200 },
    );
  });
});
