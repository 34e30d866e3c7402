/**
 * Intake of applications: submitted online on an agency's portal (not received until staff confirm it, 第三十一条),
 * or registered by staff with the receipt date of its channel. Each writes the case, its first log entry and the
 * audit record in one transaction, and hands back the tracking number and the one-time query code.
 */
import type { Transaction } from 'kysely';
import type { z } from 'zod';
import { recordAudit } from '../audit/audit.service.ts';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import type { Config } from '../config.ts';
import type { DbOrTrx } from '../db/database.ts';
import { isUniqueViolation } from '../db/faults.ts';
import { lockNumbering } from '../db/locks.ts';
import type { Agency, Database } from '../db/schema.ts';
import { inTransaction } from '../db/tx.ts';
import { type Actor, actorName } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { DomainError, forbidden } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { sha256Hex } from '../shared/ids.ts';
import { fieldErrorsOf } from '../shared/validation.ts';
import { queueApplicantNotices } from './applicant-notices.ts';
import { can } from './applications.policy.ts';
import { derivedColumns } from './applications.repo.ts';
import {
  type IntakeChannel,
  type OnlineApplicationInput,
  onlineApplicationSchema,
  type StaffApplicationInput,
  staffApplicationSchema,
} from './applications.schema.ts';
import type { ApplicationStatus, Channel } from './applications.tables.ts';
import { type CheckedFile, checkAttachments, type UploadedFile } from './attachments.ts';
import { newQueryCode, newTrackingNo, queryCodeHash } from './codes.ts';
import { heldFilesOf, releaseHeld } from './held-uploads.ts';
import { countSubmission, type IntakeClient, pruneIntakeThrottle } from './intake-throttle.ts';
import { emailReceivedOn } from './receipt-rule.ts';
import { applicationSettings } from './settings.queries.ts';

/** The held files a resubmission carries: the form's token and the ones it asks to remove. */
export type HeldRef = { token?: string | undefined; removed: readonly number[] };

type Deps = { db: DbOrTrx; clock: Clock; config?: Pick<Config, 'publicUrl'> | undefined };

/** What the applicant (or the registering officer) is given once: the tracking number and the query code. */
export type IntakeResult = { id: number; ref: string; trackingNo: string; queryCode: string; receivedOn: string | null };

const f = t.applications.form;

const CHANNELS: Record<IntakeChannel, { channel: Channel; detail: string | null }> = {
  in_person: { channel: 'in_person', detail: null },
  mail_registered: { channel: 'mail', detail: 'registered' },
  mail_ordinary: { channel: 'mail', detail: 'ordinary' },
  email: { channel: 'email', detail: null },
  fax: { channel: 'fax', detail: null },
  online: { channel: 'online', detail: null },
  other: { channel: 'other', detail: null },
};

/** The registration channel of a stored channel and its detail (for the receipt rule shown on the case page). */
export function intakeChannelOf(channel: Channel, detail: string | null): IntakeChannel {
  if (channel === 'mail') return detail === 'ordinary' ? 'mail_ordinary' : 'mail_registered';
  return channel;
}

/** A digest of the applicant's identity, for the per-applicant monthly count of the 按件 fee schedule. */
export function applicantKeyOf(idType: string | null | undefined, idNumber: string | null | undefined): string | null {
  const id = idNumber?.trim().toUpperCase();
  return id ? sha256Hex(`${idType ?? ''}:${id}`) : null;
}

/** The next free reference of the agency for a year: YYYY-0001, YYYY-0002 … */
async function nextRef(trx: Transaction<Database>, agencyId: number, year: string): Promise<string> {
  await lockNumbering(trx, 'application-ref', agencyId);
  const rows = await trx.selectFrom('applications').select('ref').where('agencyId', '=', agencyId).where('ref', 'like', `${year}-%`).execute();
  let max = 0;
  for (const r of rows) {
    const n = Number(r.ref.slice(year.length + 1));
    if (Number.isInteger(n) && n > max) max = n;
  }
  return `${year}-${String(max + 1).padStart(4, '0')}`;
}

/**
 * Retries a write that lost a race for a unique number (ref, tracking number). Not SQLite's write lock: the
 * transaction already waited its busy timeout for it, and the caller answers 503.
 */
async function withRetry<T>(fn: () => Promise<T>, attempts = 5): Promise<T> {
  for (let i = 1; ; i++) {
    try {
      return await fn();
    } catch (error) {
      if (i >= attempts || !isUniqueViolation(error)) throw error;
    }
  }
}

function applicantColumns(d: OnlineApplicationInput | StaffApplicationInput) {
  return {
    applicantType: d.applicantType,
    applicantName: d.name,
    applicantIdType: d.idType,
    applicantIdNumber: d.idNumber,
    applicantLegalRep: d.legalRep ?? null,
    applicantContact: d.contact ?? null,
    applicantPhone: d.phone,
    applicantEmail: d.email ?? null,
    applicantAddress: d.address ?? null,
    applicantPostcode: d.postcode ?? null,
    applicantKey: applicantKeyOf(d.idType, d.idNumber),
    subject: d.subject,
    description: d.description ?? null,
    formWanted: d.formWanted,
    wayWanted: d.wayWanted,
  };
}

