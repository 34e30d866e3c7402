/**
 * Public tracking: with the tracking number and the query code an applicant sees the status, the due date, the
 * notices sent to them and the answer letter — through an explicit public view model that carries no personal data
 * (letters and notices are redacted). Wrong guesses are throttled per address and per tracking number, in the
 * database, so every server process counts them.
 */
import { timingSafeEqual } from 'node:crypto';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type Clock, chinaDate } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';
import { clearFailures, lockedFor, recordFailure, type ThrottleRule } from '../users/throttle.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import type { OfficialDocument } from '../web/official-document.tsx';
import { type ApplicationRow, clockEventsOf, derivedColumns, type EventRow, eventData, listEvents } from './applications.repo.ts';
import type { ApplicationStatus } from './applications.tables.ts';
import { normalizeQueryCode, normalizeTrackingNo, queryCodeHash } from './codes.ts';
import { correctionWays } from './correction-ways.ts';
import { caseLetterDocument } from './letter.queries.ts';
import { redactDocument } from './letter-model.ts';
import { type PersonalData, redactPersonalData } from './letters.ts';

type Deps = { db: DbOrTrx; clock: Clock };

/** Wrong query codes allowed from one address before it is locked for a while. */
export const TRACK_ADDRESS_RULE: ThrottleRule = { maxFailures: 20, windowMs: 15 * 60_000, lockMs: 15 * 60_000 };
/** Wrong query codes allowed for one tracking number (from anywhere) before it is locked. */
export const TRACK_NUMBER_RULE: ThrottleRule = { maxFailures: 10, windowMs: 60 * 60_000, lockMs: 60 * 60_000 };

const P = t.applications.tracking;

/** The agency's facts a public view shows: its name and where a 补正 may be sent. */
type PublicAgency = Pick<Agency, 'code' | 'name' | 'address' | 'postcode' | 'officeHours'>;
const L = t.applications.letters;

/** A notice the office sent the applicant, as the tracking page shows it. */
export type PublicNotice = {
  kind: 'correction' | 'consultation' | 'extension' | 'fee';
  date: string;
  title: string;
  text: string;
  items: string[];
  after: string;
  /** For a 补正: how it may be sent (online, post, in person), from the agency's facts. */
  ways?: string[] | undefined;
};

/** Everything the public may see of an application: no name, no identity, no contact, no subject. */
export type PublicCaseView = {
  /** Not shown: the route issues the applicant's tokens (a 补正 online, downloads) for it. */
  applicationId: number;
  trackingNo: string;
  agency: { code: string; name: string };
  status: ApplicationStatus;
  statusLabel: string;
  submittedOn: string;
  receivedOn: string | null;
  dueOn: string | null;
  provisional: boolean;
  /** Why the clock is stopped, and until when the applicant or a third party has. */
  pause: { reason: string; until: string | null } | null;
  closedOn: string | null;
  outcomeLabel: string | null;
  notices: PublicNotice[];
  answerLetter: string | null;
  /** The answer letter as the official document (文号, 救济途径, signature), redacted; null until the answer is sent. */
  answerDocument: OfficialDocument | null;
};

export const personalDataOf = (row: ApplicationRow): PersonalData => ({
  name: row.applicantName,
  idNumber: row.applicantIdNumber,
  phone: row.applicantPhone,
  email: row.applicantEmail,
  address: row.applicantAddress,
  legalRep: row.applicantLegalRep,
  contact: row.applicantContact,
});

