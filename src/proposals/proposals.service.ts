/** 建议提案办理: the agency's record of the deputies' suggestions and members' proposals it handled, and their tally. */
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { createRecord, deleteRecord, type RecordDeps, type RecordKind, updateRecord } from '../records/crud.ts';
import { flag } from '../records/fields.ts';
import type { Actor } from '../shared/actor.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { canKeepProposals } from './proposals.policy.ts';
import { type ProposalInput, proposalSchema } from './proposals.schema.ts';

export type Proposal = Omit<Database['proposals'], 'id'> & { id: number };

const toRow = (d: ProposalInput) => ({
  year: d.year,
  kind: d.kind,
  number: d.number,
  title: d.title,
  session: d.session,
  handledOn: d.handledOn ?? null,
  onTime: flag(d.onTime),
  replyPublished: flag(d.replyPublished),
  satisfaction: d.satisfaction ?? null,
});

async function refuseDuplicate(db: DbOrTrx, agencyId: number, d: ProposalInput, exceptId?: number): Promise<void> {
  let q = db
    .selectFrom('proposals')
    .select('id')
    .where('agencyId', '=', agencyId)
    .where('year', '=', d.year)
    .where('kind', '=', d.kind)
    .where('number', '=', d.number);
  if (exceptId !== undefined) q = q.where('id', '!=', exceptId);
  if (await q.executeTakeFirst()) throw new DomainError('CONFLICT', t.reports.records.proposals.duplicate, { number: t.reports.records.proposals.duplicate });
}

/** A proposal as its edit form shows it; what a field absent from a submission keeps. */
export function proposalForm(x: Proposal): Record<string, string> {
  return {
    year: String(x.year),
    kind: x.kind,
    number: x.number,
    title: x.title,
    session: x.session,
    handledOn: x.handledOn ?? '',
    onTime: x.onTime === 1 ? 'on' : '',
    replyPublished: x.replyPublished === 1 ? 'on' : '',
    satisfaction: x.satisfaction ?? '',
  };
}

const proposals: RecordKind<'proposals', typeof proposalSchema> = {
  table: 'proposals',
  entityType: 'proposal',
  action: 'proposal',
  schema: proposalSchema,
  mayKeep: canKeepProposals,
  toRow,
  toForm: proposalForm,
  // A kind's number is unique within the agency's year.
  check: (trx, agencyId, d, before) => refuseDuplicate(trx, agencyId, d, before?.id),
};

/** Records a suggestion or proposal the agency handled; audited. */
export function createProposal(deps: RecordDeps, actor: Actor, agencyId: number, input: unknown): Promise<Proposal> {
  return createRecord(proposals, deps, actor, agencyId, input);
}

/** Updates one of the agency's proposals (another agency's reads as not found); audited. */
export function updateProposal(deps: RecordDeps, actor: Actor, agencyId: number, id: number, input: unknown): Promise<Proposal> {
  return updateRecord(proposals, deps, actor, agencyId, id, input);
}

/** Removes one of the agency's proposals; audited. */
export function deleteProposal(deps: RecordDeps, actor: Actor, agencyId: number, id: number): Promise<void> {
  return deleteRecord(proposals, deps, actor, agencyId, id);
}

/** The agency's proposals of a year: CPPCC proposals first, then NPC suggestions, by number. */
export function listProposals(db: DbOrTrx, agencyId: number, year: number): Promise<Proposal[]> {
  return db
    .selectFrom('proposals')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .orderBy('kind')
    .orderBy('number')
    .orderBy('id')
    .execute();
}

/** One kind's tally for the report. `rate` is (满意 + 基本满意) / rated items, null when none was rated. */
export type ProposalTally = { count: number; onTime: number; published: number; rated: number; satisfied: number; rate: number | null; sessions: string[] };
export type ProposalSummary = { npc: ProposalTally; cppcc: ProposalTally };

/** Tallies a year's proposals per kind (pure). */
export function summarizeProposals(list: readonly Pick<Proposal, 'kind' | 'onTime' | 'replyPublished' | 'satisfaction' | 'session'>[]): ProposalSummary {
  const tally = (kind: 'npc' | 'cppcc'): ProposalTally => {
    const mine = list.filter((p) => p.kind === kind);
    const rated = mine.filter((p) => p.satisfaction !== null);
    const satisfied = rated.filter((p) => p.satisfaction !== 'unsatisfied').length;
    return {
      count: mine.length,
      onTime: mine.filter((p) => p.onTime === 1).length,
      published: mine.filter((p) => p.replyPublished === 1).length,
      rated: rated.length,
      satisfied,
      rate: rated.length === 0 ? null : satisfied / rated.length,
      sessions: [...new Set(mine.map((p) => p.session))],
    };
  };
  return { npc: tally('npc'), cppcc: tally('cppcc') };
}

/** A rate as the report prints it: 100%, 92.3%. */
export function formatRate(rate: number | null): string {
  if (rate === null) return t.reports.records.proposals.noRate;
  return `${Number((rate * 100).toFixed(1))}%`;
}
