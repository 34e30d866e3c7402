/**
 * What the console reads: the agency's queue (filters, sorted by the next due date, paged) with its summary
 * counts, and everything the case page shows. Reads only; changes go through case.service.
 */
import { type SqlBool, sql } from 'kysely';
import { z } from 'zod';
import { loadWorkCalendar } from '../calendar/calendar.service.ts';
import type { WorkCalendar } from '../calendar/day-table.ts';
import { computePeriod, type ExplanationStep } from '../calendar/periods.ts';
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { type NotificationSummary, notificationsOf } from '../notifications/outbox.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { forbidden, notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { type AppealResult, type AppealType, OUTCOME_CODES } from '../vocabulary/codes.ts';
import { type AnswerFilesPanel, answerFilesPanel } from './answer-files.queries.ts';
import { can, mayTake } from './applications.policy.ts';
import {
  type ApplicationRow,
  clockEventsOf,
  type EventRow,
  findApplication,
  hasExtensionRequest,
  isAwaitingSignoff,
  isOpenCase,
  isPendingCase,
  listEvents,
} from './applications.repo.ts';
import { intakeChannelOf } from './applications.service.ts';
import type { ApplicationStatus } from './applications.tables.ts';
import { snapshotOf } from './case.service.ts';
import { lateAnswerDays, undecidedExtensionOf } from './case-status.ts';
import { normalizeTrackingNo } from './codes.ts';
import { correctionNoticeDeadline } from './deadlines.ts';
import { docNumberOf } from './letter-number.ts';
import { applicationSettings } from './settings.queries.ts';
import { availableActions, type CaseActionType, type CaseSnapshot } from './transitions.ts';

type Deps = { db: DbOrTrx; clock: Clock };

/** An appeal about a case, as the case page lists it. */
export type CaseAppeal = { id: number; ref: string; type: AppealType; filedOn: string; result: AppealResult };
/**
 * The appeals filed about one case, newest first. The appeals module answers it (appeals link to cases, so they
 * import this module, not the other way round); the composition root wires it into `registries`.
 */
export type AppealsOfCase = (db: DbOrTrx, agencyId: number, applicationId: number) => Promise<CaseAppeal[]>;

export const PAGE_SIZE = 50;
/** A case due within this many working days stands out in the queue. */
export const DUE_SOON_WORKDAYS = 3;

export const QUEUE_STATUSES = [
  'open',
  'all',
  'pending',
  'processing',
  'awaiting_correction',
  'consulting',
  'awaiting_fee',
  'signoff',
  'extension',
  'closed',
  'discarded',
] as const;
export type QueueStatus = (typeof QUEUE_STATUSES)[number];

const blank = (v: unknown) => (v === '' ? undefined : v);

/** The queue's filters from the query string; anything unreadable falls back to the default. */
export const queueFilterSchema = z.object({
  status: z.preprocess(blank, z.enum(QUEUE_STATUSES).catch('open').default('open')),
  dueWithin: z.preprocess(blank, z.coerce.number().int().min(0).max(60).optional().catch(undefined)),
  overdue: z.preprocess((v) => v === '1' || v === 'on' || v === 'true', z.boolean()),
  outcome: z.preprocess(blank, z.enum(OUTCOME_CODES).optional().catch(undefined)),
  year: z.preprocess(blank, z.coerce.number().int().min(1990).max(2299).optional().catch(undefined)),
  q: z.preprocess(blank, z.string().trim().max(40).optional().catch(undefined)),
  page: z.preprocess(blank, z.coerce.number().int().min(1).max(100_000).catch(1).default(1)),
});
export type QueueFilter = z.infer<typeof queueFilterSchema>;

/**
 * Not the channel probe's test application (it only ever waits as pending, for the seconds of a probe, and is then
 * deleted): applied where pending cases are listed or counted, so the partial indexes still serve the rest.
 */
const notProbe = sql<SqlBool>`applications.is_probe = 0`;

const OPEN_STATUSES: readonly ApplicationStatus[] = ['processing', 'awaiting_correction', 'consulting', 'awaiting_fee'];

