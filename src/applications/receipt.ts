/**
 * The receipt (回执) of an online application as one model for the page and its PDF: agency, tracking number, the
 * query code (only from the submitter's own cookie), the submission time, and for the submitter only the subject and
 * the attachments (names, sizes in 千字节/兆字节), the receipt date and the due date, provisional where the year's
 * holiday arrangement is not loaded.
 */
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { chinaDate, chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OfficialDocument } from '../web/official-document.tsx';
import { ANSWER_DAYS } from './deadlines.ts';

const R = t.applications.receiptDoc;
const P = t.applications.portal;
const T = t.applications.tracking;

/** A size as Chinese readers expect it: 512 字节, 12.5 千字节, 1.2 兆字节 (1 千字节 = 1024 字节). */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return R.bytes(bytes);
  const kb = bytes / 1024;
  if (kb < 1024) return R.kilobytes(trim(kb));
  return R.megabytes(trim(kb / 1024));
}
const trim = (n: number) => (n >= 100 ? String(Math.round(n)) : n.toFixed(1).replace(/\.0$/, ''));

export type ReceiptFacts = {
  trackingNo: string;
  submittedAt: string;
  /** Only for the submitter (who holds the receipt cookie); null for anyone else with the number. */
  mine: {
    queryCode: string;
    subject: string;
    attachments: { name: string; size: string }[];
    receivedOn: string | null;
    dueOn: string;
    dueIsExpected: boolean;
    provisional: boolean;
  } | null;
};

/** The receipt of a tracking number at the agency; null when there is no such online application. */
export async function loadReceipt(db: DbOrTrx, agency: Agency, trackingNo: string, queryCode: string | null): Promise<ReceiptFacts | null> {
  const row = await db
    .selectFrom('applications')
    .select(['id', 'submittedAt', 'subject', 'receivedOn', 'dueOn', 'provisional', 'status'])
    .where('agencyId', '=', agency.id)
    .where('trackingNo', '=', trackingNo)
    .executeTakeFirst();
  if (!row) return null;
  const submittedAt = chinaTime(row.submittedAt);
  if (!queryCode) return { trackingNo, submittedAt, mine: null };
  const files = await db.selectFrom('applicationAttachments').select(['filename', 'size']).where('applicationId', '=', row.id).orderBy('id').execute();
  let dueOn = row.dueOn;
  let provisional = row.provisional === 1;
  const dueIsExpected = !row.receivedOn || !dueOn;
  if (dueIsExpected) {
    // Not yet confirmed: the due date if staff confirm it on the day it was submitted (China time).
    const expected = (await loadWorkCalendar(db)).addWorkdays(chinaDate(new Date(row.submittedAt)), ANSWER_DAYS);
    dueOn = expected.date;
    provisional = expected.provisional;
  }
  return {
    trackingNo,
    submittedAt,
    mine: {
      queryCode,
      subject: row.subject,
      attachments: files.map((f) => ({ name: f.filename, size: readableSize(f.size) })),
      receivedOn: row.receivedOn,
      dueOn: dueOn as string,
      dueIsExpected,
      provisional,
    },
  };
}

/** The label–value lines of the receipt, as the page and the PDF show them. */
export function receiptLines(agency: Agency, r: ReceiptFacts): { label: string; value: string }[] {
  const lines: { label: string; value: string }[] = [
    { label: T.agency, value: agency.name },
    { label: T.trackingNo, value: r.trackingNo },
  ];
  if (r.mine) lines.push({ label: T.queryCode, value: r.mine.queryCode });
  lines.push({ label: P.submittedAt, value: r.submittedAt });
  if (!r.mine) return lines;
  const m = r.mine;
  const date = `${m.dueOn}${m.provisional ? R.provisionalMark : ''}`;
  const due = m.dueIsExpected ? R.dueOnExpected(date) : R.dueOnSet(date);
  lines.push(
    { label: R.subject, value: m.subject },
    { label: R.attachments, value: m.attachments.length === 0 ? R.noAttachments : m.attachments.map((a) => `${a.name}（${a.size}）`).join('；') },
    { label: R.receivedOn, value: m.receivedOn ?? R.awaitingConfirmation },
    { label: R.dueOn, value: due },
  );
  return lines;
}

/** The receipt as an official document (its PDF). */
export function receiptDocument(agency: Agency, r: ReceiptFacts): OfficialDocument {
  const notes = r.mine ? [P.receiptCodeNote, ...(r.mine.provisional ? [R.provisional] : [])] : [P.receiptCodeGone];
  return { title: P.receiptTitle, docNumber: null, addressee: null, paragraphs: notes, facts: receiptLines(agency, r), signature: null };
}
