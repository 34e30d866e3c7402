/**
 * Where a report's numbers come from. The tables of applications, appeals and documents belong to other modules
 * (applications: table 3 and 4; documents: table 2's counts and the proactive statistics); the report module reads
 * them only through this interface, wired in one place (src/composition.ts `reportSources`).
 */
import { emptyTable3, emptyTable4, type Table3, type Table4 } from '../vocabulary/report-format.ts';
import type { Table2DocumentCounts } from './table2.ts';

/** What the 主动公开 paragraphs need from the documents module for one agency-year. */
export type ProactiveStats = {
  /** Items published (主动公开政务信息) in the year. */
  published: number;
  /** Interpretation materials (政策解读材料) published in the year. */
  interpretations: number;
  /** 行政规范性文件 issued in the year. */
  normativeIssued: number;
  /** Of those, how many had their interpretation published within 3 working days. */
  normativeInterpretedOnTime: number;
  /** The forms (interchange codes: video, text, graphic …) of the interpretations published in the year. */
  interpretationForms: string[];
};

export type ReportSources = {
  table2Documents(agencyId: number, year: number): Promise<Table2DocumentCounts>;
  table3(agencyId: number, year: number): Promise<Table3>;
  /** `includeCarried`: also count cases pending from earlier years (the agency's table-4 note setting). */
  table4(agencyId: number, year: number, options: { includeCarried: boolean }): Promise<Table4>;
  proactiveStats(agencyId: number, year: number): Promise<ProactiveStats>;
  /** The subjects of the applications received in the year (the draft's 申请涉及…等方面的内容). */
  applicationSubjects(agencyId: number, year: number): Promise<string[]>;
};

export const emptyProactiveStats = (): ProactiveStats => ({
  published: 0,
  interpretations: 0,
  normativeIssued: 0,
  normativeInterpretedOnTime: 0,
  interpretationForms: [],
});

/**
 * Sources for a platform whose applications and documents modules are not installed: every table empty. The
 * composition root replaces each method with the module that holds the data.
 */
export const emptySources: ReportSources = {
  table2Documents: async () => ({
    rules: { issued: 0, repealed: 0, inForce: 0, published: 0 },
    normativeDocuments: { issued: 0, repealed: 0, inForce: 0, published: 0 },
  }),
  table3: async () => emptyTable3(),
  table4: async () => emptyTable4(),
  proactiveStats: async () => emptyProactiveStats(),
  applicationSubjects: async () => [],
};
