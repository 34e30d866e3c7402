/**
 * Building a report: the tables from the sources and the figures, the checks R1–R5, and the narrative (stored, or a
 * fresh draft) with its warnings. A published or imported report is frozen: its tables and checks are read back as
 * they were published.
 */
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { emptyFigures, type YearlyFigures } from '../figures/figures.schema.ts';
import { getFigures } from '../figures/figures.service.ts';
import { listInnovations } from '../innovations/innovations.service.ts';
import { mechanismsInForce } from '../mechanisms/mechanisms.service.ts';
import { listProposals, summarizeProposals } from '../proposals/proposals.service.ts';
import { listRectificationItems } from '../rectification/rectification.service.ts';
import { type Clock, chinaDate } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { listTrainings } from '../trainings/trainings.service.ts';
import { formatForYear, type Table3 } from '../vocabulary/report-format.ts';
import { getWorkPlanTitle, listWorkTasks } from '../workpoints/workpoints.service.ts';
import { type Deadline, reportDeadline } from './deadline.ts';
import {
  comparisonFromFacts,
  draftSections,
  joinSections,
  type NarrativeFacts,
  type NarrativeWarning,
  numberWarnings,
  type StoredSections,
  similarityWarnings,
  toFillWarnings,
} from './narrative.ts';
import type { YearComparison } from './render/charts.ts';
import type { CheckResult, FormattedTables, ReportData, ReportStatus } from './report-model.ts';
import { mergeTrialOther } from './report-tables.ts';
import { emptyProactiveStats, type ProactiveStats, type ReportSources } from './sources.ts';
import { table2FromCounts, trialTable2FromCounts } from './table2.ts';
import { checkText } from './text-vs-tables.ts';
import { checkTables } from './validation.ts';

/** What building a report needs: the database for the report's own records, and the sources of the tables. */
export type ReportDeps = { db: DbOrTrx; clock: Clock; sources: ReportSources };
export type ReportAgency = Pick<Agency, 'id' | 'code' | 'name' | 'kind'>;

export type ReportSettings = { localDeadline: string | null; appealsIncludeCarried: boolean };

