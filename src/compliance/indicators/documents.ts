import { sql } from 'kysely';
import type { DbOrTrx } from '../../db/database.ts';
import { classifyLink, extractLinks, type LinkProblem, type LinkRecords, listsAttachments, routeProblem } from '../../documents/links.ts';
import { listSensitiveWords } from '../../documents/oversight/oversight.queries.ts';
import { detectPersonalData, maskFinding, type Finding as PersonalDataFinding } from '../../documents/personal-data.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { type Finding, type Indicator, unchecked, yearRange } from '../indicator.ts';

const D = t.compliance.docs;
const T = t.documents;

// Published documents are read in id order, BATCH at a time: memory stays flat and the IN lists of the look-ups stay
// far below SQLite's bound-parameter limit whatever the size of the agency.
const BATCH = 500;
// How many items one finding names before "等 N 处".
const SHOWN = 5;

const listed = (items: string[]) => (items.length > SHOWN ? `${items.slice(0, SHOWN).join('、')}${D.andMore(items.length)}` : items.join('、'));

/**
 * Every 规章 and 行政规范性文件 published in the year (and still online) shows its validity, and a lost validity has a
 * plausible date. 未检测 when the year published none.
 */
export const validityIndicator: Indicator = {
  code: 'documents.validity',
  title: D.validity,
  rule: D.validityRule,
  weight: 5,
  run: async ({ db, agency, year, today }) => {
    const { from, to } = yearRange(year);
    const docs = await db
      .selectFrom('documents')
      .select(['id', 'title', 'issuedOn', 'validity', 'validityChangedOn'])
      .where('agencyId', '=', agency.id)
      .where('status', '=', 'published')
      .where('category', 'in', ['normative', 'rule'])
      .where('publishedOn', '>=', from)
      .where('publishedOn', '<=', to)
      .orderBy('publishedOn', 'desc')
      .orderBy('id', 'desc')
      .execute();
    if (docs.length === 0) return unchecked(t.compliance.unchecked.noNormative(year));
    return docs.flatMap((d): Finding[] => {
      let message: string | null = null;
      if (!d.validity) message = D.validityMissing(d.title);
      else if (d.validity !== 'in_force' && !d.validityChangedOn) message = D.validityNoDate(d.title, T.validity[d.validity]);
      else if (d.validityChangedOn && d.validityChangedOn < d.issuedOn) message = D.validityBeforeIssued(d.title, d.validityChangedOn);
      else if (d.validity !== 'in_force' && d.validityChangedOn && d.validityChangedOn > today) message = D.validityAhead(d.title, d.validityChangedOn);
      return message ? [{ key: `document:${d.id}:validity`, message, href: `documents/${d.id}` }] : [];
    });
  },
};

/**
 * Calls `each` with the agency's documents published in the year (and still online), BATCH at a time, in id order;
 * returns how many there were. The ids come first from the
 * index alone; the bodies are then read by primary key, so no plan ever sorts whole rows to find a batch.
 */
async function forEachPublishedBatch<T extends { id: number }>(
  db: DbOrTrx,
  agencyId: number,
  year: number,
  load: (q: ReturnType<typeof documentsByIds>) => Promise<T[]>,
  each: (docs: T[]) => Promise<void>,
): Promise<number> {
  const { from, to } = yearRange(year);
  const ids = (
    await db
      .selectFrom('documents')
      .select('id')
      .where('agencyId', '=', agencyId)
      .where('status', '=', 'published')
      .where('publishedOn', '>=', from)
      .where('publishedOn', '<=', to)
      .execute()
  ).map((r) => r.id);
  ids.sort((a, b) => a - b);
  for (let i = 0; i < ids.length; i += BATCH) {
    const docs = await load(documentsByIds(db, ids.slice(i, i + BATCH)));
    if (docs.length > 0) await each(docs);
  }
  return ids.length;
}

function documentsByIds(db: DbOrTrx, ids: number[]) {
  // Status again: a document withdrawn between the two reads is no longer online.
  return db.selectFrom('documents').where('id', 'in', ids).where('status', '=', 'published').orderBy('id');
}

/** Runs a look-up by id over BATCH ids at a time (a body may link any number of records) and joins the rows. */
async function inChunks<T>(ids: number[], query: (ids: number[]) => Promise<T[]>): Promise<T[]> {
  const out: T[] = [];
  for (let i = 0; i < ids.length; i += BATCH) out.push(...(await query(ids.slice(i, i + BATCH))));
  return out;
}