/** How far a date is from today in working days: overdue, due today, or days left. */
export type Urgency = { kind: 'overdue' | 'today' | 'soon' | 'later'; days: number };

/** The urgency of an open case's next due date (null when it has none). */
export function urgencyOf(calendar: WorkCalendar, nextDueOn: string | null, today: string): Urgency | null {
  if (!nextDueOn) return null;
  if (nextDueOn < today) return { kind: 'overdue', days: Math.max(1, calendar.workdaysBetween(nextDueOn, today).days) };
  if (nextDueOn === today) return { kind: 'today', days: 0 };
  const days = calendar.workdaysBetween(today, nextDueOn).days;
  return { kind: days <= DUE_SOON_WORKDAYS ? 'soon' : 'later', days };
}

export type QueueRow = Pick<
  ApplicationRow,
  'id' | 'ref' | 'subject' | 'receivedOn' | 'submittedAt' | 'status' | 'nextDueOn' | 'dueOn' | 'provisional' | 'closedOn' | 'outcome' | 'answerState'
> & {
  handlerName: string | null;
  hasExtensionRequest: boolean;
  urgency: Urgency | null;
  /** Working days an answer came after its due date (case-status.ts), null when on time. */
  lateDays: number | null;
};

export type QueueSummary = { pending: number; open: number; overdue: number; dueSoon: number; signoff: number; extension: number };

/** The counts above the queue, each an index-only search (partial indexes hold only the cases they count). */
export async function queueSummary(db: DbOrTrx, agencyId: number, today: string, soonLimit: string): Promise<QueueSummary> {
  const count = async (condition: typeof isOpenCase) => {
    const row = await db
      .selectFrom('applications')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('agencyId', '=', agencyId)
      .where(condition)
      .where(notProbe)
      .executeTakeFirst();
    return Number(row?.n ?? 0);
  };
  const open = await db
    .selectFrom('applications')
    .select((eb) => [
      eb.fn.countAll<number>().as('open'),
      eb.fn.sum<number>(eb.case().when('nextDueOn', '<', today).then(1).else(0).end()).as('overdue'),
      eb.fn
        .sum<number>(
          eb
            .case()
            .when(eb.and([eb('nextDueOn', '>=', today), eb('nextDueOn', '<=', soonLimit)]))
            .then(1)
            .else(0)
            .end(),
        )
        .as('dueSoon'),
    ])
    .where('agencyId', '=', agencyId)
    .where(isOpenCase)
    .executeTakeFirst();
  const n = (v: unknown) => Number(v ?? 0);
  return {
    pending: await count(isPendingCase),
    open: n(open?.open),
    overdue: n(open?.overdue),
    dueSoon: n(open?.dueSoon),
    // A case awaiting sign-off or an extension is open by construction (closing clears both).
    signoff: await count(isAwaitingSignoff),
    extension: await count(hasExtensionRequest),
  };
}

