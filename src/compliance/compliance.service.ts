import type { Selectable } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency, Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { closeResolvedFindingItems, createRectificationItem, openFindingItems, type RectificationItem } from '../rectification/rectification.service.ts';
import type { Actor } from '../shared/actor.ts';
import { type Clock, chinaDate } from '../shared/clock.ts';
import { conflict, DomainError, forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { parseInput, requiredText } from '../shared/validation.ts';
import { canConfigureSelfCheck, canRunSelfCheck, canSubmitSelfCheck } from './compliance.policy.ts';
import { type Indicator, type IndicatorResult, isUnchecked, passes, scoreOf } from './indicator.ts';
import { checkDeadline, countedRun } from './year-result.ts';

type Deps = { db: DbOrTrx; clock: Clock; indicators: readonly Indicator[]; publicUrl?: string | undefined };

export type CheckRun = {
  id: number;
  agencyId: number;
  year: number;
  ranAt: string;
  score: number;
  results: IndicatorResult[];
  /** When the agency submitted the run as its result for the year (null: not submitted). */
  submittedAt: string | null;
  submittedBy: string | null;
};

/** A run as just made: with the rectification items it closed because their findings are gone (逐项销号). */
export type FreshRun = CheckRun & { closedItems: RectificationItem[] };

/** Each automatic indicator with this agency's switch and weight (defaults where the agency set none). */
export async function indicatorSettings(db: DbOrTrx, agencyId: number, indicators: readonly Indicator[]) {
  const rows = await db.selectFrom('complianceSettings').selectAll().where('agencyId', '=', agencyId).execute();
  return indicators.map((i) => {
    const row = rows.find((r) => r.indicatorCode === i.code);
    return { indicator: i, enabled: row ? row.enabled === 1 : true, weight: row ? row.weight : i.weight };
  });
}

/** The agency's manual indicators. */
export function listManualIndicators(db: DbOrTrx, agencyId: number) {
  return db.selectFrom('manualIndicators').selectAll().where('agencyId', '=', agencyId).orderBy('code').execute();
}

/**
 * Runs every enabled indicator (automatic and manual) for an agency and year, stores the run with its findings and
 * score, and returns it. Any member of the agency may run it; indicators only read.
 */
export async function runSelfCheck(deps: Deps, actor: Actor, agency: Agency, year: number): Promise<FreshRun> {
  if (!canRunSelfCheck(actor, agency)) throw forbidden();
  const calendar = await loadWorkCalendar(deps.db);
  const ctx = { db: deps.db, agency, year, today: deps.clock.today(), calendar, publicUrl: deps.publicUrl };
  const results: IndicatorResult[] = [];
  for (const { indicator, enabled, weight } of await indicatorSettings(deps.db, agency.id, deps.indicators)) {
    if (!enabled) continue;
    const out = await indicator.run(ctx);
    const base = { code: indicator.code, title: indicator.title, rule: indicator.rule, weight, manual: false };
    if (isUnchecked(out)) results.push({ ...base, passed: false, unchecked: out.unchecked, findings: [] });
    // Each finding names the year it was found for (stored with the run).
    else results.push({ ...base, passed: passes(out), findings: out.map((f) => ({ ...f, year })) });
  }
  for (const m of await listManualIndicators(deps.db, agency.id)) {
    if (m.weight === 0) continue;
    const findings = m.passed ? [] : [{ key: `manual:${m.code}`, message: m.note ?? m.title, year }];
    results.push({ code: m.code, title: m.title, rule: m.rule, weight: m.weight, manual: true, passed: m.passed === 1, findings });
  }
  const score = scoreOf(results);
  const ranAt = deps.clock.now().toISOString();
  return inTransaction(deps.db, async (trx) => {
    const row = await trx
      .insertInto('complianceRuns')
      .values({
        agencyId: agency.id,
        year,
        ranAt,
        score,
        findingCount: results.reduce((n, r) => n + r.findings.filter((f) => !f.info).length, 0),
        resultJson: JSON.stringify(results),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'compliance.run',
      entityType: 'compliance_run',
      entityId: row.id,
      after: { year, score },
    });
    const judged = results.filter((r) => r.unchecked === undefined);
    const closedItems = await closeResolvedFindingItems(trx, deps.clock, actor, agency.id, {
      year,
      runId: row.id,
      ranCodes: new Set(judged.map((r) => r.code)),
      openKeys: new Set(judged.flatMap((r) => r.findings.filter((f) => !f.info).map((f) => f.key))),
      // The records each indicator still fails for: an item about one of them closes as 已整改，仍计扣分.
      failingRecords: new Set(judged.flatMap((r) => r.findings.filter((f) => !f.info && f.record).map((f) => `${r.code}|${f.record}`))),
    });
    return { id: row.id, agencyId: agency.id, year, ranAt, score, results, submittedAt: null, submittedBy: null, closedItems };
  });
}

/** The agency's latest run for a year, or null when it has not checked that year. */
export async function latestRunOf(db: DbOrTrx, agencyId: number, year: number): Promise<CheckRun | null> {
  const r = await db
    .selectFrom('complianceRuns')
    .selectAll()
    .where('agencyId', '=', agencyId)
    .where('year', '=', year)
    .orderBy('id', 'desc')
    .limit(1)
    .executeTakeFirst();
  return r ? runOf(r) : null;
}

/** One stored run of the agency; NOT_FOUND for another agency's. */
export async function getRun(db: DbOrTrx, agencyId: number, runId: number): Promise<CheckRun> {
  const r = Number.isSafeInteger(runId)
    ? await db.selectFrom('complianceRuns').selectAll().where('id', '=', runId).where('agencyId', '=', agencyId).executeTakeFirst()
    : undefined;
  if (!r) throw notFound();
  return runOf(r);
}

const runOf = (r: Selectable<Database['complianceRuns']>): CheckRun => ({
  id: r.id,
  agencyId: r.agencyId,
  year: r.year,
  ranAt: r.ranAt,
  // The column is float4 on PostgreSQL (83.3 reads back as 83.300003); scores have one decimal.
  score: Math.round(r.score * 10) / 10,
  results: JSON.parse(r.resultJson) as IndicatorResult[],
  submittedAt: r.submittedAt,
  submittedBy: r.submittedBy,
});

/**
 * Puts a finding of a run on the rectification list (整改清单), linked so that the next check of the same year that no
 * longer finds it closes the item. Record keepers only; CONFLICT when the finding already has an open item.
 */
export async function rectifyFinding(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  input: { runId: number; key: string; measure: unknown; owner: unknown; dueOn: unknown },
): Promise<RectificationItem> {
  const run = await getRun(deps.db, agency.id, input.runId);
  const result = run.results.find((r) => r.findings.some((f) => f.key === input.key));
  const finding = result?.findings.find((f) => f.key === input.key && !f.info);
  if (!result || !finding) throw notFound(t.compliance.findingGone);
  return inTransaction(deps.db, async (trx) => {
    const open = await openFindingItems(trx, agency.id, run.year);
    if (open.some((i) => i.findingKey === input.key)) throw conflict(t.compliance.alreadyListed);
    return createRectificationItem(
      { db: trx, clock: deps.clock },
      actor,
      agency.id,
      {
        problem: finding.message.slice(0, 500),
        source: 'self_check',
        sourceDetail: t.compliance.itemSource(result.title, run.year).slice(0, 200),
        foundOn: chinaDate(new Date(run.ranAt)),
        measure: input.measure,
        owner: input.owner,
        dueOn: input.dueOn,
      },
      { findingKey: input.key, indicatorCode: result.code, checkYear: run.year },
    );
  });
}

/** The newest runs of an agency, newest first (results parsed). */
export async function listRuns(db: DbOrTrx, agencyId: number, limit = 20): Promise<CheckRun[]> {
  const rows = await db.selectFrom('complianceRuns').selectAll().where('agencyId', '=', agencyId).orderBy('id', 'desc').limit(limit).execute();
  return rows.map(runOf);
}

const weightField = z.coerce
  .number({ error: t.compliance.weightRule })
  .int(t.compliance.weightRule)
  .min(0, t.compliance.weightRule)
  .max(100, t.compliance.weightRule);

/**
 * Switches an automatic indicator on or off and sets its weight for one agency (admins), audited. An absent field
 * keeps its current value; a save that changes nothing writes nothing.
 */
export async function updateIndicatorSetting(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  input: { code: string; enabled?: boolean | undefined; weight?: unknown },
): Promise<void> {
  if (!canConfigureSelfCheck(actor, agency)) throw forbidden();
  const indicator = deps.indicators.find((i) => i.code === input.code);
  if (!indicator) throw notFound(t.compliance.unknownIndicator);
  await inTransaction(deps.db, async (trx) => {
    const current = (await indicatorSettings(trx, agency.id, [indicator]))[0] ?? { enabled: true, weight: indicator.weight };
    const weight = input.weight === undefined ? current.weight : parseInput(z.object({ weight: weightField }), { weight: input.weight }).weight;
    const enabled = input.enabled ?? current.enabled;
    if (enabled === current.enabled && weight === current.weight) return;
    const before = await trx
      .selectFrom('complianceSettings')
      .selectAll()
      .where('agencyId', '=', agency.id)
      .where('indicatorCode', '=', input.code)
      .executeTakeFirst();
    const values = { agencyId: agency.id, indicatorCode: input.code, enabled: enabled ? 1 : 0, weight };
    await trx
      .insertInto('complianceSettings')
      .values(values)
      .onConflict((oc) => oc.columns(['agencyId', 'indicatorCode']).doUpdateSet({ enabled: values.enabled, weight }))
      .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'compliance.setting',
      entityType: 'indicator',
      entityId: input.code,
      before,
      after: values,
    });
  });
}

