/**
 * Reading a report as a DOCX: the ZIP is checked first (src/shared/zip-guard.ts: entry count, real unpacked sizes),
 * then word/document.xml is walked tag by tag (no XML library: only w:tbl, w:tr, w:tc, w:gridSpan, w:vMerge, w:p and
 * w:t matter) into tables with their merged cells and the paragraphs of text.
 */
import JSZip from 'jszip';
import { t } from '../../shared/i18n/zh-CN.ts';
import { inspectZip, zipRefusalMessage } from '../../shared/zip-guard.ts';
import { ReportInputError } from '../report-input.ts';
import type { RawCell, RawDocument, RawTable } from './grid.ts';

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-fA-F]{1,6}|#[0-9]{1,7}|[a-z]{2,4});/g, (whole, e: string) => {
    if (e.startsWith('#x')) return String.fromCodePoint(Number.parseInt(e.slice(2), 16));
    if (e.startsWith('#')) return String.fromCodePoint(Number(e.slice(1)));
    return ENTITIES[e] ?? whole;
  });
}

const attribute = (tag: string, name: string): string | undefined => {
  const at = tag.indexOf(`${name}="`);
  if (at < 0) return undefined;
  const start = at + name.length + 2;
  return tag.slice(start, tag.indexOf('"', start));
};

/** The tables and paragraphs of a WordprocessingML body. */
export function readDocumentXml(xml: string): RawDocument {
  type Open = { rows: RawTable; row: RawCell[] | null; cell: (RawCell & { parts: string[] }) | null };
  const tables: RawTable[] = [];
  const open: Open[] = [];
  const paragraphs: string[] = [];
  let paragraph: string[] = [];
  let inText = false;
  let i = 0;
  while (i < xml.length) {
    const lt = xml.indexOf('<', i);
    if (lt < 0) break;
    if (inText && lt > i) paragraph.push(decodeEntities(xml.slice(i, lt)));
    const gt = xml.indexOf('>', lt);
    if (gt < 0) break;
    const tag = xml.slice(lt + 1, gt);
    i = gt + 1;
    const closing = tag.startsWith('/');
    const name = (closing ? tag.slice(1) : tag).split(/[\s/]/, 1)[0] ?? '';
    const top = open.at(-1);
    if (name === 'w:t') inText = !closing && !tag.endsWith('/');
    else if (name === 'w:tab' || name === 'w:br') paragraph.push(' ');
    else if (name === 'w:p' && (closing || tag.endsWith('/'))) {
      const text = paragraph.join('').trim();
      paragraph = [];
      if (text !== '') {
        paragraphs.push(text);
        top?.cell?.parts.push(text);
      }
    } else if (name === 'w:tbl') {
      if (!closing) open.push({ rows: [], row: null, cell: null });
      else {
        const done = open.pop();
        if (done) tables.push(done.rows);
      }
    } else if (name === 'w:tr' && top) {
      if (!closing) top.row = [];
      else if (top.row) {
        top.rows.push(top.row);
        top.row = null;
      }
    } else if (name === 'w:tc' && top) {
      if (!closing) top.cell = { text: '', rowSpan: 1, colSpan: 1, parts: [] };
      else if (top.cell && top.row) {
        const { parts, ...cell } = top.cell;
        top.row.push({ ...cell, text: parts.join('').replace(/\s+/g, '') });
        top.cell = null;
      }
    } else if (name === 'w:gridSpan' && top?.cell) top.cell.colSpan = Number(attribute(tag, 'w:val') ?? '1') || 1;
    else if (name === 'w:vMerge' && top?.cell) top.cell.vMerge = attribute(tag, 'w:val') === 'restart' ? 'restart' : 'continue';
  }
  return { tables, paragraphs };
}

/** Reads a DOCX file's document body, after the ZIP guard has passed it. */
export async function readDocx(bytes: Buffer, fileName: string): Promise<RawDocument> {
  const verdict = await inspectZip(bytes);
  if (!verdict.ok) throw new ReportInputError(zipRefusalMessage(fileName, verdict.reason));
  let xml: string | undefined;
  try {
    xml = await (await JSZip.loadAsync(bytes)).file('word/document.xml')?.async('string');
  } catch {
    throw new ReportInputError(zipRefusalMessage(fileName, 'corrupt'));
  }
  if (xml === undefined) throw new ReportInputError(t.reports.published.notDocx);
  return readDocumentXml(xml);
}