/** One page of the agency's queue under the filters, sorted by the next due date (open work) or newest first. */
export async function listQueue(deps: Deps, agencyId: number, filter: QueueFilter) {
  const calendar = await loadWorkCalendar(deps.db);
  const today = deps.clock.today();
  const soonLimit = calendar.addWorkdays(today, DUE_SOON_WORKDAYS).date;
  let q = deps.db.selectFrom('applications').where('applications.agencyId', '=', agencyId);
  let openWork = true;
  switch (filter.status) {
    case 'open':
      q = q.where(isOpenCase);
      break;
    case 'all':
      q = q.where(notProbe);
      openWork = false;
      break;
    case 'pending':
      q = q.where(isPendingCase).where(notProbe);
      openWork = false;
      break;
    case 'closed':
    case 'discarded':
      q = q.where('applications.status', '=', filter.status);
      openWork = false;
      break;
    case 'signoff':
      q = q.where(isAwaitingSignoff).where(isOpenCase);
      break;
    case 'extension':
      q = q.where(hasExtensionRequest).where(isOpenCase);
      break;
    default:
      // An open status: the open cases, by the partial index, then their status.
      q = q.where(isOpenCase).where('applications.status', '=', filter.status);
  }
  if (filter.overdue) {
    q = q.where(isOpenCase).where('applications.nextDueOn', '<', today);
    openWork = true;
  }
  if (filter.dueWithin !== undefined) {
    q = q.where(isOpenCase).where('applications.nextDueOn', '<=', calendar.addWorkdays(today, filter.dueWithin).date);
    openWork = true;
  }
  if (filter.outcome) q = q.where('applications.outcome', '=', filter.outcome).where('applications.status', '=', 'closed');
  if (filter.year) q = q.where('applications.receivedOn', '>=', `${filter.year}-01-01`).where('applications.receivedOn', '<=', `${filter.year}-12-31`);
  if (filter.q) {
    const trackingNo = normalizeTrackingNo(filter.q);
    const term = filter.q;
    q = q.where((eb) =>
      trackingNo ? eb.or([eb('applications.ref', '=', term), eb('applications.trackingNo', '=', trackingNo)]) : eb('applications.ref', '=', term),
    );
  }
  const counted = await q.select((eb) => eb.fn.countAll<number>().as('n')).executeTakeFirst();
  const total = Number(counted?.n ?? 0);
  let page = q
    .leftJoin('users', 'users.id', 'applications.handlerId')
    .select([
      'applications.id',
      'applications.ref',
      'applications.subject',
      'applications.receivedOn',
      'applications.submittedAt',
      'applications.status',
      'applications.nextDueOn',
      'applications.dueOn',
      'applications.provisional',
      'applications.closedOn',
      'applications.outcome',
      'applications.answerState',
      'applications.extensionRequestJson',
      'users.displayName as handlerName',
    ]);
  page =
    filter.status === 'pending'
      ? page.orderBy('applications.id', 'asc')
      : openWork
        ? page.orderBy('applications.nextDueOn', 'asc').orderBy('applications.id', 'asc')
        : page.orderBy('applications.receivedOn', (ob) => ob.desc().nullsLast()).orderBy('applications.id', 'desc');
  const rows = await page
    .limit(PAGE_SIZE)
    .offset((filter.page - 1) * PAGE_SIZE)
    .execute();
  const items: QueueRow[] = rows.map(({ extensionRequestJson, ...r }) => ({
    ...r,
    hasExtensionRequest: extensionRequestJson !== null,
    urgency: OPEN_STATUSES.includes(r.status) ? urgencyOf(calendar, r.nextDueOn, today) : null,
    lateDays: lateAnswerDays(calendar, r),
  }));
  return { items, total, pages: Math.max(1, Math.ceil(total / PAGE_SIZE)), summary: await queueSummary(deps.db, agencyId, today, soonLimit), today };
}

export type CaseView = {
  row: ApplicationRow;
  log: EventRow[];
  snapshot: CaseSnapshot;
  actions: CaseActionType[];
  explanation: readonly ExplanationStep[];
  missingYears: readonly number[];
  urgency: Urgency | null;
  /** Working days the answer came after the due date, null when on time or not answered. */
  lateDays: number | null;
  /** An extension request an older case was answered without deciding (shown, not actionable). */
  undecidedExtension: { on: string; days: number } | null;
  correctionNoticeDue: string | null;
  receiptRule: string;
  attachments: { id: number; filename: string; contentType: string; size: number; source: 'application' | 'correction' }[];
  notifications: NotificationSummary[];
  fees: { schedule: string; quantity: number | null; amount: number; noticeOn: string; payBy: string | null; paidOn: string | null; status: string }[];
  handlers: { id: number; displayName: string }[];
  handlerName: string | null;
  signedByName: string | null;
  /** The answer letter's 文号, from the leader's first sign-off on. */
  docNumber: string | null;
  appeals: CaseAppeal[];
  canHandle: boolean;
  canApprove: boolean;
  today: string;
  answerFiles: AnswerFilesPanel;
};

