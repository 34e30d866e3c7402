/**
 * The answer letter as an official document (pure): the handler's text (addressee and body, as edited and signed)
 * inside the parts the system sets — title, 文号, the 救济途径 naming the agency's 复议机关 and court, and the
 * signature block with the date in Chinese form and the marked place for the seal. The console page, the tracking
 * page and both PDFs render this one model; the public one is redacted paragraph by paragraph.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';
import type { OfficialDocument } from '../web/official-document.tsx';

const O = t.applications.officialLetter;
const DIGITS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 in words as dates are written: 十, 十二, 二十, 三十一. */
function smallNumber(n: number): string {
  if (n < 10) return DIGITS[n] as string;
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : DIGITS[tens]}十${ones === 0 ? '' : DIGITS[ones]}`;
}

/** A date as official documents write it: 2026-12-07 → 二〇二六年十二月七日. */
export function chineseDateWords(iso: string): string {
  const year = [...iso.slice(0, 4)].map((d) => DIGITS[Number(d)]).join('');
  return `${year}年${smallNumber(Number(iso.slice(5, 7)))}月${smallNumber(Number(iso.slice(8, 10)))}日`;
}

const INDENT = /^[\s　]+/u;
const ARABIC_DATE = /^\d{4}年\d{1,2}月\d{1,2}日$/;
const WORDS_DATE = /^[〇一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日$/u;
/** The appeal sentence letters carried before the 救济途径 came from the settings (the model adds it now). */
const OLD_APPEAL = '如对本答复不服';

/**
 * The handler's text split into addressee and paragraphs. A signature a handler typed (the agency's name, a date) at
 * the end and the old appeal sentence are left out: the model sets both from the settings and the sign-off.
 */
export function parseLetterText(text: string, agencyName: string): { addressee: string | null; paragraphs: string[] } {
  const lines = text
    .split('\n')
    .map((l) => l.replace(INDENT, '').trimEnd())
    .filter((l) => l !== '');
  let addressee: string | null = null;
  const first = lines[0];
  if (first !== undefined && (first.endsWith('：') || first.endsWith(':')) && first.length <= 60) {
    addressee = first.slice(0, -1);
    lines.shift();
  }
  while (lines.length > 0) {
    const last = lines[lines.length - 1] as string;
    if (last === agencyName || ARABIC_DATE.test(last) || WORDS_DATE.test(last) || last === O.seal) lines.pop();
    else break;
  }
  return { addressee, paragraphs: lines.filter((l) => !l.startsWith(OLD_APPEAL)) };
}

export type LetterContext = {
  agencyName: string;
  /** The stored letter text (addressee line and body). */
  text: string;
  /** The 文号, null until the sign-off allocates it. */
  docNumber: string | null;
  reviewBody: string | null;
  court: string | null;
  /** The letter's date: the day of the leader's sign-off (China time), or today for a draft. */
  date: string;
};

/** The 救济途径 sentence: 60 days for 行政复议 (行政复议法 2023 第二十条), six months for 行政诉讼 (行政诉讼法 第四十六条). */
export const remedySentence = (reviewBody: string | null, court: string | null) => O.remedy(reviewBody, court);

/** The answer letter as an official document, every paragraph read as written by hand. */
export function answerLetterDocument(c: LetterContext): OfficialDocument {
  const { addressee, paragraphs } = parseLetterText(c.text, c.agencyName);
  return {
    title: O.title,
    docNumber: c.docNumber ?? O.numberPending,
    addressee,
    paragraphs: [...paragraphs, remedySentence(c.reviewBody, c.court)].map(handWritten),
    facts: [],
    signature: { agency: c.agencyName, date: chineseDateWords(c.date), seal: O.seal },
  };
}

/** The same document with `redact` applied to every text a person wrote (the public tracking page and its PDF). */
export function redactDocument(doc: OfficialDocument, redact: (s: string) => string): OfficialDocument {
  return {
    ...doc,
    addressee: doc.addressee === null ? null : redact(doc.addressee),
    paragraphs: doc.paragraphs.map(redact),
    facts: doc.facts.map((f) => ({ label: f.label, value: redact(f.value) })),
  };
}
