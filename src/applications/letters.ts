/**
 * The answer letter (告知书) drafted from a template per outcome (pure), and the redaction that makes any letter or
 * notice safe for the public tracking page: the applicant's name becomes 申请人 and their other personal data is masked.
 */

import { t } from '../shared/i18n/zh-CN.ts';
import { handWritten } from '../shared/typography.ts';
import type { OutcomeCode } from '../vocabulary/codes.ts';

const L = t.applications.letters;

export type LetterFacts = {
  agencyName: string;
  applicantName: string | null;
  ref: string;
  receivedOn: string;
  subject: string;
  /** When the corrected application was received, if there was one. */
  correctedOn: string | null;
  formWanted: string | null;
  wayWanted: string | null;
  /** The letter's date (today when drafted). */
  date: string;
};

/** The default legal basis of an outcome, written out with the name of the 条例. */
export function defaultLegalBasis(outcome: OutcomeCode): string {
  const basis = L.bases[outcome] ?? '';
  if (!basis) return '';
  return `${L.law}${basis}`;
}

const chineseDate = (iso: string) => `${Number(iso.slice(0, 4))}年${Number(iso.slice(5, 7))}月${Number(iso.slice(8, 10))}日`;

/**
 * The draft answer letter for an outcome: greeting, what was asked, the answer with its basis. The 救济途径, the
 * signature, the date and the 文号 are set by the letter model (letter-model.ts) from the settings and the sign-off.
 */
export function draftAnswerLetter(outcome: OutcomeCode, facts: LetterFacts): string {
  const body = (L.bodies[outcome] ?? L.bodies['other.other'] ?? (() => ''))(L.law);
  const provided = (outcome === 'granted' || outcome === 'partial') && facts.formWanted && facts.wayWanted ? L.provided(facts.formWanted, facts.wayWanted) : '';
  const opening = `${L.opening(chineseDate(facts.receivedOn), facts.ref, facts.subject)}${facts.correctedOn ? L.corrected(chineseDate(facts.correctedOn)) : ''}${L.reviewed}`;
  return [`${facts.applicantName ?? L.applicantPlaceholder}：`, `　　${handWritten(opening)}`, `　　${handWritten(`${body}${provided}`)}`].join('\n');
}

/** Personal data of an applicant that must not reach a public page. */
export type PersonalData = {
  name: string | null;
  idNumber: string | null;
  phone: string | null;
  email: string | null;
  address: string | null;
  legalRep: string | null;
  contact: string | null;
};

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/** Text with the applicant's name replaced by 申请人 and their ID number, phone, e-mail, address and contacts masked. */
export function redactPersonalData(text: string, p: PersonalData): string {
  let out = text;
  const mask = (value: string | null, by: string) => {
    const v = value?.trim();
    if (v && v.length >= 2) out = out.replace(new RegExp(escapeRegExp(v), 'gi'), by);
  };
  // Longest first, so an address containing the name is masked whole.
  for (const v of [p.address, p.email, p.idNumber, p.phone].sort((a, b) => (b?.length ?? 0) - (a?.length ?? 0))) mask(v, L.redacted);
  mask(p.legalRep, L.redacted);
  mask(p.contact, L.redacted);
  mask(p.name, L.applicantPlaceholder);
  // Anything that still looks like an ID number or a mobile number is masked too (typed into a letter by hand).
  return out.replace(/\b\d{17}[\dXx]\b/g, L.redacted).replace(/(?<!\d)1[3-9]\d{9}(?!\d)/g, L.redacted);
}
