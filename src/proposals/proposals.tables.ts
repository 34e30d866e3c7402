import type { Generated } from 'kysely';

/** The proposals and suggestions an agency handled (migration 2026-11-26T1300-reports). */
export interface ProposalTables {
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
}
