import type { Generated } from 'kysely';

/** The yearly figures kept in other systems, one row per agency and year (migration 2026-11-26T1300-reports). */
export interface FigureTables {
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
}
