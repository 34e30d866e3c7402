/**
 * Finding tables 2–4 in a published report's tables by their labels, wherever they stand: split over several tables or
 * all in one, merged cells laid out, header variants read. The layout (2021 or the 2019 trial format) is told by the
 * labels; the year only breaks a tie.
 */
import { t } from '../../shared/i18n/zh-CN.ts';
import { formatForYear, type ReportFormat } from '../../vocabulary/report-format.ts';
import { table3RowCodes } from '../report-tables.ts';
import { readCellValue } from './cell-value.ts';
import { expandGrid, normaliseLabel, type RawDocument } from './grid.ts';
import { isTable3Header, labelStem, TABLE2_SHAPE, table2Column, table2Row, table3Column, table3Label, table4Block, table4Result } from './labels.ts';
import type { ExtraRow, PublishedReport, ReadCell, TableCode } from './read-model.ts';
import { standardLabel } from './standard-labels.ts';

const P = t.reports.published;
type Found = { table: TableCode; row: string; col: string; rowLabel: string; colLabel: string; raw: string };

const SIGNED_CHANGE = /^[增减][0-9]+$/;
/** A cell that can stand among the values of a row (a number, blank, not applicable, 增N/减N). */
const valueLike = (s: string) => readCellValue(s).state !== 'unreadable' || SIGNED_CHANGE.test(s.replace(/\s/g, ''));

/** The year a report speaks of, from its title or first lines (the report's name, else its 统计期限). */
export function reportYear(title: string | undefined, paragraphs: readonly string[]): number | undefined {
  const lines = [title ?? '', ...paragraphs.slice(0, 30)];
  for (const line of lines) {
    // Every mention, not only the first: 《…政府信息公开条例》 often comes before the report's own name.
    for (let at = line.indexOf('政府信息公开'); at >= 0; at = line.indexOf('政府信息公开', at + 1)) {
      const m = line.slice(at, at + 20).includes('报告') ? /(20\d\d)\s*年/.exec(line.slice(Math.max(0, at - 30), at)) : null;
      if (m) return Number(m[1]);
    }
    const m = /政府信息公开工作\s*(20\d\d)\s*年度报告/.exec(line) ?? /(20\d\d)\s*年度?报/.exec(line);
    if (m) return Number(m[1]);
  }
  for (const line of lines) {
    const period = /统计(?:期限|时限|时间)[^0-9]{0,6}(20\d\d)\s*年\s*1\s*月\s*1\s*日/.exec(line);
    if (period) return Number(period[1]);
  }
  return undefined;
}

/** A label of a row we know (not a group heading), in any table. */
const recognised = (s: string) => table2Row(s) !== undefined || table3Label(s, true)?.kind === 'row' || table4Block([s]) !== undefined;

/** Consecutive repeats (a merged cell laid out) said once. */
const once = (cells: string[]) => cells.filter((c, i) => c !== '' && c !== cells[i - 1]);

