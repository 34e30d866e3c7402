/**
 * The report's records: starting a draft, its narrative, the settings, and the lists of reports. Staff edit the
 * narrative only in draft; the steps after it (submit, review, approve, publish, return, correct) are in
 * report-workflow.ts.
 */
import type { Transaction } from 'kysely';
import { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import type { Actor } from '../shared/actor.ts';
import { chinaDate } from '../shared/clock.ts';
import { DomainError, forbidden, invalidState } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { keepAbsent, parseInput } from '../shared/validation.ts';
import { formatForYear, OVERVIEW_PARTS } from '../vocabulary/report-format.ts';
import {
  getReportSettings,
  getStoredReport,
  prepareReport,
  type ReportAgency,
  type ReportDeps,
  type ReportSettings,
  type StoredReport,
} from './build-report.ts';
import { type Deadline, isValidLocalDeadline, reminderYear, reportDeadline } from './deadline.ts';
import { draftSections, overviewParts, type StoredSections } from './narrative.ts';
import { recordReportEvent } from './report-history.ts';
import type { ReportStatus } from './report-model.ts';
import { canEditReportSettings, canTake } from './reports.policy.ts';

const w = t.reports.workflow;

const yearSchema = z.coerce.number().int().min(2008).max(2299);
const MAX_SECTION = 20_000;

async function insertDraft(trx: Transaction<Database>, deps: ReportDeps, agency: ReportAgency, year: number, sections: StoredSections): Promise<number> {
  const now = deps.clock.now().toISOString();
  const row = await trx
    .insertInto('annualReports')
    .values({
      agencyId: agency.id,
      year,
      format: formatForYear(year),
      status: 'draft',
      origin: 'generated',
      sectionsJson: JSON.stringify(sections),
      tablesJson: null,
      checksJson: null,
      comparisonJson: null,
      createdAt: now,
      updatedAt: now,
      reviewedAt: null,
      reviewedBy: null,
      approvedAt: null,
      approvedBy: null,
      publishedAt: null,
      publishedBy: null,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

/**
 * Starts the year's report with a narrative drafted from the data (editors and admins). With `redraft`, replaces
 * the narrative of a draft with a fresh one. Returns the stored report.
 */
export async function startReport(
  deps: ReportDeps,
  actor: Actor,
  agency: ReportAgency,
  yearInput: unknown,
  options: { redraft?: boolean } = {},
): Promise<StoredReport> {
  if (!canTake(actor, agency.id, 'edit')) throw forbidden();
  const year = parseInput(yearSchema, yearInput);
  const existing = await getStoredReport(deps.db, agency.id, year);
  if (existing && !options.redraft) return existing;
  if (existing && existing.status !== 'draft') throw invalidState(w.notDraft);
  const workspace = await prepareReport(deps, agency, year);
  if (!workspace.facts) throw invalidState(w.notDraft);
  const sections = draftSections(workspace.facts);
  await inTransaction(deps.db, async (trx) => {
    if (existing) {
      await trx
        .updateTable('annualReports')
        .set({ sectionsJson: JSON.stringify(sections), updatedAt: deps.clock.now().toISOString() })
        .where('id', '=', existing.id)
        .execute();
    } else {
      await insertDraft(trx, deps, agency, year, sections);
      await recordReportEvent(trx, deps.clock, { agencyId: agency.id, year, version: 1, action: 'start', actor });
    }
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: existing ? 'report.redraft' : 'report.start',
      entityType: 'annual_report',
      entityId: year,
      before: existing?.sections,
      after: sections,
    });
  });
  return (await getStoredReport(deps.db, agency.id, year)) as StoredReport;
}

/** The narrative fields of the edit form: intro, overview.<part>, problems, other. */
function sectionsFromForm(values: Record<string, unknown>, current: StoredSections, parts: readonly string[]): StoredSections {
  const fields: Record<string, string> = {};
  const text = (key: string, fallback: string) => {
    const v = values[key];
    if (v === undefined) return fallback;
    if (typeof v !== 'string') return fallback;
    const clean = v.replace(/\r\n/g, '\n').trim();
    if (clean.length > MAX_SECTION) fields[key] = w.tooLong(MAX_SECTION);
    return clean;
  };
  const overview = { ...current.overview };
  for (const p of OVERVIEW_PARTS) if (parts.includes(p)) overview[p] = text(`overview.${p}`, current.overview[p]);
  const out = { intro: text('intro', current.intro), overview, problems: text('problems', current.problems), other: text('other', current.other) };
  if (Object.keys(fields).length > 0) throw new DomainError('VALIDATION', t.errors.validation, fields);
  return out;
}

/** Saves edited sections of a draft (editors and admins); audited with the text before and after. */
export async function saveSections(
  deps: ReportDeps,
  actor: Actor,
  agency: ReportAgency,
  yearInput: unknown,
  values: Record<string, unknown>,
): Promise<StoredReport> {
  if (!canTake(actor, agency.id, 'edit')) throw forbidden();
  const year = parseInput(yearSchema, yearInput);
  const stored = await startReport(deps, actor, agency, year);
  if (stored.status !== 'draft') throw invalidState(stored.status === 'published' ? t.reports.flow.publishedNotEditable : w.notDraft);
  const sections = sectionsFromForm(values, stored.sections, overviewParts(agency.kind));
  await inTransaction(deps.db, async (trx) => {
    await trx
      .updateTable('annualReports')
      .set({ sectionsJson: JSON.stringify(sections), updatedAt: deps.clock.now().toISOString() })
      .where('id', '=', stored.id)
      .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId: agency.id,
      action: 'report.edit',
      entityType: 'annual_report',
      entityId: year,
      before: stored.sections,
      after: sections,
    });
  });
  return (await getStoredReport(deps.db, agency.id, year)) as StoredReport;
}

