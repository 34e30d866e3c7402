/** The report as Markdown: the same blocks, with tables flattened (Markdown has no merged cells). */
import { APPLICANT_TYPE_LABELS, APPLICANT_TYPES } from '../../vocabulary/codes.ts';
import { TABLE2_LABELS, TABLE3_COLUMNS, TABLE3_ROW_LABELS, TABLE3_TOTAL, TABLE4_LABELS, TRIAL_OTHER_LABEL } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { TRIAL_OTHER_ROW, table3Row, table3RowCodes } from '../report-tables.ts';
import { outcomeRowLabel } from '../validation.ts';
import { cellText, reportBlocks } from './blocks.ts';
import { type Grid, table2Grid } from './layout.ts';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const row = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |`;
const table = (head: string[], rows: string[][]) => [row(head), row(head.map((_, i) => (i === 0 ? '---' : '---:'))), ...rows.map(row)].join('\n');

/** Table 2: one small table per block, as the grid defines them. */
function table2(report: ReportData): string {
  const grid: Grid = table2Grid(report);
  const out: string[] = [];
  let head: string[] = [];
  let rows: string[][] = [];
  const flush = () => {
    if (head.length > 0) out.push(table(head, rows));
    head = [];
    rows = [];
  };
  for (const r of grid.rows) {
    const first = r.cells[0];
    if (r.cells.length === 1 && first) {
      flush();
      out.push(`**${first.text}**`);
    } else if (first?.text === TABLE2_LABELS.content) head = r.cells.map((c) => c.text);
    else rows.push(r.cells.map((c) => c.text));
  }
  flush();
  return out.join('\n\n');
}

function table3(report: ReportData): string {
  const head = ['', ...APPLICANT_TYPES.map((c) => APPLICANT_TYPE_LABELS[c]), TABLE3_TOTAL];
  const label = (code: string) =>
    code === TRIAL_OTHER_ROW
      ? TRIAL_OTHER_LABEL
      : code in TABLE3_ROW_LABELS
        ? TABLE3_ROW_LABELS[code as keyof typeof TABLE3_ROW_LABELS]
        : outcomeRowLabel(code as Parameters<typeof outcomeRowLabel>[0]);
  const rows = table3RowCodes(report.format).map((code) => {
    const counts = table3Row(report.tables.applications, code);
    return [label(code), ...TABLE3_COLUMNS.map((c) => cellText(counts?.[c] ?? 0))];
  });
  return `${TABLE3_ROW_LABELS.corner}\n\n${table(head, rows)}`;
}

function table4(report: ReportData): string {
  const a = report.tables.appeals;
  const head = [
    '',
    TABLE4_LABELS.reconsideration,
    `${TABLE4_LABELS.litigation}（${TABLE4_LABELS.litigationDirect}）`,
    `${TABLE4_LABELS.litigation}（${TABLE4_LABELS.litigationAfterReconsideration}）`,
  ];
  const rows = (['upheld', 'corrected', 'other', 'pending', 'total'] as const).map((r) => [
    TABLE4_LABELS.results[r],
    cellText(a.reconsideration[r]),
    cellText(a.litigationDirect[r]),
    cellText(a.litigationAfterReconsideration[r]),
  ]);
  return table(head, rows);
}

/** The report as Markdown text. */
export function renderReportMarkdown(report: ReportData): string {
  const out: string[] = [];
  for (const b of reportBlocks(report)) {
    if (b.kind === 'title') out.push(`# ${b.lines[0]}\n# ${b.lines[1]}`);
    else if (b.kind === 'h1') out.push(`## ${b.text}`);
    else if (b.kind === 'h2') out.push(`### ${b.text}`);
    else if (b.kind === 'p' || b.kind === 'note') out.push(b.text);
    else out.push(b.table === 'proactive' ? table2(report) : b.table === 'applications' ? table3(report) : table4(report));
  }
  return `${out.join('\n\n')}\n`;
}
