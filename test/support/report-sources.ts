/**
 * In-memory report sources built from plain records, counted by the rules of annual-report-format.md. Tests and the
 * report benchmark use them until the applications and documents modules supply the real ones.
 */

import { emptyProactiveStats, type ProactiveStats, type ReportSources } from '../../src/reports/sources.ts';
import { countDocuments, type DocumentFact } from '../../src/reports/table2.ts';
import { type AppealResult, type AppealType, type ApplicantType, OUTCOME_CODES, type OutcomeCode } from '../../src/vocabulary/codes.ts';
import { emptyTable3, emptyTable4, type Table3, type Table4 } from '../../src/vocabulary/report-format.ts';

export type ApplicationRecord = { receivedOn: string; applicantType: ApplicantType; closedOn: string | null; outcome: OutcomeCode | null };
export type AppealRecord = { type: AppealType; filedOn: string; result: AppealResult; decidedOn: string | null };

/** Table 3 for year Y from application records (the spec's counting rules, written independently of any module). */
export function table3FromRecords(apps: readonly ApplicationRecord[], year: number): Table3 {
  const t3 = emptyTable3();
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  const add = (row: Table3['received'], type: ApplicantType) => {
    row[type]++;
    row.total++;
  };
  for (const a of apps) {
    if (a.receivedOn >= start && a.receivedOn <= end) add(t3.received, a.applicantType);
    if (a.receivedOn < start && (a.closedOn === null || a.closedOn >= start)) add(t3.carriedIn, a.applicantType);
    if (a.closedOn !== null && a.closedOn >= start && a.closedOn <= end && a.outcome) {
      add(t3.outcomes[a.outcome], a.applicantType);
      add(t3.closedTotal, a.applicantType);
    }
    if (a.receivedOn <= end && (a.closedOn === null || a.closedOn > end)) add(t3.carriedOut, a.applicantType);
  }
  return t3;
}

/** Table 4 for year Y: cases filed in Y (and, with includeCarried, still pending from before), status as of 31 December. */
export function table4FromRecords(appeals: readonly AppealRecord[], year: number, includeCarried = false): Table4 {
  const t4 = emptyTable4();
  const key = {
    reconsideration: 'reconsideration',
    litigation_direct: 'litigationDirect',
    litigation_after_reconsideration: 'litigationAfterReconsideration',
  } as const;
  const start = `${year}-01-01`;
  const end = `${year}-12-31`;
  for (const a of appeals) {
    const filedInYear = a.filedOn >= start && a.filedOn <= end;
    const carried = a.filedOn < start && (a.decidedOn === null || a.decidedOn >= start);
    if (!filedInYear && !(includeCarried && carried)) continue;
    const result: AppealResult = a.decidedOn !== null && a.decidedOn <= end && a.result !== 'pending' ? a.result : 'pending';
    const block = t4[key[a.type]];
    block[result]++;
    block.total++;
  }
  return t4;
}

export type MemoryData = {
  applications?: Record<number, ApplicationRecord[]>;
  appeals?: Record<number, AppealRecord[]>;
  documents?: Record<number, DocumentFact[]>;
  /** Proactive statistics per agency and year: `stats[agencyId][year]`. */
  stats?: Record<number, Record<number, Partial<ProactiveStats>>>;
  /** Subjects of the applications received, per agency and year. */
  subjects?: Record<number, Record<number, string[]>>;
};

/** ReportSources over in-memory records, keyed by agency id. */
export function memorySources(data: MemoryData): ReportSources {
  return {
    table2Documents: async (agencyId, year) => countDocuments(data.documents?.[agencyId] ?? [], year),
    table3: async (agencyId, year) => table3FromRecords(data.applications?.[agencyId] ?? [], year),
    table4: async (agencyId, year, options) => table4FromRecords(data.appeals?.[agencyId] ?? [], year, options.includeCarried),
    proactiveStats: async (agencyId, year) => ({ ...emptyProactiveStats(), ...(data.stats?.[agencyId]?.[year] ?? {}) }),
    applicationSubjects: async (agencyId, year) => data.subjects?.[agencyId]?.[year] ?? [],
  };
}

export { OUTCOME_CODES };
