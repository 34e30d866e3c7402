/**
 * What the applicant is told, and when: each step of a case that the applicant must know of queues a mail (when they
 * gave an e-mail address) and a text message (when they gave a phone and the agency has SMS switched on) in the
 * step's own transaction, so a notice exists if and only if the step committed. The texts carry the agency, the
 * tracking number, what happened, by when to act and a link to the tracking page — nothing of the applicant's
 * beyond the address it goes to; the query code only in the submission mail, and only when the applicant asked.
 */

import type { Transaction } from 'kysely';
import type { Config } from '../config.ts';
import type { Agency, Database } from '../db/schema.ts';
import { enqueueNotification, SECRET_SLOT, smsEnabled } from '../notifications/outbox.ts';
import { type Clock, chinaDate, chinaTime } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { HANDLER_ROLES } from './applications.policy.ts';
import type { ApplicationRow } from './applications.repo.ts';
import { correctionWays } from './correction-ways.ts';
import { redactPersonalData } from './letters.ts';

const N = t.notifications;
const M = N.mail;

export type NoticeDeps = { clock: Clock; config?: Pick<Config, 'publicUrl'> | undefined };

/** A step of the case as the notices read it (the event just written). */
export type NoticeEvent = { type: string; on: string; data: Record<string, unknown> };

/** 2026-12-07 → 2026年12月7日. */
export const chineseDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

const trackPath = (agency: Pick<Agency, 'code'>) => `/gk/${agency.code}/track`;
const trackLink = (deps: NoticeDeps, agency: Pick<Agency, 'code'>) => (deps.config?.publicUrl ? `${deps.config.publicUrl}${trackPath(agency)}` : null);

/** The event types the applicant is told of, and the kind of notice each makes. */
const KIND_OF: Record<string, string> = {
  submitted: 'submitted',
  registered: 'received',
  confirmed: 'received',
  correction_requested: 'correction_requested',
  extended: 'extended',
  longer_period: 'longer_period',
  fee_notice: 'fee_notice',
  delivered: 'delivered',
};

const str = (v: unknown) => (typeof v === 'string' ? v : '');
const dateOr = (iso: string | null | undefined) => (iso ? chineseDate(iso) : null);

/** What happened and what to do, in sentences (the mail's middle); `short` for a text message. */
function whatHappened(kind: string, e: NoticeEvent, row: ApplicationRow, agency: Agency): { long: string[]; short: string } {
  switch (kind) {
    case 'submitted': {
      const at = `${chineseDate(chinaDate(new Date(row.submittedAt)))} ${chinaTime(row.submittedAt).slice(-8, -3)}`;
      return { long: [M.submitted(at)], short: N.kinds.submitted ?? '' };
    }
    case 'received':
      return { long: [M.received(chineseDate(e.on), dateOr(row.dueOn))], short: M.received(chineseDate(e.on), dateOr(row.dueOn)) };
    case 'correction_requested': {
      const replyBy = chineseDate(str(e.data.replyBy) || e.on);
      const items = Array.isArray(e.data.items) ? e.data.items.filter((i): i is string => typeof i === 'string') : [];
      const redact = (s: string) =>
        redactPersonalData(s, {
          name: row.applicantName,
          idNumber: row.applicantIdNumber,
          phone: null,
          email: null,
          address: row.applicantAddress,
          legalRep: row.applicantLegalRep,
          contact: row.applicantContact,
        });
      return {
        long: [
          M.correction(chineseDate(e.on), replyBy),
          ...items.map((i, n) => `${n + 1}. ${redact(i)}`),
          M.correctionAfter,
          N.correctionWays.lead,
          ...correctionWays(agency),
        ],
        short: `${N.kinds.correction_requested}，请于${replyBy}前补正。`,
      };
    }
    case 'longer_period': {
      const text = t.applications.clock.notices.longerPeriod(chineseDate(str(e.data.dueOn)));
      return { long: [text], short: text };
    }
    case 'extended': {
      const text = M.extended(Number(e.data.days ?? 0), dateOr(str(e.data.newDueOn) || null));
      return { long: [text], short: text };
    }
    case 'fee_notice': {
      // The 20 working days run from the applicant's receipt of the notice, unknown when it is sent.
      const text = M.fee(Number(e.data.amount ?? 0));
      return { long: [text], short: text };
    }
    default: {
      const text = M.delivered(chineseDate(e.on));
      return { long: [text], short: text };
    }
  }
}

