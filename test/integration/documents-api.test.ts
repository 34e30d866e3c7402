/**
 * The open API against its own description: /api/v1/openapi.json is generated from the routes' zod schemas, and this
 * file checks that it names the public API's paths and parameters as they have always been, and that every real
 * answer of each endpoint (lists, search, a document with attachments, interpretations and versions, refusals) has
 * exactly the fields, types and formats the document gives for its status.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { approve, confirmSecrecyReview, createDraft, submitForReview } from '../../src/documents/documents.service.ts';
import { CATEGORIES } from '../../src/documents/documents.tables.ts';
import { correctDocument } from '../../src/documents/published.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { ALL_CHECKS, buildPublished } from '../builders/documents.ts';
import { buildAgency } from '../builders/index.ts';
import { buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { minimalPdf } from '../support/files.ts';

type Schema = {
  type?: string | string[];
  anyOf?: Schema[];
  enum?: unknown[];
  format?: string;
  properties?: Record<string, Schema>;
  required?: string[];
  additionalProperties?: boolean | Schema;
  items?: Schema;
};
type Parameter = { name: string; in: string; required: boolean; schema: Schema };
type Operation = { parameters?: Parameter[]; responses: Record<string, { content?: { 'application/json': { schema: Schema } } }> };

/** Where `value` departs from `schema` (an empty list when it conforms): the few keywords the document uses. */
function mismatches(schema: Schema, value: unknown, at = '$'): string[] {
  if (schema.anyOf) {
    const tries = schema.anyOf.map((s) => mismatches(s, value, at));
    return tries.some((m) => m.length === 0) ? [] : [`${at}: none of anyOf (${tries.flat().join('; ')})`];
  }
  const types = schema.type === undefined ? [] : Array.isArray(schema.type) ? schema.type : [schema.type];
  const kind = value === null ? 'null' : Array.isArray(value) ? 'array' : Number.isInteger(value) ? 'integer' : typeof value;
  if (types.length && !types.includes(kind) && !(kind === 'integer' && types.includes('number'))) return [`${at}: ${kind} is not ${types.join('|')}`];
  if (schema.enum && !schema.enum.includes(value)) return [`${at}: ${String(value)} is not one of the enum`];
  if (typeof value === 'string' && schema.format === 'date' && !/^\d{4}-\d{2}-\d{2}$/.test(value)) return [`${at}: ${value} is not a date`];
  if (typeof value === 'string' && schema.format === 'uri' && !URL.canParse(value)) return [`${at}: ${value} is not a URI`];
  if (Array.isArray(value)) return value.flatMap((v, i) => (schema.items ? mismatches(schema.items, v, `${at}[${i}]`) : []));
  if (kind !== 'object') return [];
  const object = value as Record<string, unknown>;
  const properties = schema.properties ?? {};
  const out = (schema.required ?? []).filter((k) => !(k in object)).map((k) => `${at}.${k}: missing`);
  for (const [k, v] of Object.entries(object)) {
    const property = properties[k];
    if (property) out.push(...mismatches(property, v, `${at}.${k}`));
    else if (schema.additionalProperties === false) out.push(`${at}.${k}: not in the document`);
  }
  return out;
}

