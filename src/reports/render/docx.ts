/**
 * The report as a DOCX filing copy, laid out by the conventions of GB/T 9704 (党政机关公文格式): A4, margins top 37 mm,
 * bottom 35 mm, left 28 mm, right 26 mm; title in 方正小标宋简体 二号 (22 pt); body in 仿宋_GB2312 三号 (16 pt), 22 lines
 * a page (exact line pitch 28.95 pt), first lines indented two characters; 一、 headings in 黑体, （一） headings in
 * 楷体_GB2312; page numbers "— 1 —" in 宋体 四号. Tables keep the national format's merged header cells, repeat their
 * header rows on each page and never leave a header or part of a group alone at a page's foot; the 落款 ends it.
 */
import {
  AlignmentType,
  BorderStyle,
  convertMillimetersToTwip,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlign,
  WidthType,
} from 'docx';
import { t } from '../../shared/i18n/zh-CN.ts';
import type { ReportData } from '../report-model.ts';
import { type ReportBlock, reportBlocks } from './blocks.ts';
import { type Grid, tableGrid } from './layout.ts';

const FANGSONG = '仿宋_GB2312';
const XIAOBIAOSONG = '方正小标宋简体';
const HEITI = '黑体';
const KAITI = '楷体_GB2312';
const SONGTI = '宋体';
const LATIN = 'Times New Roman';
/** Half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 五号 10.5 pt, 小五 9 pt. */
const SIZE = { erhao: 44, sanhao: 32, sihao: 28, wuhao: 21, xiaowu: 18 } as const;
/** 22 lines on the 225 mm type area: a line pitch of 10.23 mm = 28.95 pt = 579 twips. */
const LINE = 579;
const PAGE = { width: convertMillimetersToTwip(210), height: convertMillimetersToTwip(297) };
const MARGIN = {
  top: convertMillimetersToTwip(37),
  bottom: convertMillimetersToTwip(35),
  left: convertMillimetersToTwip(28),
  right: convertMillimetersToTwip(26),
};
const TEXT_WIDTH = PAGE.width - MARGIN.left - MARGIN.right;

const font = (eastAsia: string) => ({ eastAsia, ascii: LATIN, hAnsi: LATIN, cs: LATIN });
const run = (text: string, face = FANGSONG, size: number = SIZE.sanhao, bold = false) => new TextRun({ text, font: font(face), size, bold });
const bodySpacing = { line: LINE, lineRule: LineRuleType.EXACT, before: 0, after: 0 };

function paragraph(block: Exclude<ReportBlock, { kind: 'table' }>, keepNext: boolean): Paragraph[] {
  switch (block.kind) {
    case 'title':
      return block.lines.map(
        (line, i) =>
          new Paragraph({
            alignment: AlignmentType.CENTER,
            spacing: { line: 700, lineRule: LineRuleType.EXACT, before: i === 0 ? 0 : 0, after: i === 1 ? LINE : 0 },
            children: [run(line, XIAOBIAOSONG, SIZE.erhao)],
          }),
      );
    case 'h1':
      return [new Paragraph({ spacing: bodySpacing, indent: { firstLine: 640 }, keepNext: true, children: [run(block.text, HEITI)] })];
    case 'h2':
      return [new Paragraph({ spacing: bodySpacing, indent: { firstLine: 640 }, keepNext: true, children: [run(block.text, KAITI)] })];
    case 'p':
      return [new Paragraph({ spacing: bodySpacing, indent: { firstLine: 640 }, alignment: AlignmentType.JUSTIFIED, keepNext, children: [run(block.text)] })];
    case 'note':
      return [
        new Paragraph({
          spacing: { line: 360, lineRule: LineRuleType.AUTO, before: 60, after: 120 },
          keepNext,
          children: [run(block.text, FANGSONG, SIZE.wuhao)],
        }),
      ];
    case 'signature':
      // 落款 (GB/T 9704): after a blank line, right-aligned four characters in from the margin; the lines stay together.
      return block.lines.map(
        (line, i) =>
          new Paragraph({
            alignment: AlignmentType.RIGHT,
            indent: { right: 1280 },
            spacing: { ...bodySpacing, before: i === 0 ? LINE * 2 : 0 },
            keepNext: i < block.lines.length - 1,
            keepLines: true,
            children: [run(line)],
          }),
      );
  }
}

const thin = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
const borders = { top: thin, bottom: thin, left: thin, right: thin, insideHorizontal: thin, insideVertical: thin };

function table(grid: Grid, size: number): Table {
  const total = grid.widths.reduce((s, w) => s + w, 0);
  const widths = grid.widths.map((w) => Math.floor((w / total) * TEXT_WIDTH));
  return new Table({
    layout: TableLayoutType.FIXED,
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    borders,
    rows: grid.rows.map(
      (r) =>
        new TableRow({
          // Header rows repeat on every page; no row splits; a row marked keepWithNext stays with the next one.
          tableHeader: r.head === true,
          cantSplit: true,
          children: r.cells.map(
            (c) =>
              new TableCell({
                ...(c.rowSpan && c.rowSpan > 1 ? { rowSpan: c.rowSpan } : {}),
                ...(c.colSpan && c.colSpan > 1 ? { columnSpan: c.colSpan } : {}),
                verticalAlign: VerticalAlign.CENTER,
                margins: { top: 10, bottom: 10, left: 50, right: 50 },
                children: [
                  new Paragraph({
                    keepNext: r.keepWithNext === true,
                    alignment: c.numeric || (c.header && c.scope !== 'row') ? AlignmentType.CENTER : AlignmentType.LEFT,
                    spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
                    children: [run(c.text, FANGSONG, size, c.header && c.scope !== 'row' && c.scope !== 'rowgroup')],
                  }),
                ],
              }),
          ),
        }),
    ),
  });
}

/** The report as a DOCX file. */
export async function renderReportDocx(report: ReportData): Promise<Buffer> {
  const children: (Paragraph | Table)[] = [];
  const blocks = reportBlocks(report);
  for (const [i, b] of blocks.entries()) {
    if (b.kind !== 'table') {
      // The last paragraph goes with the 落款, so that it never stands alone on a page. Tables flow on from the text
      // (a table started on a fresh page leaves the page before near empty): their rows keep their groups together.
      children.push(...paragraph(b, blocks[i + 1]?.kind === 'signature'));
      continue;
    }
    // Table 2 fits in 五号; tables 3 and 4 have 10 and 15 columns and need 小五.
    children.push(table(tableGrid(report, b.table), b.table === 'proactive' ? SIZE.wuhao : SIZE.xiaowu));
    children.push(new Paragraph({ spacing: { line: 240, lineRule: LineRuleType.AUTO }, children: [] }));
  }
  const doc = new Document({
    creator: report.agency.name,
    title: t.reports.page.documentTitle(report.agency.name, report.year),
    styles: { default: { document: { run: { font: font(FANGSONG), size: SIZE.sanhao } } } },
    sections: [
      {
        properties: { page: { size: PAGE, margin: { ...MARGIN, header: convertMillimetersToTwip(15), footer: convertMillimetersToTwip(20) } } },
        footers: {
          default: new Footer({
            children: [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [new TextRun({ children: ['— ', PageNumber.CURRENT, ' —'], font: font(SONGTI), size: SIZE.sihao })],
              }),
            ],
          }),
        },
        children,
      },
    ],
  });
  return Packer.toBuffer(doc);
}
