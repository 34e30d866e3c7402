/** Reading an agency's application settings: the saved row, or defaults drawn from the agency and its parent. */
import type { DbOrTrx } from '../db/database.ts';
import type { Role } from '../db/schema.ts';
import { notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import {
  type ApplicationSettings,
  approverField,
  DEFAULT_ANSWER_DOWNLOAD_DAYS,
  DEFAULT_EXTENSION_APPROVERS,
  defaultDocNumberPattern,
  type EmailReceiptRule,
  type ExtensionApprovers,
} from './settings.schema.ts';

/** The stored designation (a JSON array of ids and a role) as the policy reads it. */
function approversOf(ids: string | null, role: string | null): ExtensionApprovers {
  const parsed: unknown = ids ? JSON.parse(ids) : [];
  const userIds = Array.isArray(parsed) ? parsed.filter((n): n is number => Number.isInteger(n)) : [];
  return { userIds, role: (role as Role | null) ?? null };
}

/**
 * The agency's settings; when none were saved, defaults: a 文号 pattern from its name, as 复议机关 the government it
 * belongs to (行政复议法 2023 第二十四条: the people's government at the same level for its departments), no court
 * (it cannot be guessed), downloads for 30 days.
 */
export async function applicationSettings(db: DbOrTrx, agencyId: number): Promise<ApplicationSettings> {
  const row = await db.selectFrom('applicationSettings').selectAll().where('agencyId', '=', agencyId).executeTakeFirst();
  if (row) {
    return {
      docNumberPattern: row.docNumberPattern,
      reviewBody: row.reviewBody,
      court: row.court,
      answerDownloadDays: row.answerDownloadDays,
      emailReceipt: row.emailReceipt === 'arrival' ? 'arrival' : ('confirmed' as EmailReceiptRule),
      extensionApprovers: approversOf(row.extensionApproverIds, row.extensionApproverRole),
      saved: true,
    };
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
    emailReceipt: 'confirmed',
    extensionApprovers: DEFAULT_EXTENSION_APPROVERS,
    saved: false,
  };
}

/** The settings as their form shows them (also what a field absent from a submission keeps). */
export function settingsForm(s: ApplicationSettings): Record<string, string> {
  const form: Record<string, string> = {
    docNumberPattern: s.docNumberPattern,
    reviewBody: s.reviewBody ?? '',
    court: s.court ?? '',
    answerDownloadDays: String(s.answerDownloadDays),
    emailReceipt: s.emailReceipt,
    approverRole: s.extensionApprovers.role ?? '',
  };
  for (const id of s.extensionApprovers.userIds) form[approverField(id)] = 'on';
  return form;
}

/** The agency's members (active), for the designation of the office head. */
export function agencyMembers(db: DbOrTrx, agencyId: number): Promise<{ id: number; displayName: string }[]> {
  return db
    .selectFrom('userRoles')
    .innerJoin('users', 'users.id', 'userRoles.userId')
    .select(['users.id', 'users.displayName'])
    .distinct()
    .where('userRoles.agencyId', '=', agencyId)
    .where('users.isActive', '=', 1)
    .orderBy('users.id')
    .execute();
}

/** The designated office head in words, for the refusal message and the case page (名单, or 具有“领导”角色的人员). */
export async function approversInWords(db: DbOrTrx, a: ExtensionApprovers): Promise<string> {
  const K = t.applications.clock.rules;
  const names =
    a.userIds.length === 0
      ? []
      : (
          await db
            .selectFrom('users')
            .select(['id', 'displayName'])
            .where('id', 'in', [...a.userIds])
            .orderBy('id')
            .execute()
        ).map((u) => u.displayName);
  const parts = [...(names.length > 0 ? [names.join('、')] : []), ...(a.role ? [K.roleHolders(t.roles[a.role])] : [])];
  return parts.length > 0 ? parts.join('；') : K.nobody;
}
