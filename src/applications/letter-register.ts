/**
 * The 答复书登记簿: the year's signed answer letters with their 文号, as a CSV an office files with its records — each
 * letter whole, as the applicant received it (救济途径 and signature included), with the applicant's name (staff only).
 */
import type { DbOrTrx } from '../db/database.ts';
import { chinaDate } from '../shared/clock.ts';
import { toCsv } from '../shared/csv.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import { officialDocumentText } from '../web/official-document.tsx';
import { caseLetterDocument } from './letter.queries.ts';

/** The register of `year` (the year of the 文号, i.e. of the sign-off), in 文号 order, as CSV with a BOM. */
export async function letterRegisterCsv(db: DbOrTrx, agency: { id: number; name: string }, year: number, today: string): Promise<string> {
  const rows = await db
    .selectFrom('applicationLetterNumbers as n')
    .innerJoin('applications as a', 'a.id', 'n.applicationId')
    .select(['n.docNumber', 'a.id', 'a.ref', 'a.receivedOn', 'a.outcome', 'a.answerLetter', 'a.answerSignedAt', 'a.deliveredOn'])
    .where('n.agencyId', '=', agency.id)
    .where('a.agencyId', '=', agency.id)
    .where('n.year', '=', year)
    .orderBy('n.serial')
    .execute();
  const lines: (string | null)[][] = [[...t.applications.register.columns]];
  for (const r of rows) {
    const doc = await caseLetterDocument(db, agency, r, today);
    lines.push([
      r.docNumber,
      r.ref,
      r.receivedOn,
      r.outcome ? (OUTCOME_LABELS[r.outcome as OutcomeCode] ?? r.outcome) : null,
      r.answerSignedAt ? chinaDate(new Date(r.answerSignedAt)) : null,
      r.deliveredOn,
      doc ? officialDocumentText(doc) : null,
    ]);
  }
  return toCsv(lines, { bom: true });
}