/** Attachments of some documents with their stored byte count (the content itself is not read). */
function attachmentsOf(db: DbOrTrx, column: 'id' | 'documentId', ids: number[]) {
  if (ids.length === 0) return Promise.resolve([]);
  return db
    .selectFrom('attachments')
    .select(['id', 'documentId', 'fileName', sql<number>`length(content)`.as('bytes')])
    .where(column, 'in', ids)
    .orderBy('id')
    .execute();
}

/**
 * No broken link to the platform's own pages and no missing attachment in the published documents: each internal
 * link is resolved against the platform's routes and the records behind them (no network); a document's own
 * attachments must hold content, and a body with an 附件说明 must have an attachment. External links are listed as
 * info findings per site, never fetched. Covers the documents published in the year and still online, as they are now
 * (a corrected link clears its finding); 未检测 when the year published none.
 */
export const linksIndicator: Indicator = {
  code: 'documents.links',
  title: D.links,
  rule: D.linksRule,
  weight: 5,
  run: async ({ db, agency, year, publicUrl }) => {
    const agencies = new Map((await db.selectFrom('agencies').select(['id', 'code']).execute()).map((a) => [a.code, a.id]));
    const findings: Finding[] = [];
    // External links, one info finding per site (an agency links the same few sites from thousands of documents).
    const sites = new Map<string, { links: number; docs: Set<number>; examples: string[]; firstDoc: number }>();
    const checked = await forEachPublishedBatch(
      db,
      agency.id,
      year,
      (q) => q.select(['id', 'title', 'bodyHtml']).execute(),
      async (docs) => {
        const links = docs.map((d) => extractLinks(d.bodyHtml).map((l) => classifyLink(l.url, `/gk/${agency.code}/d/${d.id}`, publicUrl)));
        const docIds = new Set<number>();
        const attIds = new Set<number>();
        const roundIds = new Set<number>();
        const reportAgencies = new Set<number>();
        for (const l of links.flat()) {
          if (l.kind !== 'internal' || !l.route) continue;
          const r = l.route;
          if (r.kind === 'document' || r.kind === 'api-document') docIds.add(r.id);
          if (r.kind === 'attachment') {
            docIds.add(r.id);
            attIds.add(r.attachmentId);
          }
          if (r.kind === 'cleanup') roundIds.add(r.id);
          if (r.kind === 'report') {
            const id = agencies.get(r.code);
            if (id !== undefined) reportAgencies.add(id);
          }
        }
        const [own, linkedDocs, linkedAtts, rounds, reports] = await Promise.all([
          attachmentsOf(
            db,
            'documentId',
            docs.map((d) => d.id),
          ),
          inChunks([...docIds], (ids) => db.selectFrom('documents').select(['id', 'agencyId', 'status']).where('id', 'in', ids).execute()),
          inChunks([...attIds], (ids) => attachmentsOf(db, 'id', ids)),
          inChunks([...roundIds], (ids) =>
            db.selectFrom('cleanupRounds').select(['id', 'agencyId']).where('id', 'in', ids).where('status', '=', 'published').execute(),
          ),
          inChunks([...reportAgencies], (ids) =>
            db.selectFrom('annualReports').select(['agencyId', 'year']).where('agencyId', 'in', ids).where('status', '=', 'published').execute(),
          ),
        ]);
        const records: LinkRecords = {
          agencies,
          documents: new Map(linkedDocs.map((d) => [d.id, d])),
          attachments: new Map(linkedAtts.map((a) => [a.id, { documentId: a.documentId, size: Number(a.bytes) }])),
          cleanupRounds: new Set(rounds.map((r) => `${r.agencyId}:${r.id}`)),
          reports: new Set(reports.map((r) => `${r.agencyId}:${r.year}`)),
        };
        docs.forEach((d, i) => {
          const href = `documents/${d.id}`;
          const docLinks = links[i] ?? [];
          const broken: string[] = [];
          for (const l of docLinks) {
            if (l.kind !== 'invalid' && l.kind !== 'internal') continue;
            const problem: LinkProblem | null = l.kind === 'invalid' ? 'invalid' : routeProblem(l.route, records);
            if (problem) broken.push(`${l.url}（${D.linkProblems[problem]}）`);
          }
          if (broken.length > 0) findings.push({ key: `document:${d.id}:links`, message: D.brokenLinks(d.title, listed(broken)), href });
          const mine = own.filter((a) => a.documentId === d.id);
          const attachmentProblems = mine.filter((a) => Number(a.bytes) === 0).map((a) => D.attachmentEmpty(d.title, a.fileName));
          const linksAttachment = docLinks.some((l) => l.kind === 'internal' && l.route?.kind === 'attachment');
          if (mine.length === 0 && !linksAttachment && listsAttachments(d.bodyHtml)) attachmentProblems.push(D.attachmentsListed(d.title));
          if (attachmentProblems.length > 0) findings.push({ key: `document:${d.id}:attachments`, message: attachmentProblems.join('；'), href });
          for (const l of docLinks) {
            if (l.kind !== 'external') continue;
            const site = sites.get(l.host) ?? { links: 0, docs: new Set<number>(), examples: [], firstDoc: d.id };
            site.links++;
            site.docs.add(d.id);
            if (site.examples.length < 3 && !site.examples.some((e) => e.endsWith(` ${l.url}`))) site.examples.push(`《${d.title}》 ${l.url}`);
            sites.set(l.host, site);
          }
        });
      },
    );
    if (checked === 0) return unchecked(t.compliance.unchecked.noDocuments(year));
    const bySize = [...sites].sort(([ha, a], [hb, b]) => b.links - a.links || (ha < hb ? -1 : 1));
    for (const [host, site] of bySize) {
      findings.push({
        key: `external:${host}`,
        message: D.externalSite(host, site.links, site.docs.size, site.examples.join('、')),
        href: `documents/${site.firstDoc}`,
        info: true,
      });
    }
    return findings;
  },
};

