/**
 * The narrative of the annual report: sections 一 (five or six standard sub-headings), 五 and 六, drafted from the
 * figures in the register of published reports (e.g. the seed: "全年主动公开政务信息192篇", "共受理依申请公开2件，办结2件",
 * "与2021年度持平"), then edited by staff. Pure functions: facts in, text out; and the draft's own checks:
 * sentences whose numbers disagree with the tables, text largely the same as last year's, and places left to fill in.
 */
import type { AgencyKind } from '../db/schema.ts';
import type { YearlyFigures } from '../figures/figures.schema.ts';
import type { ProposalSummary } from '../proposals/proposals.service.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_CODES } from '../vocabulary/codes.ts';
import { OVERVIEW_HEADINGS, OVERVIEW_PARTS, type OverviewPart, type Table3, type Table4 } from '../vocabulary/report-format.ts';
import { draftOther, draftOversight, formsSentence, ordinal, rulesClause, stripStop, subjectsClause } from './narrative-story.ts';
import type { YearComparison } from './render/charts.ts';
import type { ReportSections } from './report-model.ts';
import type { ProactiveStats } from './sources.ts';
import type { Table2DocumentCounts } from './table2.ts';

/** The narrative as stored and edited: 一 by sub-heading, the others whole. Paragraphs are separated by line breaks. */
export type StoredSections = { intro: string; overview: Record<OverviewPart, string>; problems: string; other: string };

/** Everything the draft speaks of, for one agency-year (and the year before, for comparisons). */
export type NarrativeFacts = {
  agencyName: string;
  agencyKind: AgencyKind;
  year: number;
  proactive: ProactiveStats;
  previousProactive: ProactiveStats | null;
  documents: Table2DocumentCounts;
  applications: Table3;
  previousApplications: Table3 | null;
  /** What the year's applications asked about (their subjects, in the order received). */
  applicationSubjects: string[];
  appeals: Table4;
  figures: YearlyFigures | null;
  previousFigures: YearlyFigures | null;
  proposals: ProposalSummary;
  /** Attendance 0: not counted. */
  trainings: { heldOn: string; kind: 'training' | 'meeting'; topic: string; attendance: number; notes: string | null }[];
  workPlan: { title: string | null; total: number; done: number; doneTasks: string[] };
  /** The leading group as last set up or adjusted by the year's end, and the rules (制度) adopted by then. */
  mechanisms: {
    leadingGroup: { name: string; adoptedOn: string; adjusted: boolean; reason: string | null; detail: string | null } | null;
    rules: string[];
  };
  innovations: { title: string; summary: string }[];
  rectification: {
    found: { problem: string; measure: string; source: string; closedOn: string | null }[];
    previousYear: { total: number; closed: number };
  };
};

/** What the text needs filled in by hand: a marker that blocks approval until replaced. */
export const TO_FILL = t.reports.narrative.toFillMarker;
const n = t.reports.narrative;

/** How the report refers to its agency in the first person (我局, 我委 …), from the agency's name. */
export function selfReference(name: string, kind: AgencyKind): string {
  if (kind === 'government') return n.self.government;
  const endings = n.selfEndings;
  return endings.find(([end]) => name.endsWith(end))?.[1] ?? n.self.other;
}

/** A large count in 万 as reports print it: 268000 → 26.8万; smaller counts as they are. */
export function formatWan(value: number): string {
  if (value < 100000) return String(value);
  return n.wan(Number((value / 10000).toFixed(2)));
}

/** "与2021年度持平" / "较2021年度增加3件" / "较2021年度减少1件". */
export function compareWithPrevious(now: number, before: number, previousYear: number, unit: string): string {
  if (now === before) return n.same(previousYear);
  return now > before ? n.more(previousYear, now - before, unit) : n.less(previousYear, before - now, unit);
}

function draftActive(f: NarrativeFacts, self: string): string {
  const p = f.proactive;
  const prev = f.previousProactive;
  const cmp = prev && prev.published > 0 ? `${n.listSeparator}${compareWithPrevious(p.published, prev.published, f.year - 1, n.units.items)}` : '';
  return [
    n.active.lead(f.year, self),
    n.active.published(p.published, cmp),
    p.interpretations > 0 ? n.active.interpretations(p.interpretations) : n.active.noInterpretations,
    formsSentence(p.interpretationForms),
  ].join('');
}

