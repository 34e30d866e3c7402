/**
 * The report's workflow as the roles live it: the editor submits (提交审核), the reviewer passes (审核通过) or returns it
 * with a reason (退回修改), the leader approves, someone publishes; a published report is corrected (更正) by a new
 * version. Review and approval stop at 【待填写】 and take missing figures or failed checks only with a confirmation
 * naming them (report-gates.ts); each step is audited and kept in the report's history (report-history.ts).
 */
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { inTransaction } from '../db/tx.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import { DomainError, forbidden, invalidState, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput } from '../shared/validation.ts';
import { bumpContentVersion } from '../web/content-version.ts';
import { getStoredReport, prepareReport, type ReportAgency, type ReportDeps, type ReportWorkspace, type StoredReport } from './build-report.ts';
import { labelledTexts, TO_FILL } from './narrative.ts';
import { type ReportGate, type ReportRisk, reportGate, sectionsToFill, unconfirmed } from './report-gates.ts';
import { currentRound, listReportEvents, recordReportEvent } from './report-history.ts';
import type { ReportStatus } from './report-model.ts';
import { canTake, type WorkflowStep } from './reports.policy.ts';

const w = t.reports.workflow;
const F = t.reports.flow;
const MAX_NOTE = 2000;

export type AdvanceStep = Exclude<WorkflowStep, 'edit' | 'correct'>;

const NEXT: Record<AdvanceStep, { from: ReportStatus[]; to: ReportStatus }> = {
  submit: { from: ['draft'], to: 'submitted' },
  review: { from: ['submitted'], to: 'reviewed' },
  approve: { from: ['reviewed'], to: 'approved' },
  publish: { from: ['approved'], to: 'published' },
  reopen: { from: ['submitted', 'reviewed', 'approved'], to: 'draft' },
};

const yearSchema = z.coerce.number().int().min(2008).max(2299);
const text = (max: number) => z.preprocess((v) => (typeof v === 'string' ? v.replace(/\r\n/g, '\n').trim() : ''), z.string().max(max, F.noteTooLong(max)));
const stepSchema = z.object({
  reason: text(MAX_NOTE),
  confirmRisks: z.preprocess((v) => v === 'on' || v === true, z.boolean()),
  riskNote: text(MAX_NOTE),
});

/** The gate of a workspace as it stands: 【待填写】 in a draft's text, missing figures, failed checks. */
export function workspaceGate(ws: ReportWorkspace, kind: ReportAgency['kind']): ReportGate {
  const toFill = ws.facts ? sectionsToFill(labelledTexts(ws.sections, kind), TO_FILL) : [];
  return reportGate({ toFill, facts: ws.facts, checks: ws.report.checks });
}

const listOf = (risks: readonly ReportRisk[]) => risks.map((r) => r.message).join('；');

/**
 * Moves the report one step. `input`: the reason of a return (required), and for review and approval with risks the
 * confirmation (confirmRisks = on) with what the person checked (riskNote). Publication needs every risk confirmed at
 * approval and freezes the tables and checks. Audited and kept in the history.
 */
