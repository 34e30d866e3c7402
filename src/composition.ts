import { appealExportHandler, appealImportHandler } from './appeals/appeals.interchange.ts';
import { listAppeals } from './appeals/appeals.service.ts';
import { applicationTodoSource } from './applications/application.todo.ts';
import { applicationExportHandler } from './applications/applications.export.ts';
import { applicationImportHandler } from './applications/applications.import.ts';
import type { AppealsOfCase } from './applications/applications.queries.ts';
import { recomputeApplicationDueDates } from './applications/applications.repo.ts';
import { consultationTodoSource } from './applications/consultation.todo.ts';
import type { PublishedOfCase } from './applications/published-of-case.tsx';
import { applicationSubjectsForAgency, computeTable3ForAgency, computeTable4ForAgency } from './applications/statistics.ts';
import type { DueDateRecomputer } from './calendar/calendar.service.ts';
import type { Indicator } from './compliance/indicator.ts';
import { channelIndicator, correctionNoticeIndicator } from './compliance/indicators/applications.ts';
import { catalogueIndicator, emptyCategoriesIndicator, guideIndicator } from './compliance/indicators/column.ts';
import { linksIndicator, personalDataIndicator, validityIndicator } from './compliance/indicators/documents.ts';
import { guideContactIndicator } from './compliance/indicators/foundation.ts';
import { applicationsOnTimeIndicator, documentsTimelinessIndicator, interpretationIndicator } from './compliance/indicators/records.ts';
import { annualReportIndicator } from './compliance/indicators/report.ts';
import type { TodoSource } from './console/todo.ts';
import type { DbOrTrx } from './db/database.ts';
import { documentTodoSource } from './documents/document.todo.ts';
import { documentExportHandler, documentImportHandler } from './documents/interchange.ts';
import { proactiveStatsForAgency, table2DocumentsForAgency } from './documents/report-stats.ts';
import { figuresImportHandler } from './figures/figures.service.ts';
import type { ExportHandler } from './interchange/exporter.ts';
import type { ImportHandler } from './interchange/importer.ts';
import { publishedOfCase } from './proactive/proactive.queries.ts';
import { rectificationTodoSource } from './rectification/rectification.todo.ts';
import { reportTodoSource } from './reports/report.todo.ts';
import { reportImportHandler } from './reports/report-import.ts';
import type { ReportSources } from './reports/sources.ts';

/**
 * The composition root: the one place that knows every module. Modules contribute to registries (import/export
 * handlers, self-check indicators, due-date recomputers) and answer each other through ports (the annual report's
 * sources, a case's appeals) wired here; routes and services receive them in `AppDeps.registries` (buildApp) or the
 * CLI's context, and never import this file. The named lists stay exported for tests and benchmarks.
 */

/**
 * The modules whose open cases have due dates, recomputed whenever the holiday calendar changes.
 * Each case module adds its recomputer here (composition root: the calendar does not import case modules).
 */
export const dueDateRecomputers: DueDateRecomputer[] = [recomputeApplicationDueDates];

/** The kinds of record `gongkai import` accepts (interchange spec); each module adds its handler. */
export const importHandlers: ImportHandler[] = [
  documentImportHandler,
  applicationImportHandler,
  appealImportHandler,
  figuresImportHandler,
  reportImportHandler,
];

/** The kinds of record `gongkai export KIND AGENCY` writes; each module adds its handler. */
export const exportHandlers: ExportHandler[] = [documentExportHandler, applicationExportHandler, appealExportHandler];

/** The automatic indicators of the compliance self-check, in display order; each module adds its own. */
export const indicators: Indicator[] = [
  guideContactIndicator,
  guideIndicator,
  catalogueIndicator,
  emptyCategoriesIndicator,
  documentsTimelinessIndicator,
  validityIndicator,
  interpretationIndicator,
  linksIndicator,
  personalDataIndicator,
  applicationsOnTimeIndicator,
  correctionNoticeIndicator,
  channelIndicator,
  annualReportIndicator,
];

/**
 * The sources of the annual report's numbers for a database: table 2's document counts and the 主动公开 statistics
 * from the documents module, tables 3 and 4 from the applications module. Wire each module's function here.
 */
export function reportSources(db: DbOrTrx): ReportSources {
  return {
    table2Documents: (agencyId, year) => table2DocumentsForAgency(db, agencyId, year),
    proactiveStats: (agencyId, year) => proactiveStatsForAgency(db, agencyId, year),
    // 依申请公开 (issue 4): tables 3 and 4 counted from the case records.
    table3: (agencyId, year) => computeTable3ForAgency(db, agencyId, year),
    table4: (agencyId, year, options) => computeTable4ForAgency(db, agencyId, year, { includeCarriedOver: options.includeCarried }),
    applicationSubjects: (agencyId, year) => applicationSubjectsForAgency(db, agencyId, year),
  };
}

/** A case's appeals for the case page (applications asks, appeals answers). */
export const appealsOfCase: AppealsOfCase = (db, agencyId, applicationId) => listAppeals(db, agencyId, { applicationId });

/**
 * What waits for someone in an agency (the workbench, the leader's inbox, the daily digest): each module adds its
 * sources here; the workbench knows none of their tables.
 */
export const todoSources: TodoSource[] = [applicationTodoSource, consultationTodoSource, documentTodoSource, rectificationTodoSource, reportTodoSource];

/** Everything the composition root wires, as routes (`app.deps.registries`) and commands receive it. */
export type Registries = {
  dueDateRecomputers: readonly DueDateRecomputer[];
  importHandlers: readonly ImportHandler[];
  exportHandlers: readonly ExportHandler[];
  indicators: readonly Indicator[];
  reportSources: (db: DbOrTrx) => ReportSources;
  appealsOfCase: AppealsOfCase;
  /** The 主动公开 documents a case was converted into (proactive answers, the tracking page asks). */
  publishedOfCase: PublishedOfCase;
  /** The workbench's to-do sources, in display order. */
  todoSources: readonly TodoSource[];
};

/** The registries and ports of this build of the platform. */
export function buildRegistries(): Registries {
  return { dueDateRecomputers, importHandlers, exportHandlers, indicators, reportSources, appealsOfCase, publishedOfCase, todoSources };
}