function draftOnRequest(f: NarrativeFacts, self: string): string {
  const a = f.applications;
  const parts: string[] = [];
  if (a.received.total === 0 && a.carriedIn.total === 0) parts.push(n.onRequest.none(f.year));
  else {
    const subjects = subjectsClause(f.applicationSubjects);
    parts.push(n.onRequest.counts(f.year, a.received.total, a.closedTotal.total, a.carriedIn.total, a.carriedOut.total, subjects));
    const groups: [string, number][] = [
      [n.onRequest.groups.granted, a.outcomes.granted.total],
      [n.onRequest.groups.partial, a.outcomes.partial.total],
      ...(['refused', 'unavailable', 'not_processed', 'other'] as const).map(
        (g) => [n.onRequest.groups[g], OUTCOME_CODES.filter((c) => c.startsWith(`${g}.`)).reduce((s, c) => s + a.outcomes[c].total, 0)] as [string, number],
      ),
    ];
    const listed = groups.filter(([, v]) => v > 0).map(([label, v]) => n.count(label, v));
    if (listed.length > 0) parts.push(n.onRequest.outcomes(listed.join(n.listSeparator)));
    parts.push(n.onRequest.handling);
  }
  if (f.previousApplications) {
    const before = f.previousApplications.received.total;
    if (before > 0)
      parts.push(n.onRequest.previous(f.year - 1, self, before, f.year, compareWithPrevious(a.received.total, before, f.year - 1, n.units.cases)));
    else if (a.received.total > 0) parts.push(n.onRequest.previousNone(f.year - 1, self));
  }
  const ap = f.appeals;
  const reconsideration = ap.reconsideration.total;
  const litigation = ap.litigationDirect.total + ap.litigationAfterReconsideration.total;
  parts.push(reconsideration + litigation === 0 ? n.onRequest.noAppeals(f.year) : n.onRequest.appeals(f.year, reconsideration, litigation));
  return parts.join('');
}

function draftManagement(f: NarrativeFacts): string {
  const p = f.proactive;
  const docs = f.documents.normativeDocuments;
  const parts: string[] = [n.management.lead(rulesClause(f.mechanisms.rules))];
  if (p.normativeIssued > 0) {
    const onTime = p.normativeInterpretedOnTime >= p.normativeIssued ? n.management.allOnTime : n.management.someOnTime(p.normativeInterpretedOnTime);
    parts.push(n.management.issued(p.normativeIssued, onTime));
  } else parts.push(n.management.noneIssued);
  parts.push(n.management.inForce(f.year, docs.inForce, docs.repealed));
  if (f.documents.rules.issued + f.documents.rules.inForce > 0) parts.push(n.management.rules(f.documents.rules.issued, f.documents.rules.inForce));
  return parts.join('');
}

function draftPlatforms(f: NarrativeFacts): string {
  const parts: string[] = [n.platforms.lead];
  const g = f.figures;
  if (!g) parts.push(n.platforms.missing);
  else {
    parts.push(n.platforms.website(f.year, f.agencyName, g.websiteUpdates, g.websiteVisits));
    if (g.newMediaPosts > 0 || g.newMediaReads > 0)
      parts.push(n.platforms.newMedia(g.newMediaAccounts ?? n.platforms.defaultAccounts, g.newMediaPosts, formatWan(g.newMediaReads)));
  }
  return parts.join('');
}

function draftProblems(f: NarrativeFacts, self: string): string {
  const found = f.rectification.found;
  const lines: string[] = [];
  if (found.length === 0) lines.push(n.problems.none(f.year, self));
  else {
    lines.push(n.problems.lead(f.year, self, found.map((x) => stripStop(x.problem)).join(n.enumSeparator)));
    found.forEach((x, i) => {
      lines.push(n.measure(ordinal(i), stripStop(x.measure)));
    });
  }
  const prev = f.rectification.previousYear;
  if (prev.total > 0) lines.push(n.problems.previous(f.year - 1, prev.total, prev.closed));
  return lines.join('\n');
}

/** Drafts every section from the facts. */
export function draftSections(f: NarrativeFacts): StoredSections {
  const self = selfReference(f.agencyName, f.agencyKind);
  return {
    intro: n.intro(f.year, self),
    overview: {
      active: draftActive(f, self),
      onRequest: draftOnRequest(f, self),
      management: draftManagement(f),
      platforms: draftPlatforms(f),
      oversight: draftOversight(f, self),
      assessment: f.agencyKind === 'government' ? n.assessment : '',
    },
    problems: draftProblems(f, self),
    other: draftOther(f, self),
  };
}

/** The sub-headings an agency's report prints: the sixth only for a people's government. */
export function overviewParts(kind: AgencyKind): OverviewPart[] {
  return OVERVIEW_PARTS.filter((p) => p !== 'assessment' || kind === 'government');
}

/** The stored narrative in the interchange shape: 一 as one text with its sub-headings on their own lines. */
export function joinSections(s: StoredSections, kind: AgencyKind): ReportSections {
  const overview = overviewParts(kind)
    .map((p) => `${OVERVIEW_HEADINGS[p]}\n${s.overview[p].trim()}`)
    .join('\n');
  return { intro: s.intro, overview, problems: s.problems, other: s.other };
}

