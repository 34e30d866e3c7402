/**
 * Who may do what in 主动公开: one place, asked by the console (to show a button or a form) and by the services (to
 * enforce). The superadmin and the system hold every role (`hasRole`).
 */
import type { Role } from '../db/schema.ts';
import { type Actor, hasRole } from '../shared/actor.ts';
import { forbidden } from '../shared/errors.ts';
import type { DocumentStatus } from './documents.tables.ts';

const may = (roles: readonly Role[]) => (actor: Actor, agencyId: number) => hasRole(actor, agencyId, roles);

/** Drafting: create a draft, change it, send it to 保密审查. */
export const canEditDrafts = may(['editor', 'admin']);
/** 保密审查: confirm the checklist (or send the document back). */
export const canReviewSecrecy = may(['reviewer']);
/** 审核: approve, which publishes (or send the document back). */
export const canApprove = may(['leader']);
/** A published document: correct it, change its validity, withdraw it. */
export const canChangePublished = may(['leader', 'admin']);
/** Link an interpretation to the document it explains. */
export const canLinkInterpretation = may(['editor', 'leader', 'admin']);

/** Sending back belongs to whoever holds the document now: the reviewer in 保密审查, the leader in 审核. */
export const canSendBack = (actor: Actor, agencyId: number, status: DocumentStatus) =>
  status === 'approval' ? canApprove(actor, agencyId) : canReviewSecrecy(actor, agencyId);

/** The column's settings: interpretation lag, 公开指南, 公开制度, notes for empty categories. */
export const canEditColumnSettings = may(['admin']);
/** The agency's sensitive-word list (the pre-review check reads it). */
export const canEditSensitiveWords = may(['admin', 'reviewer']);
/** Open a 规范性文件清理 round. */
export const canOpenCleanupRound = may(['leader', 'admin']);
/** Record keep / amend / repeal decisions in an open round. */
export const canDecideCleanup = may(['editor', 'leader', 'admin']);
/** Apply a round's decisions on its effective date, then publish its result list. */
export const canConcludeCleanup = may(['leader']);

/** FORBIDDEN unless the policy answered yes. */
export function authorize(allowed: boolean): void {
  if (!allowed) throw forbidden();
}