/** Everything the case page shows, with the actions this actor may take today. */
export async function loadCaseView(deps: Deps & { registries: { appealsOfCase: AppealsOfCase } }, actor: Actor, agency: Agency, id: number): Promise<CaseView> {
  if (!can(actor, 'view', agency.id)) throw forbidden();
  const row = await findApplication(deps.db, agency.id, id);
  if (!row) throw notFound();
  const calendar = await loadWorkCalendar(deps.db);
  const today = deps.clock.today();
  const log = await listEvents(deps.db, id);
  const snapshot = snapshotOf(calendar, row, clockEventsOf(log));
  const canHandle = can(actor, 'handle', agency.id);
  const canApprove = can(actor, 'approve', agency.id);
  const settings = await applicationSettings(deps.db, agency.id);
  // Offered only to who may take it: extensions and the 第三十五条 period to the designated office head (第三十三条).
  const actions = availableActions(snapshot, { calendar, today }).filter((a) => mayTake(actor, agency.id, a, settings.extensionApprovers));
  const explained = snapshot.clock ? computePeriod(calendar, snapshot.clock.period, { explain: true }) : null;
  const [attachments, fees, handlers, names, appeals, notifications, docNumber] = await Promise.all([
    deps.db
      .selectFrom('applicationAttachments')
      .select(['id', 'filename', 'contentType', 'size', 'source'])
      .where('applicationId', '=', id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('applicationFees')
      .select(['schedule', 'quantity', 'amount', 'noticeOn', 'payBy', 'paidOn', 'status'])
      .where('applicationId', '=', id)
      .orderBy('id')
      .execute(),
    deps.db
      .selectFrom('userRoles')
      .innerJoin('users', 'users.id', 'userRoles.userId')
      .select(['users.id', 'users.displayName'])
      .distinct()
      .where('userRoles.agencyId', '=', agency.id)
      .where('userRoles.role', 'in', ['editor', 'admin'])
      .where('users.isActive', '=', 1)
      .orderBy('users.id')
      .execute(),
    deps.db
      .selectFrom('users')
      .select(['id', 'displayName'])
      .where('id', 'in', [row.handlerId ?? 0, row.answerSignedBy ?? 0])
      .execute(),
    deps.registries.appealsOfCase(deps.db, agency.id, id),
    notificationsOf(deps.db, 'application', id),
    docNumberOf(deps.db, id),
  ]);
  const nameOf = (uid: number | null) => names.find((u) => u.id === uid)?.displayName ?? null;
  return {
    row,
    log,
    snapshot,
    actions,
    explanation: explained?.steps ?? [],
    missingYears: explained?.missingYears ?? [],
    urgency: row.isOpen ? urgencyOf(calendar, row.nextDueOn, today) : null,
    lateDays: lateAnswerDays(calendar, row),
    undecidedExtension: row.closedOn && !row.extensionRequestJson ? undecidedExtensionOf(log) : null,
    correctionNoticeDue: row.receivedOn ? correctionNoticeDeadline(calendar, row.receivedOn) : null,
    receiptRule:
      row.channel === 'email'
        ? t.applications.clock[settings.emailReceipt === 'arrival' ? 'receiptEmailArrival' : 'receiptEmailConfirmed']
        : t.applications.receiptRules[intakeChannelOf(row.channel, row.channelDetail)],
    attachments,
    notifications,
    fees,
    handlers,
    handlerName: nameOf(row.handlerId),
    signedByName: nameOf(row.answerSignedBy),
    docNumber,
    appeals,
    canHandle,
    canApprove,
    today,
    answerFiles: await answerFilesPanel(deps.db, row),
  };
}

/** An attachment's bytes for download by the agency's staff. */
export async function loadAttachment(deps: Deps, actor: Actor, agency: Agency, applicationId: number, attachmentId: number) {
  if (!can(actor, 'view', agency.id)) throw forbidden();
  const file = await deps.db
    .selectFrom('applicationAttachments')
    .selectAll()
    .where('agencyId', '=', agency.id)
    .where('applicationId', '=', applicationId)
    .where('id', '=', attachmentId)
    .executeTakeFirst();
  if (!file) throw notFound();
  return file;
}