/** Splits an interchange `overview` text back into its sub-headings (text before the first heading goes to （一）). */
export function splitOverview(text: string): Record<OverviewPart, string> {
  const out = Object.fromEntries(OVERVIEW_PARTS.map((p) => [p, ''])) as Record<OverviewPart, string>;
  let current: OverviewPart = 'active';
  const byHeading = new Map(OVERVIEW_PARTS.map((p) => [OVERVIEW_HEADINGS[p], p]));
  for (const line of text.split(/\r?\n/)) {
    const part = byHeading.get(line.trim());
    if (part) current = part;
    else if (line.trim()) out[current] = out[current] ? `${out[current]}\n${line.trim()}` : line.trim();
  }
  return out;
}

/** An empty narrative (an imported report without text). */
export function emptySections(): StoredSections {
  return { intro: '', overview: splitOverview(''), problems: '', other: '' };
}

/** This year against last year for the main figures (the published page's chart). */
export function comparisonFromFacts(f: NarrativeFacts): YearComparison {
  return {
    year: f.year,
    rows: [
      { key: 'published', now: f.proactive.published, before: f.previousProactive?.published ?? null },
      { key: 'interpretations', now: f.proactive.interpretations, before: f.previousProactive?.interpretations ?? null },
      { key: 'received', now: f.applications.received.total, before: f.previousApplications?.received.total ?? null },
      { key: 'websiteUpdates', now: f.figures?.websiteUpdates ?? 0, before: f.previousFigures?.websiteUpdates ?? null },
      { key: 'newMediaPosts', now: f.figures?.newMediaPosts ?? 0, before: f.previousFigures?.newMediaPosts ?? null },
    ],
  };
}

// ---------------------------------------------------------------------------------------------------------------
// The draft's checks

export type NarrativeWarning = { section: string; kind: 'number' | 'similar' | 'toFill' | 'missing'; message: string };

/** The sections as labelled texts, in print order, for the checks and the editor. */
export function labelledTexts(s: StoredSections, kind: AgencyKind): { key: string; label: string; text: string }[] {
  return [
    { key: 'intro', label: n.labels.intro, text: s.intro },
    ...overviewParts(kind).map((p) => ({ key: `overview.${p}`, label: OVERVIEW_HEADINGS[p], text: s.overview[p] })),
    { key: 'problems', label: n.labels.problems, text: s.problems },
    { key: 'other', label: n.labels.other, text: s.other },
  ];
}

/** Text reduced to what 雷同 is about: no spaces or punctuation, every run of digits one symbol (years and counts differ). */
function normalise(text: string): string {
  return text.replace(/[\s\p{P}\p{S}]/gu, '').replace(/\d+(\.\d+)?/g, '#');
}

/** Character-bigram Jaccard similarity of two texts (0–1) after normalisation; 0 when either is too short to judge. */
export function similarity(a: string, b: string): number {
  const grams = (s: string) => {
    const set = new Set<string>();
    for (let i = 0; i + 1 < s.length; i++) set.add(s.slice(i, i + 2));
    return set;
  };
  const x = grams(normalise(a));
  const y = grams(normalise(b));
  if (x.size < SIMILARITY_MIN_BIGRAMS || y.size < SIMILARITY_MIN_BIGRAMS) return 0;
  let common = 0;
  for (const g of x) if (y.has(g)) common++;
  return common / (x.size + y.size - common);
}

/**
 * A section whose bigram Jaccard similarity with the same section of last year's report reaches this is flagged as
 * 内容雷同. 0.6 separates a rewritten section (typically 0.2–0.45 against last year) from one with only its numbers
 * changed (0.85–1); sections shorter than 30 distinct bigrams are not judged.
 */
export const SIMILARITY_THRESHOLD = 0.6;
const SIMILARITY_MIN_BIGRAMS = 30;

type NumberRule = { pattern: RegExp; context?: RegExp; expected: (f: NarrativeFacts) => number | null; what: string; wan?: boolean };

