import type { Generated } from 'kysely';

/** The tables of the annual report and the records it speaks of (migration 2026-11-26T1300-reports). */
export interface ReportTables {
  yearlyFigures: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    licensingDecisions: number;
    penaltyDecisions: number;
    coercionDecisions: number;
    feesWan: number;
    websiteUpdates: number;
    websiteVisits: number;
    newMediaPosts: number;
    newMediaReads: number;
    processingFeeNotices: number;
    processingFeeCollected: number;
    licensingItems: number | null;
    otherServiceItems: number | null;
    otherServiceDecisions: number | null;
    penaltyItems: number | null;
    coercionItems: number | null;
    feeItems: number | null;
    procurementItems: number | null;
    procurementAmountWan: number | null;
    newMediaAccounts: string | null;
    createdAt: string;
    updatedAt: string;
  };
  proposals: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    kind: 'npc' | 'cppcc';
    number: string;
    title: string;
    session: string;
    handledOn: string | null;
    onTime: number;
    replyPublished: number;
    satisfaction: 'satisfied' | 'basically_satisfied' | 'unsatisfied' | null;
    createdAt: string;
    updatedAt: string;
  };
  trainings: {
    id: Generated<number>;
    agencyId: number;
    heldOn: string;
    kind: 'training' | 'meeting';
    topic: string;
    attendance: number;
    notes: string | null;
    createdAt: string;
    updatedAt: string;
  };
  workPlans: { agencyId: number; year: number; title: string; updatedAt: string };
  workTasks: {
    id: Generated<number>;
    agencyId: number;
    year: number;
    task: string;
    owner: string;
    status: 'pending' | 'in_progress' | 'done';
    note: string | null;
    createdAt: string;
    updatedAt: string;
  };
  rectificationItems: {
    id: Generated<number>;
    agencyId: number;
    problem: string;
    source: 'inspection' | 'evaluation' | 'self_check' | 'supervision' | 'public' | 'other';
    sourceDetail: string | null;
    foundOn: string;
    measure: string;
    owner: string;
    dueOn: string;
    closedOn: string | null;
    createdAt: string;
    updatedAt: string;
    /** The self-check finding this item rectifies (stable key), its indicator and the year checked; null otherwise. */
    findingKey: string | null;
    indicatorCode: string | null;
    checkYear: number | null;
  };
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