/** A text with every finding in it masked (for titles quoted in a message). */
function masked(text: string, found: readonly PersonalDataFinding[]): string {
  let out = '';
  let pos = 0;
  for (const f of found) {
    if (f.kind === 'sensitive_word') continue;
    out += text.slice(pos, f.start) + maskFinding(f.text);
    pos = f.end;
  }
  return out + text.slice(pos);
}

/** How a finding is shown: its kind and the excerpt, masked unless it is one of the agency's own sensitive words. */
const excerpt = (f: PersonalDataFinding, place: string) =>
  `${T.findingKinds[f.kind]} ${f.kind === 'sensitive_word' ? f.text : maskFinding(f.text)}（${place}）`;

/**
 * No personal data (ID card, mobile and bank card numbers) and none of the agency's sensitive words in what is online:
 * titles, bodies and the text extracted from attachments of the documents published in the year, as they are now.
 * Messages show only masked excerpts; 未检测 when the year published none.
 */
export const personalDataIndicator: Indicator = {
  code: 'documents.personal_data',
  title: D.personalData,
  rule: D.personalDataRule,
  weight: 10,
  run: async ({ db, agency, year }) => {
    const words = (await listSensitiveWords(db, agency.id)).map((w) => w.word);
    const findings: Finding[] = [];
    const checked = await forEachPublishedBatch(
      db,
      agency.id,
      year,
      (q) => q.select(['id', 'title', 'bodyText']).execute(),
      async (docs) => {
        const texts = await db
          .selectFrom('attachments')
          .select(['documentId', 'fileName', 'extractedText'])
          .where(
            'documentId',
            'in',
            docs.map((d) => d.id),
          )
          .where('extractedText', '<>', '')
          .orderBy('id')
          .execute();
        for (const d of docs) {
          const inTitle = detectPersonalData(d.title, words);
          const shown = [
            ...inTitle.map((f) => excerpt(f, D.inTitle)),
            ...detectPersonalData(d.bodyText, words).map((f) => excerpt(f, D.inBody)),
            ...texts
              .filter((a) => a.documentId === d.id)
              .flatMap((a) => {
                const place = D.inAttachment(masked(a.fileName, detectPersonalData(a.fileName)));
                return detectPersonalData(a.extractedText, words).map((f) => excerpt(f, place));
              }),
          ];
          if (shown.length === 0) continue;
          findings.push({
            key: `document:${d.id}:personal_data`,
            message: D.personalDataFound(masked(d.title, inTitle), listed(shown)),
            href: `documents/${d.id}`,
          });
        }
      },
    );
    if (checked === 0) return unchecked(t.compliance.unchecked.noDocuments(year));
    return findings;
  },
};