/**
 * Queues the applicant's notices for the events just written on a case (in the caller's transaction). `queryCode`:
 * the code of a new submission, put in the mail only when the applicant ticked the box asking for it.
 */
export async function queueApplicantNotices(
  trx: Transaction<Database>,
  deps: NoticeDeps,
  agency: Agency,
  row: ApplicationRow,
  events: readonly NoticeEvent[],
  options: { queryCode?: string | undefined; mailQueryCode?: boolean | undefined } = {},
): Promise<void> {
  if (row.isProbe === 1 || !row.trackingNo) return;
  const email = row.applicantEmail?.trim() || null;
  const phone = row.applicantPhone?.trim() || null;
  const sms = phone !== null && (await smsEnabled(trx, agency.id));
  if (!email && !sms) return;
  const link = trackLink(deps, agency);
  for (const e of events) {
    const kind = KIND_OF[e.type];
    if (!kind) continue;
    const label = N.kinds[kind] ?? kind;
    const what = whatHappened(kind, e, row, agency);
    const about = { agencyId: agency.id, entityType: 'application', entityId: row.id, kind };
    if (email) {
      const withCode = kind === 'submitted' && options.mailQueryCode === true && options.queryCode !== undefined;
      const body = [
        M.greeting,
        '',
        ...what.long.map((p) => `　　${p}`),
        '',
        `${M.agency}${agency.name}`,
        `${M.trackingNo}${row.trackingNo}`,
        ...(withCode ? [`${M.queryCode}${SECRET_SLOT}`, M.queryCodeNote] : []),
        link ? `${M.link}${link}` : M.linkNoUrl(trackPath(agency)),
        ...(withCode ? [] : [M.codeHint]),
        '',
        M.footer(agency.name, agency.phone),
      ].join('\n');
      await enqueueNotification(trx, deps.clock, {
        ...about,
        channel: 'email',
        recipient: email,
        subject: M.subject(agency.name, label, row.trackingNo),
        body,
        secret: withCode ? options.queryCode : null,
      });
    }
    if (sms && phone) {
      await enqueueNotification(trx, deps.clock, {
        ...about,
        channel: 'sms',
        recipient: phone,
        subject: label,
        body: M.sms(agency.name, row.trackingNo, what.short, link),
      });
    }
  }
}

/**
 * Tells the handler (by e-mail, when their address is set) that the applicant answered a 补正 online; a case nobody
 * was assigned to yet is told to the agency's members who may handle cases, so the restarted clock is not missed.
 */
export async function queueHandlerCorrectionNotice(
  trx: Transaction<Database>,
  deps: NoticeDeps,
  agency: Agency,
  row: ApplicationRow,
  on: string,
  files: number,
): Promise<void> {
  let query = trx.selectFrom('users').select('users.email').where('users.isActive', '=', 1).where('users.email', 'is not', null);
  query =
    row.handlerId === null
      ? query
          .innerJoin('userRoles', 'userRoles.userId', 'users.id')
          .where('userRoles.agencyId', '=', agency.id)
          .where('userRoles.role', 'in', [...HANDLER_ROLES])
          .distinct()
      : query.where('users.id', '=', row.handlerId);
  const emails = [...new Set((await query.execute()).map((u) => u.email?.trim() ?? '').filter(Boolean))].sort();
  const link = deps.config?.publicUrl ? `${deps.config.publicUrl}/admin/${agency.code}/applications/${row.id}` : null;
  for (const email of emails) {
    await enqueueNotification(trx, deps.clock, {
      agencyId: agency.id,
      entityType: 'application',
      entityId: row.id,
      kind: 'correction_received',
      channel: 'email',
      recipient: email,
      subject: N.handler.subject(row.ref),
      body: N.handler.body({ agency: agency.name, ref: row.ref, on: chineseDate(on), due: dateOr(row.dueOn), files, link }),
    });
  }
}
