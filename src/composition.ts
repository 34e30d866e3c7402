import type { DueDateRecomputer } from './calendar/calendar.service.ts';
import type { Indicator } from './compliance/indicator.ts';
import { guideContactIndicator } from './compliance/indicators/foundation.ts';
import { documentExportHandler, documentImportHandler } from './documents/interchange.ts';
import type { ExportHandler } from './interchange/exporter.ts';
import type { ImportHandler } from './interchange/importer.ts';

/**
 * The modules whose open cases have due dates, recomputed whenever the holiday calendar changes.
 * Each case module adds its recomputer here (composition root: the calendar does not import case modules).
 */
export const dueDateRecomputers: DueDateRecomputer[] = [];

/** The kinds of record `gongkai import` accepts (interchange spec); each module adds its handler. */
export const importHandlers: ImportHandler[] = [documentImportHandler];

/** The kinds of record `gongkai export KIND AGENCY` writes; each module adds its handler. */
export const exportHandlers: ExportHandler[] = [documentExportHandler];

/** The automatic indicators of the compliance self-check, in display order; each module adds its own. */
export const indicators: Indicator[] = [guideContactIndicator];
