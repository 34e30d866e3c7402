/**
 * Table 2 counting (annual-report-format.md) as pure functions over plain document facts and the yearly figures.
 * For year Y, over the agency's 规章 (rule) and 行政规范性文件 (normative):
 *   本年制发 = issuedOn in Y; 本年废止 = repealed or expired with validityChangedOn in Y;
 *   现行有效 = issued on or before 31 December Y and not repealed or expired on or before that day (amended stays in force).
 * A repeal dated before the issue date (bad data) or not dated at all is taken as on the issue date, so
 * 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y) holds for any set of documents.
 */
import type { YearlyFigures } from '../figures/figures.schema.ts';
import type { Table2, Table2Trial } from '../vocabulary/report-format.ts';

export type DocumentValidity = 'in_force' | 'amended' | 'repealed' | 'expired';

/** What table 2 needs to know of one document (the documents module supplies these). */
export type DocumentFact = {
  category: 'rule' | 'normative';
  issuedOn: string;
  /** When it was published (the trial format's 本年新公开数量); absent = not published. */
  publishedOn?: string | null;
  validity: DocumentValidity;
  validityChangedOn?: string | null;
};

/** Counts of one category for one year. `published` is only printed by the 2019 trial format. */
export type DocumentCounts = { issued: number; repealed: number; inForce: number; published: number };
export type Table2DocumentCounts = { rules: DocumentCounts; normativeDocuments: DocumentCounts };

const emptyCounts = (): DocumentCounts => ({ issued: 0, repealed: 0, inForce: 0, published: 0 });

/** The day a repealed or expired document stopped being in force, or null while it is in force. */
function endedOn(d: DocumentFact): string | null {
  if (d.validity !== 'repealed' && d.validity !== 'expired') return null;
  const on = d.validityChangedOn ?? d.issuedOn;
  // Dates are YYYY-MM-DD text: string order is date order.
  if (on < d.issuedOn) return d.issuedOn;
  return on;
}

/** Counts 规章 and 行政规范性文件 issued, repealed and in force for year Y. */
export function countDocuments(docs: Iterable<DocumentFact>, year: number): Table2DocumentCounts {
  const out = { rules: emptyCounts(), normativeDocuments: emptyCounts() };
  const y = String(year);
  const yearEnd = `${y}-12-31`;
  for (const d of docs) {
    const c = d.category === 'rule' ? out.rules : out.normativeDocuments;
    if (d.issuedOn.startsWith(y)) c.issued++;
    if (d.publishedOn?.startsWith(y)) c.published++;
    const ended = endedOn(d);
    if (ended?.startsWith(y)) c.repealed++;
    if (d.issuedOn <= yearEnd && (ended === null || ended > yearEnd)) c.inForce++;
  }
  return out;
}

/** Table 2 (2021 format) from the document counts and the year's figures. */
export function table2FromCounts(counts: Table2DocumentCounts, figures: YearlyFigures): Table2 {
  const pick = (c: DocumentCounts) => ({ issued: c.issued, repealed: c.repealed, inForce: c.inForce });
  return {
    rules: pick(counts.rules),
    normativeDocuments: pick(counts.normativeDocuments),
    licensing: { decisions: figures.licensingDecisions },
    penalties: { decisions: figures.penaltyDecisions },
    coercion: { decisions: figures.coercionDecisions },
    fees: { amountWan: figures.feesWan },
  };
}

/** Table 2 (2021 format) for year Y from document facts and figures: the counting rules in one call. */
export function countTable2(docs: Iterable<DocumentFact>, figures: YearlyFigures, year: number): Table2 {
  return table2FromCounts(countDocuments(docs, year), figures);
}

/**
 * Table 2 of the 2019 trial format. 对外公开总数量 is taken as the documents in force at year end; 上一年项目数量 comes
 * from the previous year's figures and 本年增/减 is this year's item count minus it (items not entered count as 0).
 */
export function trialTable2FromCounts(counts: Table2DocumentCounts, figures: YearlyFigures, previous: YearlyFigures | null): Table2Trial {
  const docs = (c: DocumentCounts) => ({ made: c.issued, published: c.published, total: c.inForce });
  const items = (now: number | null, before: number | null | undefined) => ({ previousItems: before ?? 0, change: (now ?? 0) - (before ?? 0) });
  return {
    rules: docs(counts.rules),
    normativeDocuments: docs(counts.normativeDocuments),
    licensing: { ...items(figures.licensingItems, previous?.licensingItems), decisions: figures.licensingDecisions },
    otherServices: { ...items(figures.otherServiceItems, previous?.otherServiceItems), decisions: figures.otherServiceDecisions ?? 0 },
    penalties: { ...items(figures.penaltyItems, previous?.penaltyItems), decisions: figures.penaltyDecisions },
    coercion: { ...items(figures.coercionItems, previous?.coercionItems), decisions: figures.coercionDecisions },
    fees: items(figures.feeItems, previous?.feeItems),
    procurement: { items: figures.procurementItems ?? 0, amountWan: figures.procurementAmountWan ?? 0 },
  };
}