/** The notices of the log that were addressed to the applicant, redacted. */
function noticesOf(row: ApplicationRow, log: readonly EventRow[], redact: (s: string) => string, agency: PublicAgency): PublicNotice[] {
  const out: PublicNotice[] = [];
  for (const e of log) {
    const d = eventData(e);
    const s = (k: string) => (typeof d[k] === 'string' ? (d[k] as string) : '');
    if (e.type === 'correction_requested') {
      const items = Array.isArray(d.items) ? d.items.filter((i): i is string => typeof i === 'string').map(redact) : [];
      out.push({
        kind: 'correction',
        date: e.eventOn,
        title: P.correctionTitle,
        text: L.correctionNotice(row.receivedOn ?? e.eventOn, s('replyBy')),
        items,
        after: L.correctionNoticeEnd,
        ways: correctionWays(agency),
      });
    } else if (e.type === 'consultation_started') {
      out.push({
        kind: 'consultation',
        date: e.eventOn,
        title: P.consultationTitle,
        text: L.consultationNotice(t.applications.parties[d.party === 'agency' ? 'agency' : 'third_party']),
        items: [],
        after: '',
      });
    } else if (e.type === 'extended') {
      const due = typeof d.newDueOn === 'string' ? d.newDueOn : null;
      out.push({
        kind: 'extension',
        date: e.eventOn,
        title: P.extensionTitle,
        text: redact(L.extensionNotice(s('reason') || P.workNeeds, Number(d.days ?? 20), due)),
        items: [],
        after: '',
      });
    } else if (e.type === 'fee_notice') {
      const schedule = s('schedule') === 'per_page' ? 'per_page' : 'per_application';
      const quantity = Number(d.quantity ?? 0);
      const detail = schedule === 'per_page' ? L.feeDetailPerPage(quantity) : L.feeDetailPerApplication(quantity);
      out.push({
        kind: 'fee',
        date: e.eventOn,
        title: P.feeTitle,
        text: redact(L.feeNotice(Number(d.amount ?? 0), t.applications.feeSchedules[schedule], detail, s('howToPay'))),
        items: [],
        after: '',
      });
    } else if (e.type === 'longer_period') {
      // 第三十五条: the applicant is told the longer period the agency set.
      out.push({
        kind: 'extension',
        date: e.eventOn,
        title: P.extensionTitle,
        text: t.applications.clock.notices.longerPeriod(s('dueOn')),
        items: [],
        after: '',
      });
    }
  }
  // Notices are joined from templates and typed reasons: read them as written by hand.
  return out.map((n) => ({ ...n, text: handWritten(n.text), items: n.items.map(handWritten), after: handWritten(n.after) }));
}

/** The public view of a case (no I/O besides the calendar passed in): what /track shows. */
export function publicViewOf(
  row: ApplicationRow,
  log: readonly EventRow[],
  agency: PublicAgency,
  calendar: Parameters<typeof derivedColumns>[0],
  letter: OfficialDocument | null = null,
): PublicCaseView {
  const redact = (s: string) => redactPersonalData(s, personalDataOf(row));
  const { clock } = derivedColumns(calendar, row, clockEventsOf(log));
  const pause = clock?.openPause
    ? {
        reason: t.applications.pauseReasons[clock.openPause.kind === 'consultation' ? (clock.openPause.party ?? 'third_party') : clock.openPause.kind],
        until: clock.openPause.dueOn,
      }
    : null;
  const closed = row.status === 'closed';
  return {
    applicationId: row.id,
    trackingNo: row.trackingNo ?? '',
    agency: { code: agency.code, name: agency.name },
    status: row.status,
    statusLabel: t.applications.publicStatuses[row.status],
    submittedOn: chinaDate(row.submittedAt),
    receivedOn: row.receivedOn,
    dueOn: closed ? null : row.dueOn,
    provisional: !closed && row.provisional === 1,
    pause,
    closedOn: row.closedOn,
    outcomeLabel: closed && row.outcome ? (OUTCOME_LABELS[row.outcome as OutcomeCode] ?? null) : null,
    notices: noticesOf(row, log, redact, agency),
    answerLetter: closed && row.answerLetter ? redact(row.answerLetter) : null,
    answerDocument: closed && letter ? redactDocument(letter, redact) : null,
  };
}

const minutes = (ms: number) => Math.max(1, Math.ceil(ms / 60_000));

