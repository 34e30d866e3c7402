/**
 * The narrative against the tables: what a report's text states about applications (收到/受理 N 件, 办结, 答复), appeals
 * (行政复议 N 件, 行政诉讼 N 件), documents (主动公开 N 条, 规范性文件 N 件) and interpretations (解读 N 篇), compared with
 * the figures of its tables (and, for a report the platform drafts, its records). Pure; each mismatch quotes its
 * sentence. Sentences comparing with another year are skipped, and so is a figure the tables do not give.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import type { CheckResult } from './report-model.ts';

export type StatedSubject = 'received' | 'closed' | 'reconsideration' | 'litigation' | 'normativeIssued' | 'proactiveItems' | 'interpretations';
export type TableFigures = Partial<Record<StatedSubject, number>>;
export type TextMismatch = { subject: StatedSubject; stated: number; expected: number; sentence: string; message: string };

/**
 * A figure stated after a keyword: `after` is matched (anchored) on the 40 characters that follow each occurrence, so
 * no pattern scans the sentence with an open gap. `before`: a word the same clause must hold before the keyword.
 */
type Rule = { subject: StatedSubject; keywords: readonly string[]; after: RegExp; context?: RegExp; before?: RegExp };

// Anchored, bounded gaps only; each pattern is checked by src/shared/regex-safety.test.ts.
const RULES: Rule[] = [
  { subject: 'received', keywords: ['申请'], after: /^[^，。；,\d]{0,8}?(\d+)\s*[件份条个]/, before: /收到|受理|接收|新收/ },
  { subject: 'received', keywords: ['收到', '受理', '接收', '新收'], after: /^了?\s*(\d+)\s*[件份条个][^，。；,\d]{0,12}?申请/ },
  { subject: 'closed', keywords: ['办结', '答复'], after: /^[^，。；,\d]{0,4}?(\d+)\s*[件份条个]/, context: /申请/ },
  { subject: 'reconsideration', keywords: ['复议'], after: /^[^，。；,、\d后]{0,4}?(\d+)\s*[件起宗个]/ },
  { subject: 'litigation', keywords: ['诉讼'], after: /^[^，。；,、\d]{0,4}?(\d+)\s*[件起宗个]/ },
  { subject: 'normativeIssued', keywords: ['制发', '印发', '出台', '制定'], after: /^了?(?:行政)?规范性文件\s*(\d+)\s*[件个份]/ },
  { subject: 'proactiveItems', keywords: ['主动公开'], after: /^[^，。；,\d]{0,12}?信息[^，。；,\d]{0,4}?(\d+)\s*[条篇件]/ },
  { subject: 'interpretations', keywords: ['政策解读', '解读材料', '解读文章'], after: /^[^，。；,\d]{0,6}?(\d+)\s*[篇条件]/ },
];

/** The first figure a rule finds in a sentence, or undefined. */
function statedBy(rule: Rule, sentence: string): number | undefined {
  for (const keyword of rule.keywords) {
    for (let at = sentence.indexOf(keyword); at >= 0; at = sentence.indexOf(keyword, at + 1)) {
      const tail = sentence.slice(at + keyword.length, at + keyword.length + 40);
      // 复议后起诉 is a kind of 诉讼, not of 复议.
      if (rule.subject === 'reconsideration' && tail.startsWith('后')) continue;
      const m = rule.after.exec(tail);
      if (!m?.[1]) continue;
      if (rule.before && !rule.before.test(clauseBefore(sentence, at))) continue;
      return Number(m[1]);
    }
  }
  return undefined;
}

/** "No appeal at all" said in words: 无/未/没有 … 行政复议 (or 行政诉讼) in a sentence without numbers. */
const NONE_BEFORE = /(?:无|未|没有)[^，。；,\d]{0,24}?(行政复议|行政诉讼)/;
const NONE_RECEIVED = /(?:未|没有)(?:收到|受理)[^，。；,\d]{0,12}?申请/;
const OTHER_YEAR = /(?:同比|去年|上一年|上年度|较上年|较20\d\d)/;
const YEARS = /20\d\d/g;

/** Sentences, each cut before 其中 (what follows breaks the figure down: 其中视频解读2篇). */
const splitSentences = (paragraphs: readonly string[]) =>
  paragraphs
    .flatMap((p) => p.split(/[。；;！？\n]/))
    .map((s) => s.split('其中')[0]?.trim() ?? '')
    .filter((s) => s !== '');

/** The clause before a position: from the last comma before it (at most 24 characters). */
function clauseBefore(sentence: string, at: number): string {
  const head = sentence.slice(Math.max(0, at - 24), at);
  return head.slice(Math.max(head.lastIndexOf('，'), head.lastIndexOf(',')) + 1);
}

const quoteInner = (s: string) => s.replace(/“/g, '‘').replace(/”/g, '’');

/** Mismatches between the text and the figures, one per sentence and subject. */
export function compareTextWithTables(paragraphs: readonly string[], figures: TableFigures, year?: number): TextMismatch[] {
  const out: TextMismatch[] = [];
  for (const sentence of splitSentences(paragraphs)) {
    if (OTHER_YEAR.test(sentence)) continue;
    if (year !== undefined && (sentence.match(YEARS) ?? []).some((y) => Number(y) !== year)) continue;
    const stated = new Map<StatedSubject, number>();
    for (const rule of RULES) {
      if (stated.has(rule.subject) || (rule.context && !rule.context.test(sentence))) continue;
      const n = statedBy(rule, sentence);
      if (n !== undefined) stated.set(rule.subject, n);
    }
    // Only a sentence with no figure (a year aside) says “none” in words.
    if (!/\d/.test(sentence.replace(YEARS, ''))) {
      const none = NONE_BEFORE.exec(sentence);
      if (none) {
        stated.set('reconsideration', 0);
        if (sentence.includes('行政诉讼')) stated.set('litigation', 0);
      }
      if (NONE_RECEIVED.test(sentence)) stated.set('received', 0);
    }
    for (const [subject, n] of stated) {
      const expected = figures[subject];
      if (expected === undefined || expected === n) continue;
      const quoted = quoteInner(sentence);
      out.push({
        subject,
        stated: n,
        expected,
        sentence: quoted,
        message: t.reports.published.textMismatch(quoted, t.reports.published.subjects[subject], n, expected),
      });
    }
  }
  return out;
}

/** TX on a report the platform drafts or imports: its sections' texts against its tables and the records (主动公开, 政策解读). */
export function checkText(texts: readonly string[], figures: TableFigures, year: number): CheckResult {
  const problems = compareTextWithTables(texts, figures, year).map((m) => m.message);
  return { rule: 'TX', ok: problems.length === 0, problems };
}
