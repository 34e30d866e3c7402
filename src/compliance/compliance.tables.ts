/** The self-check: per-agency indicator settings, manual indicators, and the history of runs. */
export interface ComplianceTables {
  complianceSettings: {
    agencyId: number;
    indicatorCode: string;
    enabled: number;
    weight: number;
  };
  manualIndicators: {
    id: import('kysely').Generated<number>;
    agencyId: number;
    code: string;
    title: string;
    rule: string;
    weight: number;
    /** 1 when staff confirmed the indicator is met, else 0. */
    passed: number;
    note: string | null;
    updatedAt: string;
  };
  complianceRuns: {
    id: import('kysely').Generated<number>;
    agencyId: number;
    year: number;
    ranAt: string;
    score: number;
    findingCount: number;
    /** The full result (indicators, weights, findings) as JSON: the score is reproducible from it. */
    resultJson: string;
    /** When the agency submitted this run as its result for the year (migration 2026-12-07T0540), and who. */
    submittedAt: string | null;
    submittedBy: string | null;
  };
}