function scan(doc: RawDocument): { found: Found[]; extraRows: ExtraRow[] } {
  const found: Found[] = [];
  const extraRows: ExtraRow[] = [];
  let t2Cols = new Map<number, string>();
  let t2Header: string[] = [];
  let t3Header: string[][] = [];
  let t4Header: string[][] = [];
  let openGroup = '';
  for (const table of doc.tables) {
    const grid = expandGrid(table);
    let region: TableCode | undefined;
    for (const row of grid) {
      // An empty row is skipped, except table 4's single row of values left unfilled.
      if (row.every((c) => c === '') && !(region === 'appeals' && t4Header.length > 0)) continue;
      let last = row.length - 1;
      while (last >= 0 && valueLike(row[last] as string)) last--;
      // A value that is not a number ("若干") is not a label: the labels end at the last one we know.
      if (last >= 0 && !recognised(row[last] as string)) {
        let known = last - 1;
        while (known >= 0 && !recognised(row[known] as string)) known--;
        if (known >= 0 && row.slice(known + 1).some((c) => readCellValue(c).state === 'number')) last = known;
      }
      const labels = once(row.slice(0, last + 1));
      const values = row.slice(last + 1);
      const hasValue = values.some((v) => v !== '');
      const norm = labels.map(normaliseLabel);
      // Headers.
      if (norm.includes('信息内容')) {
        region = 'proactive';
        t2Cols = new Map(row.flatMap((c, j) => (table2Column(c) ? [[j, table2Column(c) as string] as const] : [])));
        t2Header = row;
        continue;
      }
      if (norm.some((l) => l.startsWith('第二十条')) && !hasValue) {
        region = 'proactive';
        continue;
      }
      if (!hasValue && norm.some((l) => l.includes('勾稽关系') || isTable3Header(l))) {
        if (region !== 'applications') t3Header = [];
        region = 'applications';
        t3Header.push(row);
        continue;
      }
      if (!hasValue && norm.some((l) => l === '行政复议' || l === '行政诉讼' || table4Result(l) !== undefined)) {
        if (region !== 'appeals') t4Header = [];
        region = 'appeals';
        t4Header.push(row);
        continue;
      }
      const lastLabel = labels.at(-1) ?? '';
      const rowLabel = labels.filter((l) => labelStem(l) !== '本年度办理结果').join(' ');
      // Table 2.
      const r2 = labels.length > 0 ? table2Row(lastLabel) : undefined;
      if (r2) {
        const seen = new Set<string>();
        row.forEach((v, j) => {
          const col = t2Cols.get(j);
          if (j <= last || !col || seen.has(col)) return;
          seen.add(col);
          found.push({ table: 'proactive', row: r2, col, rowLabel: lastLabel, colLabel: t2Header[j] ?? col, raw: v });
        });
        continue;
      }
      // Table 4, one row of 15 columns (or transposed: a row per block).
      if (region === 'appeals' && (labels.length === 0 || table4Block([lastLabel]))) {
        const blockOfRow = labels.length > 0 ? table4Block([lastLabel]) : undefined;
        const seen = new Set<string>();
        row.forEach((v, j) => {
          if (j <= last) return;
          const above = t4Header.map((h) => h[j] ?? '');
          const block = blockOfRow ?? table4Block(above);
          const resultText = [...above].reverse().find((h) => table4Result(h) !== undefined);
          const result = resultText === undefined ? undefined : table4Result(resultText);
          if (!block || !result || seen.has(`${block}.${result}`)) return;
          seen.add(`${block}.${result}`);
          const blockText = blockOfRow ? lastLabel : ([...above].reverse().find((h) => table4Block([h]) === block) ?? block);
          found.push({ table: 'appeals', row: block, col: result, rowLabel: blockText, colLabel: resultText ?? result, raw: v });
        });
        continue;
      }
      // Table 3. A group label on a line of its own (a printed CSV) heads the rows after it.
      if (region === 'applications' && labels.length === 1 && !hasValue) openGroup = labelStem(lastLabel);
      const inOther = labels.some((l) => labelStem(l) === '其他处理') || (labels.length === 1 && openGroup === '其他处理');
      const r3 = labels.length > 0 ? table3Label(lastLabel, inOther) : undefined;
      if (r3?.kind === 'row') {
        const mapped = new Map<number, { col: string; label: string }>();
        row.forEach((_, j) => {
          if (j <= last) return;
          for (const h of [...t3Header].reverse()) {
            const col = table3Column(h[j] ?? '');
            if (col) {
              if (![...mapped.values()].some((m) => m.col === col)) mapped.set(j, { col, label: normaliseLabel(h[j] ?? '') });
              break;
            }
          }
        });
        if (mapped.size < 7) {
          // No header over these columns: the seven values in the format's order.
          mapped.clear();
          const order = ['natural_person', 'business', 'research', 'public_interest', 'legal_services', 'other_org', 'total'];
          for (const [i, col] of order.entries()) {
            if (i < values.length) mapped.set(last + 1 + i, { col, label: standardLabel('applications', 'col', col) });
          }
        }
        for (const [j, m] of mapped) found.push({ table: 'applications', row: r3.code, col: m.col, rowLabel, colLabel: m.label, raw: row[j] ?? '' });
        continue;
      }
      if (r3?.kind === 'group' && !hasValue) continue;
      if (region && labels.length > 0 && values.some((v) => v !== ''))
        extraRows.push({ table: region, label: labels.join(' '), values: once(values.filter((v) => v !== '')) });
    }
  }
  return { found, extraRows };
}

const MARKS_2019 = new Set(['made', 'published', 'total', 'previousItems', 'change', 'items', 'otherServices', 'procurement', 'other']);
const MARKS_2021 = new Set(['issued', 'repealed', 'inForce', 'other.no_correction', 'other.unpaid_fee', 'other.other']);