const manualSchema = z.object({
  code: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z.string({ error: t.compliance.codeRule }).regex(/^[a-z0-9.-]{2,40}$/, t.compliance.codeRule),
  ),
  title: requiredText(t.compliance.titleField, 200),
  rule: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : t.compliance.defaultRule), z.string().max(100)),
  weight: weightField,
  passed: z.boolean(),
  note: z.preprocess((v) => (typeof v === 'string' && v.trim() ? v.trim() : null), z.string().max(500).nullable()),
});

/** Adds or updates a manual indicator (admins): staff state whether it is met, with a note. Audited. */
export async function saveManualIndicator(deps: Deps, actor: Actor, agency: Agency, input: Record<string, unknown>): Promise<void> {
  if (!canConfigureSelfCheck(actor, agency)) throw forbidden();
  const data = parseInput(manualSchema, input);
  if (deps.indicators.some((i) => i.code === data.code)) throw new DomainError('CONFLICT', t.compliance.codeTaken, { code: t.compliance.codeTaken });
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('manualIndicators').selectAll().where('agencyId', '=', agency.id).where('code', '=', data.code).executeTakeFirst();
    const values = { ...data, passed: data.passed ? 1 : 0, updatedAt: deps.clock.now().toISOString() };
    if (before) await trx.updateTable('manualIndicators').set(values).where('id', '=', before.id).execute();
    else
      await trx
        .insertInto('manualIndicators')
        .values({ agencyId: agency.id, ...values })
        .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'compliance.manual',
      entityType: 'indicator',
      entityId: data.code,
      before,
      after: values,
    });
  });
}

