/**
 * 依申请公开转主动公开 (条例 第四十四条): the console suggests publishing proactively what several applicants asked for
 * and received; a handler starts a 主动公开 draft from a suggestion (its subject as title, a note of the source cases)
 * or declines it with a reason. Either decision is audited with its cases, which then leave the suggestions.
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { createDraft } from '../documents/documents.service.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput, requiredText } from '../shared/validation.ts';
import { type Cluster, type ClusterRule, clusterCases } from './clustering.ts';
import { canDecideSuggestions, canSeeSuggestions } from './proactive.policy.ts';
import { undecidedDisclosedCases } from './proactive.queries.ts';

type Deps = { db: DbOrTrx; clock: Clock };
const P = t.applications.proactive;

/** The suggestions of an agency: clusters of similar disclosed cases from enough distinct applicants. */
export async function listSuggestions(deps: Deps, actor: Actor, agency: Agency, rule: ClusterRule): Promise<Cluster[]> {
  if (!canSeeSuggestions(actor, agency.id)) throw forbidden();
  return clusterCases(await undecidedDisclosedCases(deps.db, agency.id), rule);
}

const keySchema = z.string().regex(/^\d{1,10}(-\d{1,10}){0,500}$/, P.changed);
const convertSchema = z.object({ key: keySchema });
const declineSchema = z.object({ key: keySchema, reason: requiredText(P.reasonLabel, 500) });

/** The note the draft carries: where it comes from (references and dates, no applicant). */
const sourceNote = (c: Cluster) => P.draftNote(c.cases.map((x) => P.caseRef(x.ref, x.closedOn)).join('、'));

/** Records the decision and its cases, with the audit record, in the caller's transaction. */
async function decide(
  trx: Transaction<Database>,
  deps: Deps,
  actor: Actor,
  agency: Agency,
  cluster: Cluster,
  d: { decision: 'converted' | 'declined'; reason: string | null; documentId: number | null },
) {
  const row = await trx
    .insertInto('proactiveDecisions')
    .values({
      agencyId: agency.id,
      decision: d.decision,
      subject: cluster.subject,
      reason: d.reason,
      documentId: d.documentId,
      actorId: actor.kind === 'user' ? actor.id : null,
      actorName: actorName(actor),
      decidedAt: deps.clock.now().toISOString(),
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  // The primary key on the case refuses a second decision on it (a concurrent one answers CONFLICT).
  await trx
    .insertInto('proactiveDecisionCases')
    .values(cluster.cases.map((c) => ({ decisionId: row.id, applicationId: c.id, agencyId: agency.id })))
    .execute();
  await recordAudit(trx, deps.clock, {
    actor,
    agencyId: agency.id,
    action: d.decision === 'converted' ? 'proactive.convert' : 'proactive.decline',
    entityType: 'proactive_decision',
    entityId: row.id,
    after: { cases: cluster.cases.map((c) => c.ref), subject: cluster.subject, documentId: d.documentId, reason: d.reason },
  });
  return row.id;
}

/** The cluster a form names, as it stands now in the transaction; CONFLICT when it changed since the page was shown. */
async function currentCluster(trx: DbOrTrx, agency: Agency, key: string, rule: ClusterRule): Promise<Cluster> {
  const found = clusterCases(await undecidedDisclosedCases(trx, agency.id), rule).find((c) => c.key === key);
  if (!found) throw new DomainError('CONFLICT', P.changed);
  return found;
}

/** Starts a 主动公开 draft from a suggestion (转为主动公开); returns the draft's id. */
export async function convertSuggestion(deps: Deps, actor: Actor, agency: Agency, input: unknown, rule: ClusterRule): Promise<{ documentId: number }> {
  if (!canDecideSuggestions(actor, agency.id)) throw forbidden();
  const { key } = parseInput(convertSchema, input);
  return inTransaction(deps.db, async (trx) => {
    const cluster = await currentCluster(trx, agency, key, rule);
    const draft = await createDraft({ db: trx, clock: deps.clock }, actor, agency.id, {
      title: cluster.subject,
      category: 'other',
      issuedOn: deps.clock.today(),
      body: sourceNote(cluster),
    });
    await decide(trx, deps, actor, agency, cluster, { decision: 'converted', reason: null, documentId: draft.id });
    return { documentId: draft.id };
  });
}

/** Declines a suggestion (不予转化) with a reason. */
export async function declineSuggestion(deps: Deps, actor: Actor, agency: Agency, input: unknown, rule: ClusterRule): Promise<void> {
  if (!canDecideSuggestions(actor, agency.id)) throw forbidden();
  const { key, reason } = parseInput(declineSchema, input);
  await inTransaction(deps.db, async (trx) => {
    const cluster = await currentCluster(trx, agency, key, rule);
    await decide(trx, deps, actor, agency, cluster, { decision: 'declined', reason, documentId: null });
  });
}