/** The agency's report settings (defaults when never saved). */
export async function getReportSettings(db: DbOrTrx, agencyId: number): Promise<ReportSettings> {
  const row = await db.selectFrom('reportSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  return { localDeadline: row?.localDeadline ?? null, appealsIncludeCarried: row?.appealsIncludeCarried === 1 };
}

/** A report as stored: its workflow state, narrative and, once published or imported, its frozen tables. */
export type StoredReport = {
  id: number;
  year: number;
  format: '2021' | '2019';
  status: ReportStatus;
  origin: 'generated' | 'imported';
  sections: StoredSections;
  frozen: { tables: FormattedTables; checks: CheckResult[]; comparison: YearComparison | null } | null;
  updatedAt: string;
  reviewedAt: string | null;
  reviewedBy: string | null;
  approvedAt: string | null;
  approvedBy: string | null;
  publishedAt: string | null;
  publishedBy: string | null;
  /** 1, then one more per correction (更正); correctionNote is the 更正说明 of version 2 on. */
  version: number;
  correctionNote: string | null;
};

/** The stored report of an agency-year, or null when none was started. */
export async function getStoredReport(db: DbOrTrx, agencyId: number, year: number): Promise<StoredReport | null> {
  const row = await db.selectFrom('annualReports').selectAll().where('agencyId', '=', agencyId).where('year', '=', year).executeTakeFirst();
  if (!row) return null;
  const frozen = row.tablesJson
    ? {
        tables: { format: row.format, tables: JSON.parse(row.tablesJson) } as FormattedTables,
        checks: JSON.parse(row.checksJson ?? '[]') as CheckResult[],
        comparison: row.comparisonJson ? (JSON.parse(row.comparisonJson) as YearComparison) : null,
      }
    : null;
  return {
    id: row.id,
    year: row.year,
    format: row.format,
    status: row.status,
    origin: row.origin,
    sections: JSON.parse(row.sectionsJson) as StoredSections,
    frozen,
    updatedAt: row.updatedAt,
    reviewedAt: row.reviewedAt,
    reviewedBy: row.reviewedBy,
    approvedAt: row.approvedAt,
    approvedBy: row.approvedBy,
    publishedAt: row.publishedAt,
    publishedBy: row.publishedBy,
    version: row.version,
    correctionNote: row.correctionNote,
  };
}

/** The tables of year Y computed now, in the year's format, with the previous year's table 3 for R5 and comparisons. */
export async function computeTables(
  deps: ReportDeps,
  agency: ReportAgency,
  year: number,
  figures: YearlyFigures,
  previousFigures: YearlyFigures | null,
  settings: ReportSettings,
): Promise<{ formatted: FormattedTables; documents: Awaited<ReturnType<ReportSources['table2Documents']>>; raw3: Table3; previousApplications: Table3 }> {
  const [documents, raw3, table4, previousStored] = await Promise.all([
    deps.sources.table2Documents(agency.id, year),
    deps.sources.table3(agency.id, year),
    deps.sources.table4(agency.id, year, { includeCarried: settings.appealsIncludeCarried }),
    getStoredReport(deps.db, agency.id, year - 1),
  ]);
  // R5 compares with what was published for last year where it was; otherwise with last year as computed now.
  const previousApplications = previousStored?.frozen?.tables.tables.applications ?? (await deps.sources.table3(agency.id, year - 1));
  const formatted: FormattedTables =
    formatForYear(year) === '2019'
      ? {
          format: '2019',
          tables: { proactive: trialTable2FromCounts(documents, figures, previousFigures), applications: mergeTrialOther(raw3), appeals: table4 },
        }
      : { format: '2021', tables: { proactive: table2FromCounts(documents, figures), applications: raw3, appeals: table4 } };
  return { formatted, documents, raw3, previousApplications };
}

/**
 * Last year's 主动公开 figures as last year's published report printed them (its frozen comparison), or null: the
 * records of a year before the platform ran may be partial, and a comparison with them would state a false change.
 */
function printedProactive(previous: StoredReport | null): ProactiveStats | null {
  const rows = previous?.status === 'published' ? previous.frozen?.comparison?.rows : undefined;
  const printed = (key: string) => rows?.find((r) => r.key === key)?.now;
  const published = printed('published');
  if (published === undefined) return null;
  return { ...emptyProactiveStats(), published, interpretations: printed('interpretations') ?? 0 };
}

/** Everything the report speaks of for an agency-year, gathered from the sources and the report's own records. */
export async function gatherFacts(
  deps: ReportDeps,
  agency: ReportAgency,
  year: number,
): Promise<{ facts: NarrativeFacts; formatted: FormattedTables; previousApplications: Table3; settings: ReportSettings }> {
  const [settings, figures, previousFigures, proactive, previousStored, subjects, mechanisms, innovations] = await Promise.all([
    getReportSettings(deps.db, agency.id),
    getFigures(deps.db, agency.id, year),
    getFigures(deps.db, agency.id, year - 1),
    deps.sources.proactiveStats(agency.id, year),
    getStoredReport(deps.db, agency.id, year - 1),
    deps.sources.applicationSubjects(agency.id, year),
    mechanismsInForce(deps.db, agency.id, year),
    listInnovations(deps.db, agency.id, year),
  ]);
  const [proposals, trainings, planTitle, tasks, found, foundBefore] = await Promise.all([
    listProposals(deps.db, agency.id, year),
    listTrainings(deps.db, agency.id, year),
    getWorkPlanTitle(deps.db, agency.id, year),
    listWorkTasks(deps.db, agency.id, year),
    listRectificationItems(deps.db, agency.id, year),
    listRectificationItems(deps.db, agency.id, year - 1),
  ]);
  const { formatted, documents, previousApplications } = await computeTables(deps, agency, year, figures ?? emptyFigures(year), previousFigures, settings);
  const sourceLabels = t.reports.records.rectification.sources;
  const facts: NarrativeFacts = {
    agencyName: agency.name,
    agencyKind: agency.kind,
    year,
    proactive,
    previousProactive: printedProactive(previousStored),
    documents,
    applications: formatted.tables.applications,
    previousApplications,
    applicationSubjects: subjects,
    appeals: formatted.tables.appeals,
    figures,
    previousFigures,
    proposals: summarizeProposals(proposals),
    trainings,
    workPlan: {
      title: planTitle,
      total: tasks.length,
      done: tasks.filter((x) => x.status === 'done').length,
      doneTasks: tasks.filter((x) => x.status === 'done').map((x) => x.task),
    },
    mechanisms: {
      leadingGroup: mechanisms.leadingGroup && { ...mechanisms.leadingGroup, adjusted: mechanisms.leadingGroup.adjusted === 1 },
      rules: mechanisms.rules.map((r) => r.name),
    },
    innovations: innovations.map((x) => ({ title: x.title, summary: x.summary })),
    rectification: {
      found: found.map((x) => ({ problem: x.problem, measure: x.measure, source: x.sourceDetail ?? sourceLabels[x.source], closedOn: x.closedOn })),
      previousYear: { total: foundBefore.length, closed: foundBefore.filter((x) => x.closedOn !== null).length },
    },
  };
  return { facts, formatted, previousApplications, settings };
}

/** A report as the console works on it: the data, the stored state, the narrative and what the draft warns about. */
export type ReportWorkspace = {
  report: ReportData;
  stored: StoredReport | null;
  sections: StoredSections;
  facts: NarrativeFacts | null;
  /** This year against last for the published page's chart (frozen with a published report). */
  comparison: YearComparison | null;
  warnings: NarrativeWarning[];
  settings: ReportSettings;
  deadline: Deadline;
};

/** The warnings on a narrative: numbers that disagree, text like last year's, places left to fill in. */
export function narrativeWarnings(sections: StoredSections, facts: NarrativeFacts, previous: StoredSections | null): NarrativeWarning[] {
  return [
    ...toFillWarnings(sections, facts.agencyKind),
    ...numberWarnings(sections, facts),
    ...similarityWarnings(sections, previous, facts.agencyKind, facts.year - 1),
  ];
}

/** A frozen report (published, imported, or a version superseded by a correction) as it was published. */
export async function frozenWorkspace(db: DbOrTrx, agency: ReportAgency, stored: StoredReport): Promise<ReportWorkspace> {
  if (!stored.frozen) throw new Error('frozenWorkspace: the report has no frozen tables');
  const year = stored.year;
  const base = { agency: { code: agency.code, name: agency.name }, year };
  const settings = await getReportSettings(db, agency.id);
  return {
    report: {
      ...base,
      ...stored.frozen.tables,
      checks: stored.frozen.checks,
      sections: joinSections(stored.sections, agency.kind),
      status: stored.status,
      ...(stored.publishedAt ? { signedOn: chinaDate(stored.publishedAt) } : {}),
      ...(settings.appealsIncludeCarried ? { appealsIncludeCarried: true } : {}),
    },
    stored,
    sections: stored.sections,
    facts: null,
    comparison: stored.frozen.comparison,
    warnings: [],
    settings,
    deadline: reportDeadline(agency.kind, year, settings.localDeadline),
  };
}

/**
 * Prepares an agency-year's report: frozen when published or imported; otherwise tables computed now, the stored
 * narrative (or a fresh draft when none is stored), the checks and the warnings.
 */
export async function prepareReport(deps: ReportDeps, agency: ReportAgency, year: number): Promise<ReportWorkspace> {
  const stored = await getStoredReport(deps.db, agency.id, year);
  const base = { agency: { code: agency.code, name: agency.name }, year };
  if (stored?.frozen && (stored.status === 'published' || stored.origin === 'imported')) return frozenWorkspace(deps.db, agency, stored);
  const { facts, formatted, previousApplications, settings } = await gatherFacts(deps, agency, year);
  const sections = stored?.sections ?? draftSections(facts);
  const previousStored = await getStoredReport(deps.db, agency.id, year - 1);
  const t4 = formatted.tables.appeals;
  const checks = [
    ...checkTables(formatted.tables, previousApplications),
    checkText(
      Object.values(joinSections(sections, agency.kind)),
      {
        received: formatted.tables.applications.received.total,
        closed: formatted.tables.applications.closedTotal.total,
        reconsideration: t4.reconsideration.total,
        litigation: t4.litigationDirect.total + t4.litigationAfterReconsideration.total,
        normativeIssued: facts.documents.normativeDocuments.issued,
        proactiveItems: facts.proactive.published,
        interpretations: facts.proactive.interpretations,
      },
      year,
    ),
  ];
  const warnings = narrativeWarnings(sections, facts, previousStored?.sections ?? null);
  if (!facts.figures) warnings.unshift({ section: t.reports.figures.title, kind: 'missing', message: t.reports.figures.missing(year) });
  return {
    report: {
      ...base,
      ...formatted,
      checks,
      sections: joinSections(sections, agency.kind),
      signedOn: chinaDate(stored?.approvedAt ?? deps.clock.now()),
      ...(stored ? { status: stored.status } : {}),
      ...(settings.appealsIncludeCarried ? { appealsIncludeCarried: true } : {}),
    },
    stored,
    sections,
    facts,
    comparison: comparisonFromFacts(facts),
    warnings,
    settings,
    deadline: reportDeadline(agency.kind, year, settings.localDeadline),
  };
}

/** An agency-year's report in the interchange JSON shape (tables, checks R1–R5, sections). */
export async function buildReport(deps: ReportDeps, agency: ReportAgency, year: number): Promise<ReportData> {
  return (await prepareReport(deps, agency, year)).report;
}
