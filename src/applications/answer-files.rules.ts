/**
 * The rules of an answer's files (pure): which outcomes provide information, what a 部分公开 answer needs before it
 * is submitted or signed, how long the applicant may download, and the letter's sentence that says so.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_LABELS, type OutcomeCode } from '../vocabulary/codes.ts';
import type { AnswerFileRole } from './answer-files.tables.ts';

const F = t.applications.answerFiles;
const L = t.applications.answerLetter;

export const ANSWER_FILE_ROLES: readonly AnswerFileRole[] = ['provided', 'redacted', 'original'];
/** Roles the applicant may download; `original` never leaves the console. */
export const PUBLIC_ROLES: readonly AnswerFileRole[] = ['provided', 'redacted'];

/** Outcomes whose answer provides information (予以公开, 部分公开): only these may carry files or documents. */
export function providesInformation(outcome: string | null): boolean {
  return outcome === 'granted' || outcome === 'partial';
}

/** The files and links an answer has, as the checks need them. */
export type AnswerAttachments = { roles: readonly AnswerFileRole[]; documents: number };

/**
 * Why an answer with `outcome` cannot be submitted for sign-off or signed with what is attached, or null:
 * 部分公开 needs a redacted version; an outcome that provides nothing must carry nothing.
 */
export function answerAttachmentsRefusal(outcome: string | null, a: AnswerAttachments): string | null {
  if (outcome === 'partial' && !a.roles.includes('redacted')) return F.partialNeedsRedacted;
  if (!providesInformation(outcome) && (a.roles.length > 0 || a.documents > 0)) {
    return F.nothingProvided(OUTCOME_LABELS[outcome as OutcomeCode] ?? outcome ?? '');
  }
  return null;
}

/** The last day the applicant may download: the delivery date plus `days` calendar days (YYYY-MM-DD). */
export function downloadUntil(deliveredOn: string, days: number): string {
  const d = new Date(`${deliveredOn}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

/** A date as a letter writes it: 2027年1月6日. */
export const letterDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The letter's sentence on downloading the provided information: until the date once the case was delivered,
 * otherwise for `days` from delivery. Exported for the letters code: call it where the "provided" sentence is built.
 */
export function downloadSentence(days: number, deliveredOn: string | null = null): string {
  return deliveredOn ? L.downloadableUntil(letterDate(downloadUntil(deliveredOn, days))) : L.downloadable(days);
}

/** Either form of the sentence, whatever the days or the date (to find it again in a letter edited by hand). */
const SENTENCE =
  /所提供的政府信息可(?:自本告知书送达之日起 \d{1,4} 日内，)?在本平台“申请办理进度查询”页面凭查询号和查询码下载(?:，下载期限至\d{4}年\d{1,2}月\d{1,2}日)?。/;

/**
 * The letter with the download sentence set: added after the paragraph of the answer (the third line of a drafted
 * letter, or the last paragraph before the signature), replaced where it already stands, removed when `sentence` is null.
 */
export function withDownloadSentence(letter: string, sentence: string | null): string {
  if (SENTENCE.test(letter)) return letter.replace(SENTENCE, sentence ?? '');
  if (sentence === null) return letter;
  const lines = letter.split('\n');
  // The answer's paragraph: the last indented paragraph before the appeal rights, i.e. the one naming the outcome.
  const indented = lines.map((l, i) => (l.startsWith('　　') ? i : -1)).filter((i) => i >= 0);
  const at = indented.length >= 3 ? (indented[indented.length - 2] as number) : indented.length > 0 ? (indented[indented.length - 1] as number) : -1;
  if (at < 0) return `${letter}${letter.endsWith('\n') || letter === '' ? '' : '\n'}${sentence}`;
  lines[at] = `${lines[at]}${sentence}`;
  return lines.join('\n');
}

/**
 * A Content-Disposition for a download (RFC 6266): an ASCII fallback `filename` for old clients and the real name as
 * `filename*` in UTF-8, percent-encoded, so no quote, semicolon or line break of a name can reach the header.
 */
export function attachmentDisposition(filename: string): string {
  const fallback = [...filename].map((c) => (c >= ' ' && c <= '~' && c !== '"' && c !== '\\' && c !== '%' ? c : '_')).join('') || 'file';
  const encoded = encodeURIComponent(filename).replace(/['()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
  return `attachment; filename="${fallback}"; filename*=UTF-8''${encoded}`;
}
