import type { Generated } from 'kysely';

/**
 * The tables of the annual report: the reports and their settings (migration 2026-11-26T1300-reports); versions and
 * the workflow's history (2026-12-07T0580-report-workflow).
 */
export interface ReportTables {
  annualReports: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    format: '2021' | '2019';
    status: 'draft' | 'submitted' | 'reviewed' | 'approved' | 'published';
    /** 'generated' on the platform, or 'imported' from an earlier system (tables only). */
    origin: 'generated' | 'imported';
    sectionsJson: string;
    tablesJson: string | null;
    checksJson: string | null;
    /** This year against last, as the published page's chart showed it. */
    comparisonJson: string | null;
    createdAt: string;
    updatedAt: string;
    reviewedAt: string | null;
    reviewedBy: string | null;
    approvedAt: string | null;
    approvedBy: string | null;
    publishedAt: string | null;
    publishedBy: string | null;
    /** 1, then one more for each correction (更正) of the published report. */
    version: Generated<number>;
    /** The 更正说明 of a correction (version 2 on). */
    correctionNote: string | null;
  };
  /** The workflow's history: submit, review, return (with its reason), a confirmed risk, a correction … */
  annualReportEvents: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    version: number;
    action: string;
    actorId: number | null;
    actorName: string;
    /** The reason of a return, the 更正说明, or what the person confirming a risk wrote. */
    note: string | null;
    /** The risks a step was taken despite: [{ key, message }]. */
    risksJson: string | null;
    createdAt: string;
  };
  /** A published version superseded by a correction, kept as it was published (the portal still shows it). */
  annualReportVersions: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    version: number;
    format: '2021' | '2019';
    origin: 'generated' | 'imported';
    sectionsJson: string;
    tablesJson: string;
    checksJson: string;
    comparisonJson: string | null;
    correctionNote: string | null;
    publishedAt: string;
    publishedBy: string;
    createdAt: string;
  };
  reportSettings: { agencyId: number; localDeadline: string | null; appealsIncludeCarried: number; updatedAt: string };
}
