/**
 * The city view's side-by-side figures as CSV: one line per agency (the government first), column codes in the first
 * line so spreadsheets and scripts read it alike. Published dates are YYYY-MM-DD; absent figures are blank.
 */
import { chinaDate } from '../shared/clock.ts';
import type { CityOverview } from './city.service.ts';

const csvCell = (v: string | number | null) => {
  const s = v === null ? '' : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};
const line = (cells: (string | number | null)[]) => cells.map(csvCell).join(',');

export function cityCsv(o: CityOverview): string {
  const ranking = new Map(o.ranking.map((r) => [r.agency.id, r]));
  const out = [
    line(['year', 'agency', 'name', 'rank', 'score', 'findings', 'checkedOn', 'reportStatus', 'reportDue', 'reportPublishedOn', 'reportStanding', 'daysLate']),
  ];
  for (const r of o.reports) {
    const run = ranking.get(r.agency.id);
    out.push(
      line([
        o.year,
        r.agency.code,
        r.agency.name,
        run?.rank ?? null,
        run?.run?.score ?? null,
        run?.run?.findingCount ?? null,
        run?.run ? chinaDate(new Date(run.run.ranAt)) : null,
        r.status ?? 'none',
        r.deadline.due,
        r.publishedOn,
        r.state,
        r.daysLate,
      ]),
    );
  }
  return `${out.join('\r\n')}\r\n`;
}
