/**
 * The city view's side-by-side figures as CSV: one line per agency (the government first) and a last line summing
 * them (agency `total`), column codes in the first line so spreadsheets and scripts read it alike. Dates are
 * YYYY-MM-DD, rates decimals in [0, 1]; figures an agency does not have (never checked, no answers) are blank.
 */
import { chinaDate } from '../shared/clock.ts';
import { type CsvCell, toCsv } from '../shared/csv.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import type { CityOverview } from './city.service.ts';
import type { FigureRow } from './city-rules.ts';

const ratio = (r: number | null) => (r === null ? null : Math.round(r * 10000) / 10000);

const FIGURES = [
  'received',
  'answered',
  'answeredOnTime',
  'onTimeRate',
  'medianWorkdays',
  'p90Workdays',
  'openOverdue',
  'extensions',
  'corrections',
  'appealsFiled',
  'documentsPublished',
  'interpretationDocuments',
  'interpreted',
  'interpretationCoverage',
] as const satisfies readonly (keyof FigureRow)[];

const figureCells = (r: FigureRow) => FIGURES.map((k) => (k === 'onTimeRate' || k === 'interpretationCoverage' ? ratio(r[k]) : (r[k] as number | null)));

export function cityCsv(o: CityOverview): string {
  const ranking = new Map(o.ranking.map((r) => [r.agency.id, r]));
  const reports = new Map(o.reports.map((r) => [r.agency.id, r]));
  const out: CsvCell[][] = [
    [
      'year',
      'agency',
      'name',
      'rank',
      'score',
      'findings',
      'checkedOn',
      'reportStatus',
      'reportDue',
      'reportPublishedOn',
      'reportStanding',
      'daysLate',
      ...FIGURES,
    ],
  ];
  for (const { agency, row } of o.figures) {
    const run = ranking.get(agency.id);
    const r = reports.get(agency.id);
    out.push([
      o.year,
      agency.code,
      agency.name,
      run?.rank ?? null,
      run?.run?.score ?? null,
      run?.run?.findingCount ?? null,
      run?.run ? chinaDate(new Date(run.run.ranAt)) : null,
      r ? (r.status ?? 'none') : null,
      r?.deadline.due ?? null,
      r?.publishedOn ?? null,
      r?.state ?? null,
      r?.daysLate ?? null,
      ...figureCells(row),
    ]);
  }
  out.push([o.year, 'total', t.city.total, null, null, null, null, null, null, null, null, null, ...figureCells(o.total)]);
  return toCsv(out, { bom: false });
}