/** Where a sentence's number must match the tables or the records: a pattern, the sentence it applies in, the value. */
const NUMBER_RULES: NumberRule[] = [
  { pattern: /受理(?:政府信息公开申请|依申请公开)(\d+)件/, expected: (f) => f.applications.received.total, what: n.sources.received },
  { pattern: /(?:新收|收到)(?:政府信息公开申请|依申请公开申请?)(\d+)件/, expected: (f) => f.applications.received.total, what: n.sources.received },
  { pattern: /办结(\d+)件/, context: /申请|依申请/, expected: (f) => f.applications.closedTotal.total, what: n.sources.closed },
  { pattern: /上年结转(\d+)件/, expected: (f) => f.applications.carriedIn.total, what: n.sources.carriedIn },
  { pattern: /结转下年度(?:继续办理)?(\d+)件/, expected: (f) => f.applications.carriedOut.total, what: n.sources.carriedOut },
  { pattern: /予以公开(\d+)件/, expected: (f) => f.applications.outcomes.granted.total, what: n.sources.granted },
  { pattern: /主动公开(?:政务|政府)?信息(\d+)[篇条件]/, expected: (f) => f.proactive.published, what: n.sources.published },
  { pattern: /政策解读(?:材料)?(\d+)篇/, expected: (f) => f.proactive.interpretations, what: n.sources.interpretations },
  { pattern: /(?:发布|制发|出台)(?:行政)?规范性文件(\d+)[个件]/, expected: (f) => f.documents.normativeDocuments.issued, what: n.sources.normativeIssued },
  { pattern: /现行有效的?(?:行政)?规范性文件(\d+)件/, expected: (f) => f.documents.normativeDocuments.inForce, what: n.sources.normativeInForce },
  { pattern: /更新各类政务动态类信息(\d+)条/, expected: (f) => f.figures?.websiteUpdates ?? null, what: n.sources.websiteUpdates },
  { pattern: /(?:总)?访问量达?(\d+)次/, expected: (f) => f.figures?.websiteVisits ?? null, what: n.sources.websiteVisits },
  { pattern: /发布信息(\d+)条/, context: /新媒体|公众号|微博|号/, expected: (f) => f.figures?.newMediaPosts ?? null, what: n.sources.newMediaPosts },
  { pattern: /阅读量(?:达)?([\d.]+)(万)?次/, expected: (f) => f.figures?.newMediaReads ?? null, what: n.sources.newMediaReads, wan: true },
  { pattern: /提案(\d+)件/, expected: (f) => f.proposals.cppcc.count, what: n.sources.cppcc },
  { pattern: /人大代表建议(\d+)件/, expected: (f) => f.proposals.npc.count, what: n.sources.npc },
  { pattern: /收取信息处理费([\d.]+)元/, expected: (f) => f.figures?.processingFeeCollected ?? null, what: n.sources.feeCollected },
];

/** Splits text into sentences at 。；！？ and line breaks. */
const sentences = (text: string) => text.split(/(?<=[。；！？])|\n/).filter((s) => s.trim());

/** Sentences whose numbers disagree with the tables or records (sentences about the previous year are skipped). */
export function numberWarnings(s: StoredSections, f: NarrativeFacts): NarrativeWarning[] {
  const out: NarrativeWarning[] = [];
  for (const { label, text } of labelledTexts(s, f.agencyKind)) {
    for (const sentence of sentences(text)) {
      if (sentence.includes(n.yearMention(f.year - 1))) continue;
      for (const rule of NUMBER_RULES) {
        if (rule.context && !rule.context.test(sentence)) continue;
        const m = rule.pattern.exec(sentence);
        if (!m?.[1]) continue;
        const expected = rule.expected(f);
        if (expected === null) continue;
        const said = Number(m[1]) * (rule.wan && m[2] ? 10000 : 1);
        // A figure printed in 万 is rounded: accept what rounds to the same printed value.
        const agrees = rule.wan && m[2] ? formatWan(expected) === n.wan(Number(m[1])) || Math.abs(said - expected) < 50 : said === expected;
        if (!agrees)
          out.push({
            section: label,
            kind: 'number',
            message: n.warnings.number(stripStop(sentence.trim()).slice(0, 60), m[0], rule.what, rule.wan ? formatWan(expected) : expected),
          });
      }
    }
  }
  return out;
}

/** Sections largely the same as last year's (内容雷同), with their similarity. */
export function similarityWarnings(s: StoredSections, previous: StoredSections | null, kind: AgencyKind, previousYear: number): NarrativeWarning[] {
  if (!previous) return [];
  const before = new Map(labelledTexts(previous, kind).map((x) => [x.key, x.text]));
  const out: NarrativeWarning[] = [];
  for (const { key, label, text } of labelledTexts(s, kind)) {
    const score = similarity(text, before.get(key) ?? '');
    if (score >= SIMILARITY_THRESHOLD) out.push({ section: label, kind: 'similar', message: n.warnings.similar(previousYear, Math.round(score * 100)) });
  }
  return out;
}

/** Places still marked 【待填写…】 and empty sections. */
export function toFillWarnings(s: StoredSections, kind: AgencyKind): NarrativeWarning[] {
  const out: NarrativeWarning[] = [];
  for (const { label, text } of labelledTexts(s, kind)) {
    if (!text.trim()) out.push({ section: label, kind: 'missing', message: n.warnings.empty });
    else if (text.includes(TO_FILL)) out.push({ section: label, kind: 'toFill', message: n.warnings.toFill });
  }
  return out;
}