type NewCase = {
  agency: Agency;
  actor: Actor;
  data: OnlineApplicationInput | StaffApplicationInput;
  channel: Channel;
  channelDetail: string | null;
  receivedOn: string | null;
  ref?: string | undefined;
  files: CheckedFile[];
  firstEvent: { type: string; data: Record<string, unknown> };
  /** The channel probe's test application: ref TEST-<tracking number>, outside the agency's numbering. */
  probe?: boolean | undefined;
  /** The applicant asked for the query code by mail (only the submission mail may carry it). */
  mailQueryCode?: boolean | undefined;
  /** Runs first in the insert's transaction (the public form's throttle counts there). */
  beforeInsert?: ((trx: Transaction<Database>) => Promise<void>) | undefined;
};

async function insertCase(deps: Deps, calendar: WorkCalendar, c: NewCase): Promise<IntakeResult> {
  const today = deps.clock.today();
  const now = deps.clock.now().toISOString();
  const queryCode = newQueryCode();
  return withRetry(() =>
    inTransaction(deps.db, async (trx) => {
      await c.beforeInsert?.(trx);
      const trackingNo = newTrackingNo(today);
      const ref = c.probe ? `TEST-${trackingNo}` : (c.ref ?? (await nextRef(trx, c.agency.id, (c.receivedOn ?? today).slice(0, 4))));
      if (c.ref) {
        const taken = await trx.selectFrom('applications').select('id').where('agencyId', '=', c.agency.id).where('ref', '=', c.ref).executeTakeFirst();
        if (taken) throw new DomainError('CONFLICT', f.refTaken, { ref: f.refTaken });
      }
      const status: ApplicationStatus = c.receivedOn === null ? 'pending' : 'processing';
      const { columns } = derivedColumns(calendar, { status, receivedOn: c.receivedOn }, []);
      const inserted = await trx
        .insertInto('applications')
        .values({
          agencyId: c.agency.id,
          ref,
          trackingNo,
          queryCodeHash: queryCodeHash(trackingNo, queryCode),
          channel: c.channel,
          channelDetail: c.channelDetail,
          submittedAt: now,
          receivedOn: c.receivedOn,
          ...applicantColumns(c.data),
          ...columns,
          handlerId: c.actor.kind === 'user' ? c.actor.id : null,
          extensionRequestJson: null,
          outcome: null,
          legalBasis: null,
          answerLetter: null,
          answerState: 'none',
          answerNote: null,
          answerSignedBy: null,
          answerSignedAt: null,
          deliveredOn: null,
          deliveryMethod: null,
          archivedOn: null,
          version: 0,
          createdAt: now,
          updatedAt: now,
          isProbe: c.probe ? 1 : 0,
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      await trx
        .insertInto('applicationEvents')
        .values({
          applicationId: inserted.id,
          agencyId: c.agency.id,
          type: c.firstEvent.type,
          eventOn: c.receivedOn ?? today,
          dataJson: JSON.stringify(c.firstEvent.data),
          actorId: c.actor.kind === 'user' ? c.actor.id : null,
          actorName: actorName(c.actor),
          createdAt: now,
        })
        .execute();
      for (const file of c.files) {
        await trx
          .insertInto('applicationAttachments')
          .values({
            applicationId: inserted.id,
            agencyId: c.agency.id,
            filename: file.filename,
            contentType: file.contentType,
            size: file.data.length,
            data: file.data,
            createdAt: now,
          })
          .execute();
      }
      const created = await trx.selectFrom('applications').selectAll().where('id', '=', inserted.id).executeTakeFirstOrThrow();
      const first = { type: c.firstEvent.type, on: c.receivedOn ?? today, data: c.firstEvent.data };
      await queueApplicantNotices(trx, deps, c.agency, created, [first], { queryCode, mailQueryCode: c.mailQueryCode });
      // No personal data in the audit trail: the case row holds it, the log says what happened.
      await recordAudit(trx, deps.clock, {
        actor: c.actor,
        agencyId: c.agency.id,
        action: c.receivedOn === null ? 'application.submit' : 'application.register',
        entityType: 'application',
        entityId: inserted.id,
        after: {
          ref,
          trackingNo,
          channel: c.channel,
          channelDetail: c.channelDetail,
          receivedOn: c.receivedOn,
          status: columns.status,
          dueOn: columns.dueOn,
          attachments: c.files.length,
          ...(c.probe ? { probe: true } : {}),
        },
      });
      return { id: inserted.id, ref, trackingNo, queryCode, receivedOn: c.receivedOn };
    }),
  );
}

/** Parses a form with `schema`, adding the attachments' problem (if any) to the field messages. */
function parseWithFiles<S extends z.ZodType>(schema: S, values: Record<string, string>, fileError?: string): z.output<S> {
  const r = schema.safeParse(values);
  const fields = r.success ? {} : fieldErrorsOf(r.error);
  if (fileError) fields.attachments = fileError;
  if (!r.success || fileError) throw new DomainError('VALIDATION', t.errors.validation, fields);
  return r.data;
}

/**
 * An application submitted on the agency's portal by a member of the public. It is not yet received: it counts as
 * received on the day staff confirm it (第三十一条). Returns the tracking number and the query code (shown once).
 * `probe`: the channel probe's test application (the route verified the probe token), never throttled; `client`:
 * who submits, counted against the form's limits (THROTTLED past one) once the form is valid, and asked the form's
 * question (`challenge`, `challengeAnswer`) once its address has filed enough this hour.
 */
export async function submitOnlineApplication(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  values: Record<string, string>,
  uploads: readonly UploadedFile[],
  options: { probe?: boolean; client?: IntakeClient | undefined; held?: HeldRef | undefined } = {},
): Promise<IntakeResult> {
  const { held } = options;
  // Files kept from a refused submission of this agency's form (held-uploads.ts) come first and count in the limit.
  const kept = held ? await heldFilesOf(deps.db, agency.id, held.token, deps.clock.now(), held.removed) : [];
  const checked = await checkAttachments(uploads, kept.length);
  const data = parseWithFiles(onlineApplicationSchema, values, checked.error);
  const calendar = await loadWorkCalendar(deps.db);
  const { client } = options;
  const now = deps.clock.now();
  const answer = { token: values.challenge, answer: values.challengeAnswer };
  const counted = client && !options.probe ? (trx: Transaction<Database>) => countSubmission(trx, client, data, now, deps.clock.today(), answer) : undefined;
  const beforeInsert = async (trx: Transaction<Database>) => {
    await counted?.(trx);
    if (held) await releaseHeld(trx, agency.id, held.token);
  };
  const result = await insertCase(deps, calendar, {
    agency,
    actor,
    data,
    channel: 'online',
    channelDetail: null,
    receivedOn: null,
    files: [...kept.map(({ filename, contentType, data }) => ({ filename, contentType, data })), ...checked.files],
    firstEvent: { type: 'submitted', data: { channel: 'online' } },
    mailQueryCode: data.mailQueryCode,
    probe: options.probe,
    beforeInsert,
  });
  // Ended windows go; a failure here must not undo an application already filed.
  if (counted) await pruneIntakeThrottle(deps.db, now).catch(() => {});
  return result;
}

/**
 * An application received in person, by mail, e-mail or fax (or typed in for an applicant), registered by staff
 * with its receipt date under 第三十一条 for that channel; its answer period starts at once.
 */
export async function registerApplication(
  deps: Deps,
  actor: Actor,
  agency: Agency,
  values: Record<string, string>,
  uploads: readonly UploadedFile[] = [],
): Promise<IntakeResult> {
  if (!can(actor, 'handle', agency.id)) throw forbidden();
  const checked = await checkAttachments(uploads);
  const data = parseWithFiles(staffApplicationSchema, values, checked.error);
  if (data.receivedOn > deps.clock.today()) throw new DomainError('VALIDATION', t.errors.validation, { receivedOn: t.applications.rules.future });
  const { channel, detail } = CHANNELS[data.channel];
  const receipt = await receiptOf(deps.db, agency.id, data);
  const calendar = await loadWorkCalendar(deps.db);
  return insertCase(deps, calendar, {
    agency,
    actor,
    data,
    channel,
    channelDetail: detail,
    receivedOn: receipt.receivedOn,
    ref: data.ref,
    files: checked.files,
    firstEvent: { type: 'registered', data: { channel: data.channel, ...receipt.data } },
  });
}

/**
 * The receipt date of a registered application (第三十一条). E-mail is an internet channel: received on the day both
 * sides confirm (the form's date), unless the agency keeps the 2015 reading (the day the mail arrived). Both dates are
 * kept in the log, so a change of the setting can recompute open cases (receipt-rule.ts).
 */
async function receiptOf(db: DbOrTrx, agencyId: number, data: StaffApplicationInput): Promise<{ receivedOn: string; data: Record<string, unknown> }> {
  if (data.channel !== 'email') return { receivedOn: data.receivedOn, data: { rule: t.applications.receiptRules[data.channel] } };
  const K = t.applications.clock;
  const arrivedOn = data.emailArrivedOn ?? null;
  if (arrivedOn !== null && arrivedOn > data.receivedOn) {
    throw new DomainError('VALIDATION', t.errors.validation, { emailArrivedOn: K.rules.arrivalAfterConfirmation });
  }
  const { emailReceipt } = await applicationSettings(db, agencyId);
  if (emailReceipt === 'arrival' && arrivedOn === null) {
    throw new DomainError('VALIDATION', t.errors.validation, { emailArrivedOn: K.rules.emailArrivalRequired });
  }
  const receivedOn = emailReceivedOn(emailReceipt, { arrivedOn, confirmedOn: data.receivedOn }) ?? data.receivedOn;
  const rule = emailReceipt === 'arrival' ? K.receiptEmailArrival : K.receiptEmailConfirmed;
  return { receivedOn, data: { rule, arrivedOn, confirmedOn: data.receivedOn } };
}
