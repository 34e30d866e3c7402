import type { Transaction } from 'kysely';
import { findAgencyByCode } from '../agencies/agencies.service.ts';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { ImportHandler, ImportProblem } from '../interchange/importer.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { fieldErrorsOf, keepAbsent, parseInput } from '../shared/validation.ts';
import { canEditFigures } from './figures.policy.ts';
import { FIGURE_FIELDS, type FiguresInput, figuresInputSchema, TRIAL_FIGURE_FIELDS, type YearlyFigures } from './figures.schema.ts';

type Deps = { db: DbOrTrx; clock: Clock };
type Row = Database['yearlyFigures'];

function toFigures(row: { year: number } & Omit<Row, 'id' | 'agencyId' | 'createdAt' | 'updatedAt' | 'year'>): YearlyFigures {
  const out = { year: row.year, newMediaAccounts: row.newMediaAccounts } as YearlyFigures;
  for (const f of FIGURE_FIELDS) out[f] = Number(row[f]);
  for (const f of TRIAL_FIGURE_FIELDS) out[f] = row[f] === null ? null : Number(row[f]);
  return out;
}

function toValues(data: FiguresInput) {
  const values: Record<string, number | string | null> = { newMediaAccounts: data.newMediaAccounts ?? null };
  for (const f of FIGURE_FIELDS) values[f] = data[f];
  for (const f of TRIAL_FIGURE_FIELDS) values[f] = data[f] ?? null;
  return values as Pick<Row, (typeof FIGURE_FIELDS)[number] | (typeof TRIAL_FIGURE_FIELDS)[number] | 'newMediaAccounts'>;
}

async function upsert(trx: Transaction<Database>, clock: Clock, actor: Actor, agencyId: number, data: FiguresInput, action: string): Promise<YearlyFigures> {
  const before = await trx.selectFrom('yearlyFigures').selectAll().where('agencyId', '=', agencyId).where('year', '=', data.year).executeTakeFirst();
  const now = clock.now().toISOString();
  const values = toValues(data);
  const after = before
    ? await trx
        .updateTable('yearlyFigures')
        .set({ ...values, updatedAt: now })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    : await trx
        .insertInto('yearlyFigures')
        .values({ agencyId, year: data.year, ...values, createdAt: now, updatedAt: now })
        .returningAll()
        .executeTakeFirstOrThrow();
  await recordAudit(trx, clock, { actor, agencyId, action, entityType: 'figures', entityId: `${data.year}`, before, after });
  return toFigures(after);
}

/** A year's figures as their form shows them ({} when none were entered); what an absent field keeps. */
export function figuresForm(g: YearlyFigures | null): Record<string, string> {
  if (!g) return {};
  const out: Record<string, string> = { newMediaAccounts: g.newMediaAccounts ?? '' };
  for (const f of FIGURE_FIELDS) out[f] = String(g[f]);
  for (const f of TRIAL_FIGURE_FIELDS) out[f] = g[f] === null ? '' : String(g[f]);
  return out;
}

/** Saves one year's figures for an agency (editors and admins); a field absent from the input keeps its value; audited. */
export async function saveFigures(deps: Deps, actor: Actor, agencyId: number, input: unknown): Promise<YearlyFigures> {
  if (!canEditFigures(actor, agencyId)) throw forbidden();
  const { year } = parseInput(figuresInputSchema.pick({ year: true }), input);
  return inTransaction(deps.db, async (trx) => {
    const data = parseInput(figuresInputSchema, keepAbsent(figuresForm(await getFigures(trx, agencyId, year)), input));
    return upsert(trx, deps.clock, actor, agencyId, data, 'figures.save');
  });
}

/** The agency's figures for a year, or null when nobody entered them. */
export async function getFigures(db: DbOrTrx, agencyId: number, year: number): Promise<YearlyFigures | null> {
  const row = await db.selectFrom('yearlyFigures').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  return row ? toFigures(row) : null;
}

/** Every year's figures of an agency, newest first. */
export async function listFigures(db: DbOrTrx, agencyId: number): Promise<YearlyFigures[]> {
  const rows = await db.selectFrom('yearlyFigures').selectAll().where('agencyId', '=', agencyId).orderBy('year', 'desc').execute();
  return rows.map(toFigures);
}

/**
 * The import handler for kind "figures": one record per agency-year. An agency-year that already has figures is
 * refused unless --replace (then the record replaces them).
 */
export const figuresImportHandler: ImportHandler = {
  kind: 'figures',
  order: 5,
  async importLines(ctx, lines) {
    const problems: ImportProblem[] = [];
    let written = 0;
    const seen = new Set<string>();
    for (const { line, record } of lines) {
      const agency = typeof record.agency === 'string' ? await findAgencyByCode(ctx.trx, record.agency) : undefined;
      if (!agency) {
        problems.push({ line, field: 'agency', message: t.agency.notFound });
        continue;
      }
      const parsed = figuresInputSchema.safeParse(record);
      if (!parsed.success) {
        for (const [field, message] of Object.entries(fieldErrorsOf(parsed.error))) problems.push({ line, field, message });
        continue;
      }
      const key = `${agency.id}:${parsed.data.year}`;
      if (seen.has(key)) {
        problems.push({ line, field: 'year', message: t.reports.figures.duplicate(parsed.data.year) });
        continue;
      }
      seen.add(key);
      const exists = await getFigures(ctx.trx, agency.id, parsed.data.year);
      if (exists && !ctx.options.replace) {
        problems.push({ line, field: 'year', message: t.reports.figures.exists(parsed.data.year) });
        continue;
      }
      if (problems.length > 0) continue;
      await upsert(ctx.trx, ctx.clock, ctx.actor, agency.id, parsed.data, 'figures.import');
      written++;
    }
    return { problems, written };
  },
};
