import { sha256Hex } from '../shared/ids.ts';

/**
 * 文号 and 索引号 as exact identifiers. A person types a 文号 with 〔〕, [], (), （）, ﹝﹞ or 【】 around the year, with
 * or without 第 and leading zeros; all of these read as one key. A 索引号 (11371500MB2856218K/2022-00012) is matched
 * ignoring case, width and spaces. Both are indexed as one hashed token each (letters and digits only, so FTS5 and
 * tsvector keep it whole), and a query that is exactly such an identifier finds its document first.
 */

const OPEN = /[[(（【〔]/g;
const CLOSE = /[\])）】〕]/g;
const DOC_NO = /^([^〔]+)〔(\d{4})〕第?(\d+)号$/u;
const INDEX_NO = /^[0-9A-Z]+(?:[/-][0-9A-Z]+)+$/;

const squeeze = (s: string) => s.normalize('NFKC').replace(/\s+/g, '');

/** The canonical form of a 文号 (聊工信发〔2022〕12号), or null when the text is not one. */
export function docNoKey(text: string): string | null {
  const m = DOC_NO.exec(squeeze(text).replace(/﹝/g, '〔').replace(/﹞/g, '〕').replace(OPEN, '〔').replace(CLOSE, '〕'));
  return m ? `${m[1]}〔${m[2]}〕${Number(m[3])}号` : null;
}

/** The canonical form of a 索引号, or null when the text does not look like one. */
export function indexNoKey(text: string): string | null {
  const s = squeeze(text).toUpperCase();
  return s.length >= 8 && INDEX_NO.test(s) ? s : null;
}

const hashed = (prefix: string, key: string) => `${prefix}${sha256Hex(key).slice(0, 16)}`;

/** The identifier tokens of a document (for the index). */
export function identifierTokens(docNo: string | null | undefined, indexNo: string | null | undefined): string[] {
  const out: string[] = [];
  const d = docNo ? docNoKey(docNo) : null;
  if (d) out.push(hashed('xw', d));
  const i = indexNo ? indexNoKey(indexNo) : null;
  if (i) out.push(hashed('xi', i));
  return out;
}

/** The identifier token a whole query stands for, if it is a 文号 or a 索引号. */
export function queryIdentifier(q: string): string | null {
  const d = docNoKey(q);
  if (d) return hashed('xw', d);
  const i = indexNoKey(q);
  return i ? hashed('xi', i) : null;
}
