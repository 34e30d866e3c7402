/**
 * The report as Markdown: the same blocks; tables as the format prints them, merged cells written once in their first
 * slot (Markdown has no merged cells), header rows kept as rows.
 */
import { TABLE2_LABELS } from '../../vocabulary/report-format.ts';
import type { ReportData } from '../report-model.ts';
import { reportBlocks } from './blocks.ts';
import { type Grid, printedRows, table2Grid, table3Grid, table4Grid } from './layout.ts';

const esc = (s: string) => s.replace(/\\/g, '\\\\').replace(/\|/g, '\\|');
const row = (cells: string[]) => `| ${cells.map(esc).join(' | ')} |`;
/** A Markdown table: label columns left-aligned, the rest (counts) right-aligned. */
const table = (head: string[], rows: string[][], labels = 1) =>
  [row(head), row(head.map((_, i) => (i < labels ? '---' : '---:'))), ...rows.map(row)].join('\n');

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

/** Tables 3 and 4 as printed: every header row (the first as Markdown's header), group labels on rows of their own. */
function printedTable(grid: Grid, labelColumns: number): string {
  const { head, body } = printedRows(grid, labelColumns);
  const [first = [], ...rest] = head;
  return table(first, [...rest, ...body], labelColumns === 0 ? 0 : 1);
}

/** The report as Markdown text. */
export function renderReportMarkdown(report: ReportData): string {
  const out: string[] = [];
  for (const b of reportBlocks(report)) {
    if (b.kind === 'title') out.push(`# ${b.lines[0]}\n# ${b.lines[1]}`);
    else if (b.kind === 'h1') out.push(`## ${b.text}`);
    else if (b.kind === 'h2') out.push(`### ${b.text}`);
    else if (b.kind === 'p' || b.kind === 'note') out.push(b.text);
    else if (b.kind === 'signature') out.push(b.lines.join('  \n'));
    else if (b.table === 'proactive') out.push(table2(report));
    else out.push(b.table === 'applications' ? printedTable(table3Grid(report), 3) : printedTable(table4Grid(report), 0));
  }
  return `${out.join('\n\n')}\n`;
}
