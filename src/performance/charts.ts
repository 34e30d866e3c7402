/**
 * The performance pages' charts, drawn as SVG on the server by the annual report's ECharts renderer (no script in
 * the browser, safe for the CSP). Each is labelled with its data in words; the pages print the same data as a table.
 * A chart of nothing is not drawn (null). Drawing is async: ECharts loads on the first chart (see reports/render/charts.ts).
 */
import { render } from '../reports/render/charts.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { OUTCOME_CODES } from '../vocabulary/codes.ts';
import type { PerformanceFigures } from './performance.service.ts';

const P = t.performance;
const BLUE = '#174a84';

const GROUPS = ['granted', 'partial', 'refused', 'unavailable', 'not_processed', 'other'] as const;
type OutcomeGroup = (typeof GROUPS)[number];

/** Answered cases by the six outcome groups of table 3 (予以公开 … 其他处理). */
export function outcomeGroups(f: PerformanceFigures): { group: OutcomeGroup; label: string; count: number }[] {
  const names = t.reports.narrative.onRequest.groups;
  return GROUPS.map((group) => ({
    group,
    label: names[group],
    count: OUTCOME_CODES.filter((c) => c === group || c.startsWith(`${group}.`)).reduce((s, c) => s + f.outcomes[c], 0),
  }));
}

const described = (title: string, items: { label: string; count: number }[]) =>
  `${title}：${items.map((i) => P.chartItem(i.label, i.count)).join(P.chartSeparator)}`;

/** Vertical bars with their values printed above them. Drawn narrow, so the text stays legible when a phone scales it down. */
function columns(labels: string[], values: number[], title: string, width: number): Promise<string> {
  return render(
    {
      grid: { left: 32, right: 4, top: 24, bottom: 28 },
      xAxis: { type: 'category', data: labels, axisLabel: { color: '#1d1d1f', interval: 0 } },
      yAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      series: [{ type: 'bar', data: values, itemStyle: { color: BLUE }, barMaxWidth: 32, label: { show: true, position: 'top', color: '#1d1d1f' } }],
    },
    width,
    240,
    described(
      title,
      labels.map((label, i) => ({ label, count: values[i] ?? 0 })),
    ),
  );
}

/** Documents published per month. */
export async function documentsChartSvg(f: PerformanceFigures): Promise<string | null> {
  if (f.documentsPublished === 0) return null;
  return columns(
    f.documentsPerMonth.map((_, i) => P.monthLabel(i + 1)),
    f.documentsPerMonth,
    P.documentsChart(f.year),
    460,
  );
}

/** Answers by working days taken, in the buckets of the statistics. */
export async function workdaysChartSvg(f: PerformanceFigures): Promise<string | null> {
  if (f.answered === 0) return null;
  const labels = f.workdays.buckets.map((b) => (b.to === null ? `${b.from}+` : `${b.from}–${b.to}`));
  return columns(
    labels,
    f.workdays.buckets.map((b) => b.count),
    P.workdaysChart(f.year),
    420,
  );
}

/** Answers by outcome group, as horizontal bars. */
export async function outcomesChartSvg(f: PerformanceFigures): Promise<string | null> {
  if (f.answered === 0) return null;
  const groups = outcomeGroups(f);
  return render(
    {
      grid: { left: 72, right: 40, top: 8, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      yAxis: { type: 'category', data: groups.map((g) => g.label).reverse(), axisLabel: { color: '#1d1d1f' } },
      series: [
        {
          type: 'bar',
          data: groups.map((g) => g.count).reverse(),
          itemStyle: { color: BLUE },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: '#1d1d1f' },
        },
      ],
    },
    420,
    220,
    described(P.outcomesChart(f.year), groups),
  );
}

/** The three charts of the performance pages, drawn before the page is (ECharts loads on the first one). */
export type PerformanceCharts = { documents: string | null; workdays: string | null; outcomes: string | null };

export async function performanceCharts(f: PerformanceFigures): Promise<PerformanceCharts> {
  const [documents, workdays, outcomes] = await Promise.all([documentsChartSvg(f), workdaysChartSvg(f), outcomesChartSvg(f)]);
  return { documents, workdays, outcomes };
}
