import type { ReportFormat, Table2, Table2Trial, Table3, Table4 } from '../vocabulary/report-format.ts';

/**
 * The checks a report's tables must pass (annual-report-format.md), plus T4: each table-4 总计 is the sum of its four
 * results, and TX: the figures the text states agree with the tables (text-vs-tables.ts).
 */
export const RULES = ['R1', 'R2', 'R3', 'R4', 'R5', 'T4', 'TX'] as const;
export type RuleCode = (typeof RULES)[number];

/** The outcome of one check: ok, or the failing cells in words (one message per cell). */
export type CheckResult = { rule: RuleCode; ok: boolean; problems: string[]; skipped?: boolean };

/** The three tables of a report; table 2 takes the trial format's shape in a format "2019" report. */
export type ReportTables<P = Table2 | Table2Trial> = { proactive: P; applications: Table3; appeals: Table4 };

/** The tables with their format, so table 2's shape is known. */
export type FormattedTables = { format: '2021'; tables: ReportTables<Table2> } | { format: '2019'; tables: ReportTables<Table2Trial> };

/** The narrative of the report in the interchange shape: 引言, 一 (with its sub-headings as lines), 五 and 六. */
export type ReportSections = { intro: string; overview: string; problems: string; other: string };

export type ReportStatus = 'draft' | 'submitted' | 'reviewed' | 'approved' | 'published';

/** A report as data: the interchange JSON shape of `gongkai report AGENCY YEAR --format json`. */
export type ReportData = {
  agency: { code: string; name: string };
  year: number;
  checks: CheckResult[];
  sections: ReportSections;
  status?: ReportStatus;
  /** The date of the 落款 (YYYY-MM-DD, China time): the day of publication, or of approval or preparation for a draft. */
  signedOn?: string;
  /** Table 4 counts cases pending from earlier years too (an agency setting, printed as the note under the table). */
  appealsIncludeCarried?: boolean;
} & FormattedTables;

export type { ReportFormat };
