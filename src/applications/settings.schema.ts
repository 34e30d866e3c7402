/** The application settings of an agency (pure): the form's schema, the default 文号 pattern, a 文号 from its pattern. */
import { z } from 'zod';
import type { Role } from '../db/schema.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { optionalText, requiredText } from '../shared/validation.ts';

const S = t.applications.settings;
const K = t.applications.clock.settings;

export const DEFAULT_ANSWER_DOWNLOAD_DAYS = 30;

/** When an e-mail application counts as received: both sides confirm (第三十一条(三), default) or the mail arrives (2015). */
export const EMAIL_RECEIPT_RULES = ['confirmed', 'arrival'] as const;
export type EmailReceiptRule = (typeof EMAIL_RECEIPT_RULES)[number];

const ROLES = ['admin', 'editor', 'reviewer', 'leader'] as const satisfies readonly Role[];

/** The head of the disclosure office (第三十三条) as the agency designates it: named users, holders of a role, or both. */
export type ExtensionApprovers = { userIds: readonly number[]; role: Role | null };
export const DEFAULT_EXTENSION_APPROVERS: ExtensionApprovers = { userIds: [], role: 'leader' };

/** The form field of a designated user (one checkbox per member). */
export const approverField = (userId: number) => `approver_${userId}`;

/** The designated users of a settings form: every `approver_<id>` box that is ticked. */
export function approverIdsOf(values: Record<string, unknown>): number[] {
  const ids: number[] = [];
  for (const [k, v] of Object.entries(values)) {
    const m = /^approver_(\d{1,9})$/.exec(k);
    if (m && (v === 'on' || v === true)) ids.push(Number(m[1]));
  }
  return ids.sort((a, b) => a - b);
}

export type ApplicationSettings = {
  docNumberPattern: string;
  reviewBody: string | null;
  court: string | null;
  answerDownloadDays: number;
  emailReceipt: EmailReceiptRule;
  extensionApprovers: ExtensionApprovers;
  /** False while the agency has never saved its settings (the values are the defaults). */
  saved: boolean;
};

export const settingsSchema = z.object({
  docNumberPattern: requiredText(S.docNumberPattern, 60)
    .refine((p) => p.includes('{year}'), S.patternNeedsYear)
    .refine((p) => p.includes('{n}'), S.patternNeedsN),
  reviewBody: optionalText(100),
  court: optionalText(100),
  answerDownloadDays: z.coerce.number({ error: S.daysInvalid }).int(S.daysInvalid).min(1, S.daysInvalid).max(365, S.daysInvalid),
  emailReceipt: z.enum(EMAIL_RECEIPT_RULES, { error: K.receiptLegend }),
  approverRole: z.preprocess((v) => (v === '' ? null : v), z.enum(ROLES).nullable()),
});

export type SettingsInput = z.infer<typeof settingsSchema>;

const SUFFIXES = ['人民政府办公室', '人民政府', '委员会', '办公室', '局', '委', '厅', '办'];

/**
 * A first 文号 pattern from the agency's name, for the admin to correct: the place's first character and the first two
 * of the office (聊城市工业和信息化局 → 聊工业依申复〔{year}〕{n}号; 聊城市人民政府 → 聊政依申复…).
 */
export function defaultDocNumberPattern(agencyName: string): string {
  const chars = [...agencyName];
  const cut = chars.findIndex((c, i) => i > 0 && '省市县区旗'.includes(c));
  const place = cut > 0 ? chars.slice(0, cut + 1).join('') : '';
  let office = cut > 0 ? chars.slice(cut + 1).join('') : agencyName;
  for (const s of SUFFIXES) {
    if (office.endsWith(s) && office.length > s.length) {
      office = office.slice(0, -s.length);
      break;
    }
    if (office === s) office = '';
  }
  const short = `${[...place][0] ?? ''}${[...office].slice(0, 2).join('') || '政'}`;
  return `${short}依申复〔{year}〕{n}号`;
}

/** The 文号 of serial `n` in `year` under `pattern` (every {year} and {n} replaced). */
export function formatDocNumber(pattern: string, year: number, n: number): string {
  return pattern.split('{year}').join(String(year)).split('{n}').join(String(n));
}
