/** The answer letter of a case as an official document, for the console (whole) and the applicant (redacted). */
import type { DbOrTrx } from '../db/database.ts';
import { chinaDate } from '../shared/clock.ts';
import type { OfficialDocument } from '../web/official-document.tsx';
import type { ApplicationRow } from './applications.repo.ts';
import { answerLetterDocument } from './letter-model.ts';
import { docNumberOf } from './letter-number.ts';
import { applicationSettings } from './settings.queries.ts';

/**
 * The letter of `row` (null while it has none), dated the day of the leader's sign-off in China (today for a draft),
 * with its 文号 and the 救济途径 of the agency's settings.
 */
export async function caseLetterDocument(
  db: DbOrTrx,
  agency: { id: number; name: string },
  row: Pick<ApplicationRow, 'id' | 'answerLetter' | 'answerSignedAt'>,
  today: string,
): Promise<OfficialDocument | null> {
  if (!row.answerLetter) return null;
  const [settings, docNumber] = await Promise.all([applicationSettings(db, agency.id), docNumberOf(db, row.id)]);
  return answerLetterDocument({
    agencyName: agency.name,
    text: row.answerLetter,
    docNumber,
    reviewBody: settings.reviewBody,
    court: settings.court,
    date: row.answerSignedAt ? chinaDate(new Date(row.answerSignedAt)) : today,
  });
}