function chooseFormat(found: readonly Found[], year: number | undefined): { format: ReportFormat; formatBy: PublishedReport['formatBy'] } {
  const old = new Set<string>();
  const current = new Set<string>();
  for (const f of found) {
    const marks = f.table === 'proactive' ? [f.row, f.col] : f.table === 'applications' && (f.row !== 'other' || f.raw.trim() !== '') ? [f.row] : [];
    for (const m of marks) {
      if (MARKS_2019.has(m)) old.add(m);
      if (MARKS_2021.has(m)) current.add(m);
    }
  }
  if (old.size !== current.size) return { format: old.size > current.size ? '2019' : '2021', formatBy: 'labels' };
  return year === undefined ? { format: '2021', formatBy: 'default' } : { format: formatForYear(year), formatBy: 'year' };
}

/** What was read, as cells of the layout; rows and cells the layout lacks become extra rows or notes. */
export function buildPublished(
  found: readonly Found[],
  extraRows: ExtraRow[],
  meta: { year?: number | undefined; title?: string | undefined; text: string[]; source: PublishedReport['source'] },
  forced?: ReportFormat,
): PublishedReport {
  const { format, formatBy } = forced ? { format: forced, formatBy: 'labels' as const } : chooseFormat(found, meta.year);
  const notes: string[] = [];
  const cells: ReadCell[] = [];
  const keys = new Set<string>();
  const shape = TABLE2_SHAPE[format];
  const t3Rows = new Set(table3RowCodes(format));
  for (const f of found) {
    if (f.table === 'proactive' && !shape[f.row]) {
      extraRows.push({ table: f.table, label: f.rowLabel, values: [f.raw] });
      continue;
    }
    if (f.table === 'proactive' && !shape[f.row]?.includes(f.col)) {
      if (f.raw.trim() !== '') notes.push(P.notInLayout(P.tableNames.proactive, f.rowLabel, f.colLabel));
      continue;
    }
    if (f.table === 'applications' && !t3Rows.has(f.row)) {
      if (!extraRows.some((e) => e.label === f.rowLabel)) extraRows.push({ table: f.table, label: f.rowLabel, values: [] });
      (extraRows.find((e) => e.label === f.rowLabel) as ExtraRow).values.push(f.raw);
      continue;
    }
    const key = `${f.table}|${f.row}|${f.col}`;
    if (keys.has(key)) continue;
    keys.add(key);
    const value = readCellValue(f.raw, { signed: f.col === 'change', wan: f.col === 'amountWan' });
    if (value.state === 'unreadable') notes.push(P.unreadable(P.tableNames[f.table], f.rowLabel, f.colLabel, f.raw));
    cells.push({ table: f.table, row: f.row, col: f.col, rowLabel: f.rowLabel, colLabel: f.colLabel, ...value });
  }
  for (const table of ['proactive', 'applications', 'appeals'] as const) {
    if (!cells.some((c) => c.table === table)) notes.push(P.tableNotFound(P.tableNames[table]));
  }
  if (cells.some((c) => c.table === 'applications')) {
    const missing = [...t3Rows].filter((r) => !cells.some((c) => c.table === 'applications' && c.row === r));
    const labels = missing.map((r) => standardLabel('applications', 'row', r));
    if (missing.length > 6) notes.push(P.rowsMostlyMissing(P.tableNames.applications, t3Rows.size - missing.length, missing.length, labels[0] ?? ''));
    else if (missing.length > 0) notes.push(P.rowsMissing(P.tableNames.applications, labels.join('、')));
  }
  for (const e of extraRows) e.values = e.values.filter((v) => v.trim() !== '');
  return {
    format,
    formatBy,
    year: meta.year,
    title: meta.title,
    source: meta.source,
    cells,
    extraRows: extraRows.filter((e, i) => e.values.length > 0 && extraRows.findIndex((x) => x.label === e.label && x.table === e.table) === i),
    notes,
    text: meta.text,
  };
}

/** Reads a document's tables and text into a published report. */
export function locateTables(doc: RawDocument, source: PublishedReport['source']): PublishedReport {
  const year = reportYear(doc.title, doc.paragraphs);
  const { found, extraRows } = scan(doc);
  return buildPublished(found, extraRows, { year, title: doc.title, text: doc.paragraphs, source });
}
