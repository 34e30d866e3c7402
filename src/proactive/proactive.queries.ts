/** Read models of 依申请公开转主动公开: the disclosed cases still undecided, and what a case was published as. */
import type { PublishedDocumentLink } from '../applications/published-of-case.tsx';
import type { DbOrTrx } from '../db/database.ts';
import { docPath } from '../documents/portal/portal-parts.tsx';
import type { DisclosedCase } from './clustering.ts';

/** Outcomes that disclosed information (table 3: 予以公开, 部分公开). */
export const DISCLOSED_OUTCOMES = ['granted', 'partial'] as const;

/** The agency's closed cases that disclosed information and are in no decision yet (test applications aside). */
export async function undecidedDisclosedCases(db: DbOrTrx, agencyId: number): Promise<DisclosedCase[]> {
  const rows = await db
    .selectFrom('applications as a')
    .leftJoin('proactiveDecisionCases as d', 'd.applicationId', 'a.id')
    .select(['a.id', 'a.ref', 'a.subject', 'a.applicantKey', 'a.closedOn'])
    .where('a.agencyId', '=', agencyId)
    .where('a.status', '=', 'closed')
    .where('a.outcome', 'in', [...DISCLOSED_OUTCOMES])
    .where('a.isProbe', '=', 0)
    .where('d.applicationId', 'is', null)
    .execute();
  return rows.map((r) => ({ id: r.id, ref: r.ref, subject: r.subject, applicantKey: r.applicantKey, closedOn: r.closedOn ?? '' }));
}

/** The published documents a case (by tracking number) was converted into: title and public address only. */
export async function publishedOfCase(db: DbOrTrx, trackingNo: string): Promise<PublishedDocumentLink[]> {
  const rows = await db
    .selectFrom('applications as a')
    .innerJoin('proactiveDecisionCases as c', 'c.applicationId', 'a.id')
    .innerJoin('proactiveDecisions as d', 'd.id', 'c.decisionId')
    .innerJoin('documents as doc', 'doc.id', 'd.documentId')
    .innerJoin('agencies as g', 'g.id', 'doc.agencyId')
    .select(['doc.id', 'doc.title', 'g.code'])
    .where('a.trackingNo', '=', trackingNo)
    .where('d.decision', '=', 'converted')
    .where('doc.status', '=', 'published')
    .execute();
  return rows.map((r) => ({ title: r.title, href: docPath(r.code, r.id) }));
}

/** The decisions taken, newest first (the page's history), with the state of the draft each started. */
export async function recentDecisions(db: DbOrTrx, agencyId: number) {
  return db
    .selectFrom('proactiveDecisions as d')
    .leftJoin('documents as doc', 'doc.id', 'd.documentId')
    .select(['d.id', 'd.decision', 'd.subject', 'd.reason', 'd.documentId', 'd.actorName', 'd.decidedAt', 'doc.status as documentStatus'])
    .where('d.agencyId', '=', agencyId)
    .orderBy('d.id', 'desc')
    .limit(50)
    .execute();
}
export type DecisionRow = Awaited<ReturnType<typeof recentDecisions>>[number];