describe.each(DIALECTS)('the open API and its generated OpenAPI document on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let doc: { paths: Record<string, Record<string, Operation>> };
  let normId = 0;
  let interpId = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb);
    const agency = await buildAgency(tdb.db, { code: 'kfjk', name: '开放接口局' });
    const deps = { db: tdb.db, clock: fixedClock('2022-06-13T02:00:00Z') };
    const actor = systemActor('测试');
    // A normative document with an attachment, corrected once (a version), explained by an interpretation.
    const draft = await createDraft(
      deps,
      actor,
      agency.id,
      { title: '开放接口测试规范性文件管理办法', category: 'normative', docNo: '测发〔2022〕1号', issuedOn: '2022-06-10', body: '正文' },
      [{ fileName: '附件.pdf', data: minimalPdf('attachment text') }],
    );
    await submitForReview(deps, actor, agency.id, draft.id);
    await confirmSecrecyReview(deps, actor, agency.id, draft.id, { checklist: ALL_CHECKS });
    normId = (await approve(deps, actor, agency.id, draft.id)).id;
    await correctDocument(deps, actor, agency.id, normId, { title: '开放接口测试规范性文件管理办法（修订）', body: '新正文', reason: '更正文字' });
    interpId = (await buildPublished(tdb.db, agency.id, { title: '开放接口测试解读', category: 'interpretation', interpretsId: normId })).id;
    await buildPublished(tdb.db, agency.id, { title: '开放接口测试新闻', category: 'news', topic: '工业' });
    doc = (await app.inject('/api/v1/openapi.json')).json();
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('names the same paths and parameters as the public API always had', () => {
    expect(doc).toMatchObject({ openapi: '3.1.0', info: { title: '政府信息公开平台开放接口' } });
    expect(Object.keys(doc.paths).sort()).toEqual(['/api/v1/agencies/{code}/documents', '/api/v1/documents/{id}']);
    const params = (path: string) =>
      Object.fromEntries((doc.paths[path]?.get?.parameters ?? []).map((p) => [p.name, { in: p.in, required: p.required, schema: p.schema }]));
    expect(Object.keys(doc.paths['/api/v1/agencies/{code}/documents'] ?? {})).toEqual(['get']);
    expect(params('/api/v1/agencies/{code}/documents')).toEqual({
      code: { in: 'path', required: true, schema: { type: 'string' } },
      q: { in: 'query', required: false, schema: { type: 'string', maxLength: 100 } },
      category: { in: 'query', required: false, schema: { type: 'string', enum: [...CATEGORIES] } },
      year: { in: 'query', required: false, schema: { type: 'integer' } },
      page: { in: 'query', required: false, schema: { type: 'integer', minimum: 1, default: 1 } },
    });
    expect(params('/api/v1/documents/{id}')).toEqual({ id: { in: 'path', required: true, schema: { type: 'integer', minimum: 1 } } });
  });

  it('describes every real answer of each endpoint exactly: fields, types and formats, for each status', async () => {
    const cases: [path: string, url: string, status: number][] = [
      ['/api/v1/agencies/{code}/documents', '/api/v1/agencies/kfjk/documents', 200],
      ['/api/v1/agencies/{code}/documents', '/api/v1/agencies/kfjk/documents?category=normative&year=2022&page=1', 200],
      ['/api/v1/agencies/{code}/documents', `/api/v1/agencies/kfjk/documents?q=${encodeURIComponent('开放接口')}`, 200],
      ['/api/v1/agencies/{code}/documents', '/api/v1/agencies/kfjk/documents?page=99', 200],
      ['/api/v1/agencies/{code}/documents', '/api/v1/agencies/nobody/documents', 404],
      ['/api/v1/documents/{id}', `/api/v1/documents/${normId}`, 200],
      ['/api/v1/documents/{id}', `/api/v1/documents/${interpId}`, 200],
      ['/api/v1/documents/{id}', '/api/v1/documents/999999', 404],
      ['/api/v1/documents/{id}', '/api/v1/documents/not-a-number', 404],
    ];
    const seen = new Map<string, Set<string>>();
    for (const [path, url, status] of cases) {
      const res = await app.inject(url);
      expect(res.statusCode, url).toBe(status);
      const schema = doc.paths[path]?.get?.responses[String(status)]?.content?.['application/json'].schema;
      expect(schema, `${path} ${status}`).toBeDefined();
      expect(mismatches(schema as Schema, res.json()), url).toEqual([]);
      const fields = seen.get(`${path} ${status}`) ?? new Set();
      for (const k of Object.keys(res.json())) fields.add(k);
      seen.set(`${path} ${status}`, fields);
    }
    // Every documented field of a successful answer shows up in a real one (nothing documented that never comes).
    for (const [key, fields] of seen) {
      const [path, status] = key.split(' ') as [string, string];
      const documented = doc.paths[path]?.get?.responses[status]?.content?.['application/json'].schema.properties ?? {};
      expect([...fields].sort(), key).toEqual(Object.keys(documented).sort());
    }
    const one = (await app.inject(`/api/v1/documents/${normId}`)).json();
    expect(one.attachments).toHaveLength(1);
    expect(one.versions).toHaveLength(1);
    expect(one.interpretations).toHaveLength(1);
    expect(Object.keys(one.interpretations[0]).sort()).toEqual(
      Object.keys(
        doc.paths['/api/v1/documents/{id}']?.get?.responses['200']?.content?.['application/json'].schema.properties?.interpretations?.items?.properties ?? {},
      ).sort(),
    );
  });

  it('documents totalCapped, which the list always answered', async () => {
    const list = doc.paths['/api/v1/agencies/{code}/documents']?.get?.responses['200']?.content?.['application/json'].schema;
    expect(list?.required).toContain('totalCapped');
    expect((await app.inject('/api/v1/agencies/kfjk/documents')).json().totalCapped).toBe(false);
  });
});
