/**
 * What keeps an answer from being sent (pure): placeholders left in the letter (（请在此…）, 【待填写】, XX or ××
 * standing for a name or a number), an empty body, and an outcome without its legal basis (an article of the 条例).
 * Checked when the answer is submitted for sign-off and again at the sign-off, with a message naming what is missing.
 */
import { DomainError, invalidState } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';
import { parseLetterText } from './letter-model.ts';

const K = t.applications.completeness;

/** Outcomes whose letter rests on no article (the handler writes what happened, e.g. a withdrawal). */
const WITHOUT_ARTICLE: ReadonlySet<string> = new Set(['other.other']);

const BRACKETED = /[（(【[〔][^（）()【】[\]〔〕\n]{0,80}[）)】\]〕]/gu;
const PLACEHOLDER_WORDS = /请在此|在此填写|待填写|待补充|请填写|请写明|此处填写|填写理由/u;
const FILLERS = /[X×Ｘ]{2,}|_{3,}|＿{2,}/gu;
const ARTICLE = /第[一二三四五六七八九十百零〇\d]+条/u;

/** The placeholders left in a text, as found (each once, in order). */
export function placeholdersIn(text: string): string[] {
  const found: string[] = [];
  const add = (s: string) => {
    if (!found.includes(s)) found.push(s);
  };
  for (const m of text.matchAll(BRACKETED)) if (PLACEHOLDER_WORDS.test(m[0])) add(m[0]);
  for (const m of text.matchAll(FILLERS)) add(m[0]);
  return found;
}

/** What is missing from an answer before it may go to sign-off or be signed, in words; empty when complete. */
export function missingFromAnswer(a: { outcome: OutcomeCode | string | null; legalBasis: string | null; letter: string | null; agencyName: string }): {
  field: 'letter' | 'legalBasis';
  message: string;
}[] {
  const out: { field: 'letter' | 'legalBasis'; message: string }[] = [];
  const letter = a.letter ?? '';
  if (parseLetterText(letter, a.agencyName).paragraphs.length === 0) out.push({ field: 'letter', message: K.emptyBody });
  for (const p of placeholdersIn(letter)) out.push({ field: 'letter', message: K.placeholder(p) });
  const basis = a.legalBasis?.trim() ?? '';
  if (!WITHOUT_ARTICLE.has(a.outcome ?? '')) {
    if (basis === '') out.push({ field: 'legalBasis', message: K.noBasis });
    else if (!ARTICLE.test(basis)) out.push({ field: 'legalBasis', message: K.basisWithoutArticle(basis) });
    for (const p of placeholdersIn(basis)) out.push({ field: 'legalBasis', message: K.placeholder(p) });
  }
  return out;
}

type Answer = Parameters<typeof missingFromAnswer>[0];

/**
 * Throws naming everything missing (the message, and each under its field), or returns. `files` is what the answer's
 * files still lack (answer-files.rules.ts), said after the letter's gaps so the handler reads all of it at once.
 */
export function assertAnswerComplete(answer: Answer, atSignoff: boolean, files: string | null = null): void {
  const missing = missingFromAnswer(answer);
  if (missing.length === 0) {
    if (files) throw invalidState(files);
    return;
  }
  const what = missing.map((m) => m.message).join(K.join);
  const fields: Record<string, string> = {};
  for (const m of missing) fields[m.field] = fields[m.field] ? `${fields[m.field]}${K.join}${m.message}` : m.message;
  const message = atSignoff ? K.refusedAtSignoff(what) : K.refused(what);
  throw new DomainError('VALIDATION', files ? `${message}${files}` : message, fields);
}
