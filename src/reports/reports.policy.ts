/** Who may do what with the annual report: one place, asked by the console (to show a form) and by the service. */
import type { Role } from '../db/schema.ts';
import { type Actor, hasRole } from '../shared/actor.ts';

/**
 * Who may take each step of the workflow (edit: start, redraft and write the sections; submit: 提交审核; reopen:
 * 退回修改; correct: 更正 a published report, which starts its next version).
 */
export const WORKFLOW_ROLES = {
  edit: ['admin', 'editor'],
  submit: ['admin', 'editor'],
  review: ['admin', 'reviewer'],
  approve: ['leader'],
  publish: ['admin', 'editor', 'leader'],
  reopen: ['admin', 'reviewer', 'leader'],
  correct: ['admin', 'editor'],
} as const satisfies Record<string, readonly Role[]>;
export type WorkflowStep = keyof typeof WORKFLOW_ROLES;

/** True when the actor may take the step in the agency. */
export const canTake = (actor: Actor, agencyId: number, step: WorkflowStep) => hasRole(actor, agencyId, WORKFLOW_ROLES[step]);

/** The agency's report settings (an earlier local deadline, the table-4 note): its admins. */
export const canEditReportSettings = (actor: Actor, agencyId: number) => hasRole(actor, agencyId, ['admin']);