const settingsSchema = z.object({
  localDeadline: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
    z.string().refine(isValidLocalDeadline, w.badLocalDeadline).optional(),
  ),
  appealsIncludeCarried: z.preprocess((v) => v === true || v === 'on' || v === '1', z.boolean()),
});

/** The report settings as their form shows them; what a field absent from a submission keeps. */
export function reportSettingsForm(s: ReportSettings): Record<string, string> {
  return { localDeadline: s.localDeadline ?? '', appealsIncludeCarried: s.appealsIncludeCarried ? 'on' : '' };
}

/** Saves the agency's report settings (admins): an earlier local deadline and the table-4 note; audited. */
export async function saveReportSettings(deps: { db: DbOrTrx; clock: ReportDeps['clock'] }, actor: Actor, agencyId: number, input: unknown): Promise<void> {
  if (!canEditReportSettings(actor, agencyId)) throw forbidden();
  await inTransaction(deps.db, async (trx) => {
    const before = await trx.selectFrom('reportSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
    const current = { localDeadline: before?.localDeadline ?? null, appealsIncludeCarried: before?.appealsIncludeCarried === 1 };
    const d = parseInput(settingsSchema, keepAbsent(reportSettingsForm(current), input));
    // Saved as shown: nothing to write (not even the defaults of an agency that never saved).
    if ((d.localDeadline ?? null) === current.localDeadline && d.appealsIncludeCarried === current.appealsIncludeCarried) return;
    const values = {
      localDeadline: d.localDeadline ?? null,
      appealsIncludeCarried: d.appealsIncludeCarried ? 1 : 0,
      updatedAt: deps.clock.now().toISOString(),
    };
    if (before) await trx.updateTable('reportSettings').set(values).where('agencyId', '=', agencyId).execute();
    else
      await trx
        .insertInto('reportSettings')
        .values({ agencyId, ...values })
        .execute();
    await recordAudit(trx, deps.clock, {
      actor,
      agencyId,
      action: 'report.settings',
      entityType: 'report_settings',
      entityId: agencyId,
      before,
      after: values,
    });
  });
}

/** The agency's reports (any state), newest first, for the console list. */
export function listReports(db: DbOrTrx, agencyId: number) {
  return db
    .selectFrom('annualReports')
    .select(['year', 'status', 'origin', 'format', 'updatedAt', 'publishedAt'])
    .where('agencyId', '=', agencyId)
    .orderBy('year', 'desc')
    .execute();
}

/**
 * The agency's published reports, newest first, for the portal's 年报 column: a report under correction (version 2
 * on, not yet published) still counts, its previous version being what the portal shows.
 */
export function listPublishedReports(db: DbOrTrx, agencyId: number) {
  return db
    .selectFrom('annualReports')
    .select(['year', 'publishedAt'])
    .where('agencyId', '=', agencyId)
    .where((eb) => eb.or([eb('status', '=', 'published'), eb('version', '>', 1)]))
    .orderBy('year', 'desc')
    .execute();
}

/** True when the public reads a version of the report: published, or under correction with an earlier version out. */
export const isOut = (r: { status: ReportStatus; version: number }) => r.status === 'published' || r.version > 1;

/**
 * What the console home reminds about: the year's report from 1 December, the previous year's from January on, until
 * it is published; null when nothing is due.
 */
export async function reportReminder(
  db: DbOrTrx,
  agency: ReportAgency,
  today: string,
): Promise<{ year: number; deadline: Deadline; status: ReportStatus | null } | null> {
  const rows = await db
    .selectFrom('annualReports')
    .select(['year', 'status', 'version'])
    .where('agencyId', '=', agency.id)
    .where('year', 'in', [Number(today.slice(0, 4)) - 1, Number(today.slice(0, 4))])
    .execute();
  const status = (y: number) => rows.find((r) => r.year === y)?.status ?? null;
  const year = reminderYear(today, (y) => rows.some((r) => r.year === y && isOut(r)));
  if (year === null) return null;
  const settings = await getReportSettings(db, agency.id);
  return { year, deadline: reportDeadline(agency.kind, year, settings.localDeadline), status: status(year) };
}

/**
 * Year Y's report of each of several agencies (the city view), in their order, read in two queries: its deadline
 * (with the agency's local one), its workflow state (null when not started) and, once published, the day in China
 * it was published.
 */
export async function reportStatusesOf(
  db: DbOrTrx,
  agencies: readonly ReportAgency[],
  year: number,
): Promise<{ deadline: Deadline; status: ReportStatus | null; publishedOn: string | null }[]> {
  const ids = agencies.map((a) => a.id);
  if (ids.length === 0) return [];
  const [reports, settings] = await Promise.all([
    db.selectFrom('annualReports').select(['agencyId', 'status', 'version', 'publishedAt']).where('year', '=', year).where('agencyId', 'in', ids).execute(),
    db.selectFrom('reportSettings').select(['agencyId', 'localDeadline']).where('agencyId', 'in', ids).execute(),
  ]);
  const report = new Map(reports.map((r) => [r.agencyId, r]));
  const local = new Map(settings.map((s) => [s.agencyId, s.localDeadline]));
  return agencies.map((a) => {
    const r = report.get(a.id);
    // Under correction, the city reads the version on the portal: published, on its day.
    const out = r ? isOut(r) : false;
    const publishedOn = out && r?.publishedAt ? chinaDate(new Date(r.publishedAt)) : null;
    return { deadline: reportDeadline(a.kind, year, local.get(a.id) ?? null), status: out ? 'published' : (r?.status ?? null), publishedOn };
  });
}