/**
 * The run that counts for year Y of each of several agencies (the city view), in one query: the submitted run, else
 * the last by the agency's deadline (`due`, by agency id; year-result.ts), with score, finding count and when it ran,
 * without the stored findings. Agencies without such a run are absent from the map.
 */
export async function countedRunsOf(
  db: DbOrTrx,
  due: ReadonlyMap<number, string>,
  year: number,
): Promise<Map<number, { id: number; ranAt: string; submittedAt: string | null; score: number; findingCount: number }>> {
  if (due.size === 0) return new Map();
  const rows = await db
    .selectFrom('complianceRuns')
    .select(['id', 'agencyId', 'ranAt', 'submittedAt', 'score', 'findingCount'])
    .where('year', '=', year)
    .where('agencyId', 'in', [...due.keys()])
    .orderBy('id')
    .execute();
  const out = new Map<number, { id: number; ranAt: string; submittedAt: string | null; score: number; findingCount: number }>();
  for (const [agencyId, d] of due) {
    const run = countedRun(
      rows.filter((r) => r.agencyId === agencyId),
      d,
    );
    // Rounded to the one decimal scoreOf gives: PostgreSQL stores `real` as float4 (83.3 reads back as 83.300003).
    if (run) out.set(agencyId, { ...run, score: Math.round(Number(run.score) * 10) / 10, findingCount: Number(run.findingCount) });
  }
  return out;
}

/** The run that counts for an agency's year (submitted, else the last by the deadline), or null. */
export async function countedRunOf(db: DbOrTrx, agency: Pick<Agency, 'id' | 'kind'>, year: number): Promise<CheckRun | null> {
  const due = await checkDeadline(db, agency, year);
  const counted = (await countedRunsOf(db, new Map([[agency.id, due]]), year)).get(agency.id);
  return counted ? getRun(db, agency.id, counted.id) : null;
}

/**
 * Submits one of the agency's runs as its result for the run's year (admins and leaders), audited. Submitting another
 * run later replaces the submission openly (the earlier one stays in the history, labelled); a re-run never does.
 */
export async function submitRun(deps: Pick<Deps, 'db' | 'clock'>, actor: Actor, agency: Agency, runId: number): Promise<CheckRun> {
  if (!canSubmitSelfCheck(actor, agency)) throw forbidden(t.compliance.cannotSubmit);
  return inTransaction(deps.db, async (trx) => {
    const run = await getRun(trx, agency.id, runId);
    const submittedAt = deps.clock.now().toISOString();
    const submittedBy = actor.kind === 'user' ? actor.name : t.compliance.cli.actor;
    await trx.updateTable('complianceRuns').set({ submittedAt, submittedBy }).where('id', '=', run.id).execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'compliance.submit',
      entityType: 'compliance_run',
      entityId: run.id,
      before: { submittedAt: run.submittedAt },
      after: { year: run.year, score: run.score, submittedAt },
    });
    return { ...run, submittedAt, submittedBy };
  });
}
