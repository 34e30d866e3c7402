import type { Generated } from 'kysely';

/** What the agency decided about a suggestion of 依申请公开转主动公开: a draft was started, or not, and why. */
export interface ProactiveDecisionsTable {
  id: Generated<number>;
  agencyId: number;
  decision: 'converted' | 'declined';
  subject: string;
  /** Why it is not converted (declined). */
  reason: string | null;
  /** The 主动公开 draft started (converted). */
  documentId: number | null;
  actorId: number | null;
  actorName: string;
  decidedAt: string;
}

/** The cases of a decision; a case belongs to one decision at most, after which it leaves the suggestions. */
export interface ProactiveDecisionCasesTable {
  decisionId: number;
  applicationId: number;
  agencyId: number;
}

export interface ProactiveTables {
  proactiveDecisions: ProactiveDecisionsTable;
  proactiveDecisionCases: ProactiveDecisionCasesTable;
}
