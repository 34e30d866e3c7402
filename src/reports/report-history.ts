/**
 * The report's history (table annual_report_events): each step of the workflow with who took it, the reason of a
 * return, the 更正说明 of a correction, and the risks a step was taken despite. What the editor is told (the last
 * return), who submitted (the workbench's assignee) and what the leader confirmed (what publication may go ahead
 * despite) are read from it.
 */
import type { Transaction } from 'kysely';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import type { ReportRisk } from './report-gates.ts';

export type ReportAction = 'start' | 'submit' | 'review' | 'approve' | 'publish' | 'reopen' | 'correct';

export type ReportEvent = {
  id: number;
  year: number;
  version: number;
  action: ReportAction;
  actorId: number | null;
  actorName: string;
  note: string | null;
  risks: ReportRisk[];
  createdAt: string;
};

/** Records one step of an agency-year's report (inside the step's transaction). */
export async function recordReportEvent(
  trx: Transaction<Database>,
  clock: Clock,
  e: { agencyId: number; year: number; version: number; action: ReportAction; actor: Actor; note?: string | null; risks?: ReportRisk[] },
): Promise<void> {
  await trx
    .insertInto('annualReportEvents')
    .values({
      agencyId: e.agencyId,
      year: e.year,
      version: e.version,
      action: e.action,
      actorId: e.actor.kind === 'user' ? e.actor.id : null,
      actorName: actorName(e.actor),
      note: e.note ?? null,
      risksJson: e.risks && e.risks.length > 0 ? JSON.stringify(e.risks) : null,
      createdAt: clock.now().toISOString(),
    })
    .execute();
}

/** The history of the agency's reports of the given years, oldest first. */
export async function listReportEvents(db: DbOrTrx, agencyId: number, years: readonly number[]): Promise<ReportEvent[]> {
  if (years.length === 0) return [];
  const rows = await db
    .selectFrom('annualReportEvents')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('year', 'in', [...years])
    .orderBy('id')
    .execute();
  return rows.map((r) => ({
    id: r.id,
    year: r.year,
    version: r.version,
    action: r.action as ReportAction,
    actorId: r.actorId,
    actorName: r.actorName,
    note: r.note,
    risks: r.risksJson ? (JSON.parse(r.risksJson) as ReportRisk[]) : [],
    createdAt: r.createdAt,
  }));
}

/** Where a version's current round stands: who submitted it, whether it came back and why, what the leader confirmed. */
export type ReportRound = {
  submitted: ReportEvent | null;
  /** The last return, when nothing was submitted since. */
  returned: ReportEvent | null;
  /** The risks confirmed at the last approval. */
  approvedRisks: ReportRisk[];
};

export function currentRound(events: readonly ReportEvent[], year: number, version: number): ReportRound {
  const mine = events.filter((e) => e.year === year && e.version === version);
  const last = (action: ReportAction) => mine.filter((e) => e.action === action).at(-1) ?? null;
  const submitted = last('submit');
  const returned = last('reopen');
  const approved = last('approve');
  return {
    submitted,
    returned: returned && (!submitted || returned.id > submitted.id) ? returned : null,
    approvedRisks: approved && (!returned || approved.id > returned.id) ? approved.risks : [],
  };
}
