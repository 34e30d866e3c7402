import type { Generated } from 'kysely';

/** The tables of the annual report: the reports and their settings (migration 2026-11-26T1300-reports). */
export interface ReportTables {
  annualReports: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    format: '2021' | '2019';
    status: 'draft' | 'reviewed' | 'approved' | 'published';
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
  };
  reportSettings: { agencyId: number; localDeadline: string | null; appealsIncludeCarried: number; updatedAt: string };
}