export async function advanceReport(
  deps: ReportDeps,
  actor: Actor,
  agency: ReportAgency,
  yearInput: unknown,
  step: AdvanceStep,
  input: unknown = {},
): Promise<StoredReport> {
  if (!canTake(actor, agency.id, step)) throw forbidden();
  const year = parseInput(yearSchema, yearInput);
  const form = parseInput(stepSchema, input ?? {});
  const stored = await getStoredReport(deps.db, agency.id, year);
  if (!stored) throw notFound(w.notStarted);
  const move = NEXT[step];
  if (!move.from.includes(stored.status)) throw invalidState(w.wrongState(t.reports.status[stored.status], w.steps[step]));
  if (step === 'reopen' && !form.reason) throw new DomainError('VALIDATION', F.reasonRequired, { reason: F.reasonRequired });
  const workspace = await prepareReport(deps, agency, year);
  let risks: ReportRisk[] = [];
  if (step === 'review' || step === 'approve' || step === 'publish') {
    const gate = workspaceGate(workspace, agency.kind);
    if (gate.blocking.length > 0) throw invalidState(gate.blocking.join(''));
    if (step === 'publish') {
      const events = await listReportEvents(deps.db, agency.id, [year]);
      const open = unconfirmed(gate.risks, currentRound(events, year, stored.version).approvedRisks);
      if (open.length > 0) throw invalidState(F.risksNotApproved(listOf(open)));
    } else if (gate.risks.length > 0) {
      if (!form.confirmRisks || !form.riskNote) {
        const fields: Record<string, string> = {};
        if (!form.confirmRisks) fields.confirmRisks = F.confirmRequired;
        if (!form.riskNote) fields.riskNote = F.riskNoteRequired;
        throw new DomainError('VALIDATION', F.risksUnconfirmed(listOf(gate.risks)), fields);
      }
      risks = gate.risks;
    }
  }
  const now = deps.clock.now().toISOString();
  const who = actorName(actor);
  await inTransaction(deps.db, async (trx) => {
    const set =
      step === 'submit'
        ? {}
        : step === 'review'
          ? { reviewedAt: now, reviewedBy: who }
          : step === 'approve'
            ? { approvedAt: now, approvedBy: who }
            : step === 'publish'
              ? {
                  publishedAt: now,
                  publishedBy: who,
                  tablesJson: JSON.stringify(workspace.report.tables),
                  checksJson: JSON.stringify(workspace.report.checks),
                  comparisonJson: workspace.comparison ? JSON.stringify(workspace.comparison) : null,
                  format: workspace.report.format,
                }
              : { reviewedAt: null, reviewedBy: null, approvedAt: null, approvedBy: null };
    // Only from the state read: a step taken meanwhile by someone else wins, this one is refused.
    const moved = await trx
      .updateTable('annualReports')
      .set({ ...set, status: move.to, updatedAt: now })
      .where('id', '=', stored.id)
      .where('status', '=', stored.status)
      .where('version', '=', stored.version)
      .executeTakeFirst();
    if (Number(moved.numUpdatedRows) !== 1) throw invalidState(F.movedMeanwhile);
    // A published report changes the agency's public column: cached public pages must go.
    if (step === 'publish') await bumpContentVersion(trx, agency.code);
    const note = step === 'reopen' ? form.reason : risks.length > 0 ? form.riskNote : null;
    await recordReportEvent(trx, deps.clock, { agencyId: agency.id, year, version: stored.version, action: step, actor, note, risks });
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: `report.${step}`,
      entityType: 'annual_report',
      entityId: year,
      before: { status: stored.status, version: stored.version },
      after: { status: move.to, version: stored.version, ...(note ? { note } : {}), ...(risks.length > 0 ? { risks } : {}) },
    });
  });
  return (await getStoredReport(deps.db, agency.id, year)) as StoredReport;
}

const correctSchema = z.object({ note: text(MAX_NOTE).refine((v) => v.length > 0, F.correctionNoteRequired) });

/**
 * 更正: starts the next version of a published report as a draft (its text copied) with the required 更正说明. The
 * published version is kept as it was (annual_report_versions) and stays on the portal until the new one is
 * published; the row keeps its publishedAt meanwhile (the date of what the public reads). Audited.
 */
export async function correctReport(deps: ReportDeps, actor: Actor, agency: ReportAgency, yearInput: unknown, input: unknown): Promise<StoredReport> {
  if (!canTake(actor, agency.id, 'correct')) throw forbidden();
  const year = parseInput(yearSchema, yearInput);
  const { note } = parseInput(correctSchema, input ?? {});
  const stored = await getStoredReport(deps.db, agency.id, year);
  if (!stored) throw notFound(w.notStarted);
  if (stored.status !== 'published') throw invalidState(w.wrongState(t.reports.status[stored.status], F.correction));
  if (stored.origin !== 'generated' || !stored.frozen || !stored.publishedAt) throw invalidState(F.notCorrectable);
  const { frozen, publishedAt } = stored;
  const now = deps.clock.now().toISOString();
  await inTransaction(deps.db, async (trx) => {
    await trx
      .insertInto('annualReportVersions')
      .values({
        agencyId: agency.id,
        year,
        version: stored.version,
        format: stored.format,
        origin: stored.origin,
        sectionsJson: JSON.stringify(stored.sections),
        tablesJson: JSON.stringify(frozen.tables.tables),
        checksJson: JSON.stringify(frozen.checks),
        comparisonJson: frozen.comparison ? JSON.stringify(frozen.comparison) : null,
        correctionNote: stored.correctionNote,
        publishedAt,
        publishedBy: stored.publishedBy ?? '',
        createdAt: now,
      })
      .execute();
    const started = await trx
      .updateTable('annualReports')
      .set({
        status: 'draft',
        version: stored.version + 1,
        correctionNote: note,
        tablesJson: null,
        checksJson: null,
        comparisonJson: null,
        reviewedAt: null,
        reviewedBy: null,
        approvedAt: null,
        approvedBy: null,
        updatedAt: now,
      })
      .where('id', '=', stored.id)
      .where('status', '=', 'published')
      .where('version', '=', stored.version)
      .executeTakeFirst();
    if (Number(started.numUpdatedRows) !== 1) throw invalidState(F.movedMeanwhile);
    await bumpContentVersion(trx, agency.code);
    await recordReportEvent(trx, deps.clock, { agencyId: agency.id, year, version: stored.version + 1, action: 'correct', actor, note });
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'report.correct',
      entityType: 'annual_report',
      entityId: year,
      before: { status: stored.status, version: stored.version },
      after: { status: 'draft', version: stored.version + 1, note },
    });
  });
  return (await getStoredReport(deps.db, agency.id, year)) as StoredReport;
}
