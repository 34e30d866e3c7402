/** Reading an agency's application settings: the saved row, or defaults drawn from the agency and its parent. */
import type { DbOrTrx } from '../db/database.ts';
import { notFound } from '../shared/errors.ts';
import { type ApplicationSettings, DEFAULT_ANSWER_DOWNLOAD_DAYS, defaultDocNumberPattern } from './settings.schema.ts';

/**
 * The agency's settings; when none were saved, defaults: a 文号 pattern from its name, as 复议机关 the government it
 * belongs to (行政复议法 2023 第二十四条: the people's government at the same level for its departments), no court
 * (it cannot be guessed), downloads for 30 days.
 */
export async function applicationSettings(db: DbOrTrx, agencyId: number): Promise<ApplicationSettings> {
  const row = await db.selectFrom('applicationSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  if (row) {
    return { docNumberPattern: row.docNumberPattern, reviewBody: row.reviewBody, court: row.court, answerDownloadDays: row.answerDownloadDays, saved: true };
  }
  const agency = await db.selectFrom('agencies').select(['name', 'kind', 'parentId']).where('id', '=', agencyId).executeTakeFirst();
  if (!agency) throw notFound();
  const parent =
    agency.parentId === null ? undefined : await db.selectFrom('agencies').select(['name', 'kind']).where('id', '=', agency.parentId).executeTakeFirst();
  return {
    docNumberPattern: defaultDocNumberPattern(agency.name),
    reviewBody: parent?.kind === 'government' ? parent.name : null,
    court: null,
    answerDownloadDays: DEFAULT_ANSWER_DOWNLOAD_DAYS,
    saved: false,
  };
}

/** The settings as their form shows them (also what a field absent from a submission keeps). */
export function settingsForm(s: ApplicationSettings): Record<string, string> {
  return { docNumberPattern: s.docNumberPattern, reviewBody: s.reviewBody ?? '', court: s.court ?? '', answerDownloadDays: String(s.answerDownloadDays) };
}