function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

/**
 * Looks an application up by tracking number and query code (optionally only within one agency's portal).
 * Wrong pairs are VALIDATION errors with one message whatever was wrong, and count towards the throttles (THROTTLED).
 */
export async function trackApplication(
  deps: Deps,
  input: { trackingNo: string; queryCode: string; ip: string; agencyCode?: string | undefined },
): Promise<PublicCaseView> {
  const trackingNo = normalizeTrackingNo(input.trackingNo);
  const code = normalizeQueryCode(input.queryCode);
  const fields: Record<string, string> = {};
  if (!trackingNo) fields.trackingNo = P.trackingNoInvalid;
  if (code.length !== 8) fields.queryCode = P.queryCodeInvalid;
  if (!trackingNo || code.length !== 8) throw new DomainError('VALIDATION', t.errors.validation, fields);

  const now = deps.clock.now();
  const addressKey = `track-address:${input.ip}`;
  const numberKey = `track-number:${trackingNo}`;
  const addressLock = await lockedFor(deps.db, addressKey, now);
  if (addressLock > 0) throw new DomainError('THROTTLED', P.throttled(minutes(addressLock)));
  const numberLock = await lockedFor(deps.db, numberKey, now);
  if (numberLock > 0) throw new DomainError('THROTTLED', P.throttled(minutes(numberLock)));

  const found = await deps.db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agencyId')
    .selectAll('applications')
    .select(['agencies.code as agencyCode', 'agencies.name as agencyName', 'agencies.address', 'agencies.postcode', 'agencies.officeHours'])
    .where('applications.trackingNo', '=', trackingNo)
    .executeTakeFirst();
  const matches =
    found !== undefined &&
    found.queryCodeHash !== null &&
    (input.agencyCode === undefined || found.agencyCode === input.agencyCode) &&
    sameHash(found.queryCodeHash, queryCodeHash(trackingNo, code));
  if (!found || !matches) {
    const lockA = await recordFailure(deps.db, addressKey, TRACK_ADDRESS_RULE, now);
    const lockB = await recordFailure(deps.db, numberKey, TRACK_NUMBER_RULE, now);
    if (lockA > 0 || lockB > 0) throw new DomainError('THROTTLED', P.throttled(minutes(Math.max(lockA, lockB))));
    throw new DomainError('VALIDATION', P.notFound, { _: P.notFound });
  }
  await clearFailures(deps.db, numberKey);
  const { agencyCode, agencyName, address, postcode, officeHours, ...row } = found;
  const calendar = await loadWorkCalendar(deps.db);
  const agency = { code: agencyCode, name: agencyName, address, postcode, officeHours };
  const letter = row.status === 'closed' ? await caseLetterDocument(deps.db, { id: row.agencyId, name: agencyName }, row, deps.clock.today()) : null;
  return publicViewOf(row, await listEvents(deps.db, row.id), agency, calendar, letter);
}

/** The public view of one case by id, for a page the applicant reached with a valid token (no query code asked again). */
export async function publicViewById(db: DbOrTrx, agencyId: number, id: number): Promise<PublicCaseView | null> {
  const found = await db
    .selectFrom('applications')
    .innerJoin('agencies', 'agencies.id', 'applications.agencyId')
    .selectAll('applications')
    .select(['agencies.code as agencyCode', 'agencies.name as agencyName', 'agencies.address', 'agencies.postcode', 'agencies.officeHours'])
    .where('applications.agencyId', '=', agencyId)
    .where('applications.id', '=', id)
    .where('applications.isProbe', '=', 0)
    .executeTakeFirst();
  if (!found?.trackingNo) return null;
  const { agencyCode, agencyName, address, postcode, officeHours, ...row } = found;
  const agency = { code: agencyCode, name: agencyName, address, postcode, officeHours };
  return publicViewOf(row, await listEvents(db, row.id), agency, await loadWorkCalendar(db));
}
