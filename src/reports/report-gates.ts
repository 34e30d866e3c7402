/**
 * The gates a report passes at review and approval (issue 15): what blocks the step outright (【待填写】 left in the
 * text) and the risks a person may take the step despite, each only with a recorded confirmation: the year's figures
 * missing (no figures record; nothing published or no application received while the year before had some) and
 * every failed check (R1–R5, T4, the text against the tables). Pure: the console shows it, the service enforces it.
 */
import { t } from '../shared/i18n/zh-CN.ts';
import type { NarrativeFacts } from './narrative.ts';
import type { CheckResult } from './report-model.ts';

const F = t.reports.flow;

export type ReportRisk = { key: string; message: string };
export type ReportGate = {
  /** Why the step cannot be taken at all (empty: it can). */
  blocking: string[];
  /** What the step may be taken despite, with a confirmation. */
  risks: ReportRisk[];
};

/** The figures the gate compares: this year's, and last year's where known. */
export type GateFacts = Pick<NarrativeFacts, 'year' | 'figures' | 'proactive' | 'previousProactive' | 'applications' | 'previousApplications'>;

/** The labels of the sections that still hold the marker. */
export function sectionsToFill(sections: { label: string; text: string }[], marker: string): string[] {
  return sections.filter((s) => s.text.includes(marker)).map((s) => s.label);
}

/** The risks of missing figures, from what the report's sources say. */
export function figureRisks(f: GateFacts): ReportRisk[] {
  const out: ReportRisk[] = [];
  if (!f.figures) out.push({ key: 'figures:absent', message: F.figuresAbsent(f.year) });
  const before = f.previousProactive?.published ?? 0;
  if (f.proactive.published === 0 && before > 0) out.push({ key: 'figures:proactive', message: F.proactiveZero(f.year, before) });
  const received = f.previousApplications?.received.total ?? 0;
  if (f.applications.received.total === 0 && received > 0) out.push({ key: 'figures:applications', message: F.applicationsZero(f.year, received) });
  return out;
}

/** One risk per failed check, naming it and its first problem. */
export function checkRisks(checks: readonly CheckResult[]): ReportRisk[] {
  return checks
    .filter((c) => !c.ok)
    .map((c) => ({ key: `check:${c.rule}`, message: F.checkFailed(t.reports.check.names[c.rule], c.problems[0] ?? t.reports.check.failed) }));
}

/**
 * The gate of a report: `toFill` the labels of the sections still holding 【待填写】, `facts` null for a frozen
 * report (nothing to compare).
 */
export function reportGate(input: { toFill: string[]; facts: GateFacts | null; checks: readonly CheckResult[] }): ReportGate {
  return {
    blocking: input.toFill.length > 0 ? [F.toFill(input.toFill.join('、'))] : [],
    risks: [...(input.facts ? figureRisks(input.facts) : []), ...checkRisks(input.checks)],
  };
}

/** The risks not among those confirmed (by key). */
export const unconfirmed = (risks: readonly ReportRisk[], confirmed: readonly ReportRisk[]) => risks.filter((r) => !confirmed.some((c) => c.key === r.key));
