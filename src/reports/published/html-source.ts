/**
 * Reading a report page saved from a government site (HTML): every table with its merged cells, and the running text
 * outside the tables as paragraphs. parse5 parses as a browser does, so unclosed cells and stray tags read the same.
 */
import { parse } from 'parse5';
import type { RawCell, RawDocument, RawTable } from './grid.ts';

type Node = {
  nodeName: string;
  tagName?: string;
  value?: string;
  attrs?: { name: string; value: string }[];
  childNodes?: Node[];
  content?: Node;
};

const SKIP = new Set(['script', 'style', 'noscript', 'template', 'head']);
const BLOCK = new Set([
  'p',
  'div',
  'br',
  'li',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
  'section',
  'article',
  'tr',
  'table',
  'td',
  'th',
  'ul',
  'ol',
  'center',
  'dd',
  'dt',
  'blockquote',
]);

const attr = (n: Node, name: string) => n.attrs?.find((a) => a.name === name)?.value;
const span = (v: string | undefined) => {
  const n = Number.parseInt(v ?? '1', 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

/** The text of a node, blocks separated by line breaks. */
function textOf(node: Node, out: string[]): void {
  if (node.nodeName === '#text') {
    out.push(node.value ?? '');
    return;
  }
  const tag = node.tagName ?? '';
  if (SKIP.has(tag)) return;
  if (BLOCK.has(tag)) out.push('\n');
  for (const child of node.childNodes ?? []) textOf(child, out);
  if (BLOCK.has(tag)) out.push('\n');
}

function rowsOf(table: Node): Node[] {
  const rows: Node[] = [];
  const walk = (n: Node) => {
    for (const child of n.childNodes ?? []) {
      if (child.tagName === 'tr') rows.push(child);
      else if (child.tagName === 'thead' || child.tagName === 'tbody' || child.tagName === 'tfoot') walk(child);
    }
  };
  walk(table);
  return rows;
}

function readTable(table: Node): RawTable {
  return rowsOf(table).map((tr) =>
    (tr.childNodes ?? [])
      .filter((c) => c.tagName === 'td' || c.tagName === 'th')
      .map((c): RawCell => {
        const parts: string[] = [];
        textOf(c, parts);
        return { text: parts.join('').replace(/\s+/g, ''), rowSpan: span(attr(c, 'rowspan')), colSpan: span(attr(c, 'colspan')) };
      }),
  );
}

/** Tables (nested ones too, each on its own) and the text as paragraphs (a table cell is a paragraph of its own). */
export function readHtmlDocument(html: string): RawDocument {
  const doc = parse(html) as unknown as Node;
  const tables: RawTable[] = [];
  const text: string[] = [];
  let title: string | undefined;
  const walk = (n: Node) => {
    if (n.tagName === 'title') {
      const parts: string[] = [];
      for (const c of n.childNodes ?? []) textOf(c, parts);
      title = parts.join('').trim();
      return;
    }
    // Every table is read on its own (nested ones too); its cells still count as text, because a layout table
    // around the whole page holds the narrative.
    if (n.tagName === 'table') tables.push(readTable(n));
    if (n.nodeName === '#text') {
      text.push(n.value ?? '');
      return;
    }
    if (SKIP.has(n.tagName ?? '') && n.tagName !== 'head') return;
    const block = BLOCK.has(n.tagName ?? '');
    if (block) text.push('\n');
    for (const c of n.childNodes ?? []) walk(c);
    if (block) text.push('\n');
  };
  walk(doc);
  const paragraphs = text
    .join('')
    .split('\n')
    .map((p) => p.replace(/[ \t\u00a0\u3000]+/g, ' ').trim())
    .filter((p) => p !== '');
  return { tables, paragraphs, ...(title ? { title } : {}) };
}
