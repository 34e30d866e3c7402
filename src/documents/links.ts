/**
 * Links in published bodies, checked without the network: each link is resolved against the platform's own public
 * routes (the list below mirrors the portal's GET routes; test/integration/compliance-documents-indicators.test.ts
 * checks it against the real app), and only the records behind a route (agency, document, attachment, round, report)
 * are looked up. External links are only listed. Pure functions.
 */
import { isCategory } from './documents.queries.ts';

export type BodyLink = { tag: 'a' | 'img'; url: string };

// Linear on any body (checked by src/shared/regex-safety.test.ts): a tag's text stops at the next '<', and every
// attribute name matches whole (its value optional), so a name without a value is never rescanned from inside.
const TAG = /<(a|img)\b([^<>]*)>/gi;
const ATTR = /([^\s"'=<>/]+)(?:\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s"'=<>`]+)))?/g;
const ENTITY = /&(?:#(\d+)|#x([0-9a-f]+)|(amp|lt|gt|quot|apos));/gi;
const NAMED: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'" };

function decodeEntities(s: string): string {
  return s.replace(ENTITY, (_, dec: string | undefined, hex: string | undefined, name: string | undefined) => {
    if (name) return NAMED[name.toLowerCase()] ?? '';
    const code = dec ? Number(dec) : Number.parseInt(hex ?? '', 16);
    return code > 0 && code <= 0x10ffff ? String.fromCodePoint(code) : '';
  });
}

/** The href of every <a> and the src of every <img> of an HTML body, in order, entities decoded. */
export function extractLinks(html: string): BodyLink[] {
  const out: BodyLink[] = [];
  for (const m of html.matchAll(TAG)) {
    const tag = (m[1] as string).toLowerCase() as 'a' | 'img';
    const wanted = tag === 'a' ? 'href' : 'src';
    for (const a of (m[2] ?? '').matchAll(ATTR)) {
      const value = a[2] ?? a[3] ?? a[4];
      if (value === undefined || (a[1] as string).toLowerCase() !== wanted) continue;
      out.push({ tag, url: decodeEntities(value).trim() });
      break;
    }
  }
  return out;
}

/** A public route of the platform and the record it needs; `admin` pages exist but are closed to the public. */
export type PlatformRoute =
  | { kind: 'page' }
  | { kind: 'agency'; code: string }
  | { kind: 'document'; code: string; id: number }
  | { kind: 'attachment'; code: string; id: number; attachmentId: number }
  | { kind: 'cleanup'; code: string; id: number }
  | { kind: 'report'; code: string; year: number }
  | { kind: 'api-document'; id: number }
  | { kind: 'admin' };

const PAGES = new Set([
  '/',
  '/search',
  '/track',
  '/workdays',
  '/elder',
  '/health',
  '/healthz',
  '/readyz',
  '/sitemap.xml',
  '/api/v1/openapi.json',
  '/api/v1/workdays/add',
  '/api/v1/workdays/between',
]);
const AGENCY_PAGES = new Set(['', 'guide', 'rules', 'list', 'search', 'feed.xml', 'atom.xml', 'apply', 'track', 'reports']);
const REPORT_FORMATS = new Set(['docx', 'csv', 'json', 'md']);

const idOf = (s: string | undefined): number | null => {
  if (!s || !/^\d{1,15}$/.test(s)) return null;
  const n = Number(s);
  return n >= 1 ? n : null;
};

/** The route a path (without query or fragment) reaches, or null when the platform answers 404 to it. */
export function matchRoute(path: string): PlatformRoute | null {
  if (PAGES.has(path) || path.startsWith('/assets/')) return { kind: 'page' };
  if (path === '/admin' || path.startsWith('/admin/')) return { kind: 'admin' };
  const sitemap = /^\/sitemaps\/([a-z][a-z0-9-]{1,31})-\d{1,4}\.xml$/.exec(path);
  if (sitemap) return { kind: 'agency', code: sitemap[1] as string };
  const api = /^\/api\/v1\/(?:agencies\/([^/]+)\/documents|documents\/([^/]+))$/.exec(path);
  if (api) {
    if (api[1]) return { kind: 'agency', code: api[1] };
    const id = idOf(api[2]);
    return id ? { kind: 'api-document', id } : null;
  }
  const parts = path.split('/');
  if (parts[1] !== 'gk' || !parts[2]) return null;
  const code = parts[2];
  const rest = parts.slice(3);
  const [a, b, c, d] = rest;
  if (rest.length === 0) return { kind: 'agency', code }; // /gk/code redirects to /gk/code/
  if (rest.length === 1 && AGENCY_PAGES.has(a as string)) return { kind: 'agency', code };
  if (a === 'c' && b && isCategory(b) && (rest.length === 2 || (rest.length === 3 && (c === 'feed.xml' || c === 'atom.xml')))) return { kind: 'agency', code };
  if (a === 'd') {
    const id = idOf(b);
    if (!id) return null;
    if (rest.length === 2) return { kind: 'document', code, id };
    const att = idOf(d);
    return rest.length === 4 && c === 'files' && att ? { kind: 'attachment', code, id, attachmentId: att } : null;
  }
  if (a === 'cleanup' && rest.length === 2) {
    const id = idOf(b);
    return id ? { kind: 'cleanup', code, id } : null;
  }
  if (a === 'reports' && b && /^\d{4}$/.test(b) && (rest.length === 2 || (rest.length === 4 && c === 'download' && REPORT_FORMATS.has(d ?? '')))) {
    return { kind: 'report', code, year: Number(b) };
  }
  return null;
}

export type ClassifiedLink =
  | { kind: 'ignored' }
  | { kind: 'external'; url: string; host: string }
  | { kind: 'invalid'; url: string }
  | { kind: 'internal'; url: string; path: string; route: PlatformRoute | null };

// Relative links are resolved against this origin when no public address is configured.
const LOCAL_ORIGIN = 'http://gongkai.invalid';

/**
 * Sorts a link of the document at `selfPath`: fragments, mailto:, tel: and data: are ignored; relative links and
 * absolute ones to the configured public address (either scheme) are internal; any other http(s) link is external.
 */
export function classifyLink(raw: string, selfPath: string, publicUrl?: string): ClassifiedLink {
  const url = raw.trim();
  if (!url || url.startsWith('#')) return { kind: 'ignored' };
  let base: URL;
  try {
    base = new URL(publicUrl ?? LOCAL_ORIGIN);
  } catch {
    base = new URL(LOCAL_ORIGIN);
  }
  const prefix = base.pathname.replace(/\/$/, '');
  let target: URL;
  try {
    target = new URL(url, `${base.origin}${prefix}${selfPath}`);
  } catch {
    return { kind: 'invalid', url };
  }
  if (target.protocol !== 'http:' && target.protocol !== 'https:') return { kind: 'ignored' };
  if (target.host !== base.host) return { kind: 'external', url, host: target.host };
  let path = target.pathname;
  if (prefix) {
    if (path !== prefix && !path.startsWith(`${prefix}/`)) return { kind: 'internal', url, path, route: null };
    path = path.slice(prefix.length) || '/';
  }
  return { kind: 'internal', url, path, route: matchRoute(path) };
}

/** What the platform holds, as far as the links of a batch of documents need it. */
export type LinkRecords = {
  agencies: ReadonlyMap<string, number>;
  documents: ReadonlyMap<number, { agencyId: number; status: string }>;
  attachments: ReadonlyMap<number, { documentId: number; size: number }>;
  /** `${agencyId}:${id}` of published cleanup rounds. */
  cleanupRounds: ReadonlySet<string>;
  /** `${agencyId}:${year}` of published annual reports. */
  reports: ReadonlySet<string>;
};

export type LinkProblem = 'not_found' | 'withdrawn' | 'attachment_missing' | 'attachment_empty' | 'admin' | 'invalid';

/** Why an internal route does not answer the public, or null when it does. */
export function routeProblem(route: PlatformRoute | null, r: LinkRecords): LinkProblem | null {
  if (!route) return 'not_found';
  if (route.kind === 'page') return null;
  if (route.kind === 'admin') return 'admin';
  const published = (id: number, agencyId: number | null): LinkProblem | null => {
    const doc = r.documents.get(id);
    if (!doc || (agencyId !== null && doc.agencyId !== agencyId)) return 'not_found';
    if (doc.status === 'withdrawn') return 'withdrawn';
    return doc.status === 'published' ? null : 'not_found';
  };
  if (route.kind === 'api-document') return published(route.id, null);
  const agencyId = r.agencies.get(route.code);
  if (agencyId === undefined) return 'not_found';
  switch (route.kind) {
    case 'agency':
      return null;
    case 'document':
      return published(route.id, agencyId);
    case 'attachment': {
      const docProblem = published(route.id, agencyId);
      if (docProblem) return docProblem === 'withdrawn' ? 'withdrawn' : 'attachment_missing';
      const att = r.attachments.get(route.attachmentId);
      if (!att || att.documentId !== route.id) return 'attachment_missing';
      return att.size > 0 ? null : 'attachment_empty';
    }
    case 'cleanup':
      return r.cleanupRounds.has(`${agencyId}:${route.id}`) ? null : 'not_found';
    case 'report':
      return r.reports.has(`${agencyId}:${route.year}`) ? null : 'not_found';
  }
}

// GB/T 9704 附件说明: a line (or, in HTML, an element) starting 附件： or 附件1： lists the document's attachments.
const ATTACHMENT_NOTE = /(?:^|\n|>)[ \t\u3000]*附件\s*(?:\d+\s*)?[:：]/;

/** True when a body (text or HTML) lists attachments in the 附件说明 form. */
export function listsAttachments(text: string): boolean {
  return ATTACHMENT_NOTE.test(text);
}
