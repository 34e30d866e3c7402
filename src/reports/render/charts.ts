/**
 * The report's charts, drawn as SVG on the server with ECharts' SSR renderer (no script in the browser). The SVG is
 * made safe for the site's CSP (no inline style attribute or <style> element) and labelled as an image.
 * ECharts (62 MB, about a second to import) loads on the first chart drawn, not when the server starts.
 */
import type { EChartsCoreOption } from 'echarts/core';
import { escapeHtml } from '#jsx/jsx-runtime';
import { t } from '../../shared/i18n/zh-CN.ts';
import { OUTCOME_CODES } from '../../vocabulary/codes.ts';
import type { Table3 } from '../../vocabulary/report-format.ts';

type ECharts = typeof import('echarts/core');
let loading: Promise<ECharts> | undefined;

/** ECharts with the parts the charts use, imported once; a failed import is retried on the next chart. */
function loadECharts(): Promise<ECharts> {
  loading ??= Promise.all([import('echarts/core'), import('echarts/charts'), import('echarts/components'), import('echarts/renderers')]).then(
    ([echarts, charts, components, renderers]) => {
      echarts.use([charts.BarChart, components.GridComponent, components.LegendComponent, renderers.SVGRenderer]);
      return echarts;
    },
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}

const FONT = 'Noto Sans CJK SC, Source Han Sans SC, Microsoft YaHei, sans-serif';
const BLUE = '#174a84';
const GREY = '#8a9bb0';

/** One year-on-year row: a figure this year and last year (null when last year is unknown). */
export type ComparisonRow = { key: keyof typeof t.reports.page.comparisonRows; now: number; before: number | null };
export type YearComparison = { year: number; rows: ComparisonRow[] };

/** Rewrites ECharts' SVG for a strict CSP: style attributes become presentation attributes, <style> goes. */
export function cspSafeSvg(svg: string, label: string): string {
  return svg
    .replace(/<style\b[^<]*<\/style>/g, '')
    .replace(/ style="([^"]*)"/g, (_m, css: string) =>
      css
        .split(';')
        .map((d) => d.trim())
        .filter(Boolean)
        .map((d) => {
          const i = d.indexOf(':');
          return ` ${d.slice(0, i).trim()}="${escapeHtml(d.slice(i + 1).trim())}"`;
        })
        .join(''),
    )
    .replace(/ ecmeta_[a-z_]+="[^"]*"/g, '')
    .replace(/ class="zr\d+-cls-\d+"/g, '')
    .replace(/^<svg width="\d+" height="\d+"/, `<svg class="chart" role="img" aria-label="${escapeHtml(label)}" focusable="false"`);
}

/** An ECharts option drawn as a CSP-safe SVG image labelled `label` (also used by the performance pages). */
export async function render(option: EChartsCoreOption, width: number, height: number, label: string): Promise<string> {
  const echarts = await loadECharts();
  const chart = echarts.init(null, null, { renderer: 'svg', ssr: true, width, height });
  try {
    chart.setOption({ animation: false, textStyle: { fontFamily: FONT, fontSize: 13, color: '#1d1d1f' }, ...option });
    return cspSafeSvg(chart.renderToSVGString(), label);
  } finally {
    chart.dispose();
  }
}

/** Outcome groups of table 3 (予以公开 … 其他处理) as a horizontal bar chart; null when nothing was closed. */
export async function outcomesChartSvg(t3: Table3, year: number): Promise<string | null> {
  const g = t.reports.narrative.onRequest.groups;
  const sum = (prefix: string) => OUTCOME_CODES.filter((c) => c.startsWith(prefix)).reduce((s, c) => s + t3.outcomes[c].total, 0);
  const data: [string, number][] = [
    [g.granted, t3.outcomes.granted.total],
    [g.partial, t3.outcomes.partial.total],
    [g.refused, sum('refused.')],
    [g.unavailable, sum('unavailable.')],
    [g.not_processed, sum('not_processed.')],
    [g.other, sum('other.')],
  ];
  if (data.every(([, v]) => v === 0)) return null;
  const label = `${t.reports.page.outcomesChart(year)}：${data.map(([k, v]) => t.reports.narrative.count(k, v)).join(t.reports.narrative.listSeparator)}`;
  return render(
    {
      grid: { left: 96, right: 48, top: 16, bottom: 24 },
      xAxis: { type: 'value', minInterval: 1, axisLabel: { color: '#444' } },
      yAxis: { type: 'category', data: data.map(([k]) => k).reverse(), axisLabel: { color: '#1d1d1f' } },
      series: [
        {
          type: 'bar',
          data: data.map(([, v]) => v).reverse(),
          itemStyle: { color: BLUE },
          barMaxWidth: 22,
          label: { show: true, position: 'right', color: '#1d1d1f' },
        },
      ],
    },
    520,
    260,
    label,
  );
}

/** This year against last year for the main figures, as grouped bars with their values printed. */
export async function comparisonChartSvg(c: YearComparison): Promise<string | null> {
  const rows = c.rows.filter((r) => r.now > 0 || (r.before ?? 0) > 0);
  if (rows.length === 0) return null;
  const names = t.reports.page.comparisonRows;
  const label = `${t.reports.page.comparisonChart(c.year, c.year - 1)}：${rows.map((r) => t.reports.page.chartItem(names[r.key], c.year - 1, r.before === null ? '—' : String(r.before), c.year, r.now)).join(t.reports.narrative.clauseSeparator)}`;
  return render(
    {
      legend: { top: 0, textStyle: { color: '#1d1d1f' } },
      grid: { left: 56, right: 16, top: 40, bottom: 48 },
      xAxis: { type: 'category', data: rows.map((r) => names[r.key]), axisLabel: { color: '#1d1d1f', interval: 0 } },
      yAxis: { type: 'value', axisLabel: { color: '#444' } },
      series: [
        {
          name: t.reports.page.chartYear(c.year - 1),
          type: 'bar',
          data: rows.map((r) => r.before ?? 0),
          itemStyle: { color: GREY },
          label: { show: true, position: 'top', color: '#333' },
        },
        {
          name: t.reports.page.chartYear(c.year),
          type: 'bar',
          data: rows.map((r) => r.now),
          itemStyle: { color: BLUE },
          label: { show: true, position: 'top', color: '#1d1d1f' },
        },
      ],
    },
    560,
    300,
    label,
  );
}
