import type { Generated } from 'kysely';

/** The rectification list; an item put on it from a self-check finding keeps the finding (migration 2026-11-26T1300-reports). */
export interface RectificationTables {
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
    /**
     * How a linked item was closed by a check: 'fixed' (the indicator no longer fails for the record) or 'remains'
     * (rectified, but the record still counts against the year: 已整改，仍计扣分); null when closed by hand or open.
     */
    closure: 'fixed' | 'remains' | null;
  };
}
