import type { FastifyInstance, FastifyRequest } from 'fastify';
import { searchDocuments } from '../../search/search.service.ts';
import { notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { getPublishedDocument, isCategory, listPublished, type PublicDocumentSummary, publicAgency, publishedByIds } from '../documents.queries.ts';
import { CATEGORIES, INTERPRETATION_FORMS, VALIDITIES } from '../documents.tables.ts';
import { PAGE_SIZE, pageOf } from '../portal/portal.routes.tsx';
import { docPath } from '../portal/portal.views.tsx';

type Q = Record<string, string | undefined>;
const baseUrl = (request: FastifyRequest) => request.server.deps.config.publicUrl ?? `${request.protocol}://${request.host}`;

/** The API view of a document summary: public fields plus its page URL. */
function summary(d: PublicDocumentSummary, code: string, base: string) {
  return {
    id: d.id,
    agency: code,
    indexNo: d.indexNo,
    title: d.title,
    docNo: d.docNo,
    issuingBody: d.issuingBody,
    category: d.category,
    topic: d.topic,
    issuedOn: d.issuedOn,
    publishedOn: d.publishedOn,
    validity: d.validity,
    validityChangedOn: d.validityChangedOn,
    interprets: d.interpretsId,
    interpretationForm: d.interpretationForm,
    version: d.version,
    url: `${base}${docPath(code, d.id)}`,
  };
}

/** The open JSON API of published documents (GET only, no cookies), described by /api/v1/openapi.json. */
export async function registerDocumentApiRoutes(app: FastifyInstance): Promise<void> {
  const { db } = app.deps;

  app.get<{ Params: { code: string }; Querystring: Q }>('/api/v1/agencies/:code/documents', async (request) => {
    const { agency } = await publicAgency(db, request.params.code);
    const base = baseUrl(request);
    const page = pageOf(request.query.page);
    const category = request.query.category && isCategory(request.query.category) ? request.query.category : undefined;
    const year = request.query.year && /^\d{4}$/.test(request.query.year) ? Number(request.query.year) : undefined;
    const q = (request.query.q ?? '').trim().slice(0, 100);
    if (q) {
      const hits = await searchDocuments(db, q, { agencyId: agency.id, category, year }, page, PAGE_SIZE);
      const docs = await publishedByIds(db, hits.ids);
      return { total: hits.total, totalCapped: hits.capped, page, pageSize: PAGE_SIZE, items: docs.map((d) => summary(d, agency.code, base)) };
    }
    const { total, items } = await listPublished(db, agency.id, { category, year, page, pageSize: PAGE_SIZE });
    return { total, totalCapped: false, page, pageSize: PAGE_SIZE, items: items.map((d) => summary(d, agency.code, base)) };
  });

  app.get<{ Params: { id: string } }>('/api/v1/documents/:id', async (request) => {
    const id = Number(request.params.id);
    if (!Number.isSafeInteger(id) || id < 1) throw notFound(t.documents.errors.notFound);
    const row = await db
      .selectFrom('documents')
      .innerJoin('agencies', 'agencies.id', 'documents.agencyId')
      .select(['documents.agencyId', 'agencies.code'])
      .where('documents.id', '=', id)
      .executeTakeFirst();
    if (!row) throw notFound(t.documents.errors.notFound);
    const doc = await getPublishedDocument(db, row.agencyId, id);
    if (doc === 'withdrawn') throw notFound(t.documents.errors.withdrawn);
    const base = baseUrl(request);
    const page = `${base}${docPath(row.code, id)}`;
    return {
      ...summary(doc, row.code, base),
      bodyHtml: doc.bodyHtml,
      attachments: doc.attachments.map((a) => ({ fileName: a.fileName, mediaType: a.mediaType, size: a.size, url: `${page}/files/${a.id}` })),
      interpretations: doc.interpretations.map((i) => summary(i, row.code, base)),
      versions: doc.versions,
    };
  });

  app.get('/api/v1/openapi.json', async () => OPENAPI);
}

const summarySchema = {
  type: 'object',
  required: ['id', 'agency', 'title', 'category', 'issuedOn', 'publishedOn', 'url'],
  properties: {
    id: { type: 'integer' },
    agency: { type: 'string', description: '机关代码' },
    indexNo: { type: ['string', 'null'], description: '索引号' },
    title: { type: 'string' },
    docNo: { type: ['string', 'null'], description: '文号' },
    issuingBody: { type: 'string', description: '发布机构' },
    category: { type: 'string', enum: [...CATEGORIES] },
    topic: { type: ['string', 'null'] },
    issuedOn: { type: 'string', format: 'date', description: '成文日期' },
    publishedOn: { type: 'string', format: 'date', description: '发布日期' },
    validity: { type: ['string', 'null'], enum: [...VALIDITIES, null], description: '效力状态（规章、行政规范性文件）' },
    validityChangedOn: { type: ['string', 'null'], format: 'date' },
    interprets: { type: ['integer', 'null'], description: '政策解读所解读的文件 id' },
    interpretationForm: { type: ['string', 'null'], enum: [...INTERPRETATION_FORMS, null] },
    version: { type: 'integer' },
    url: { type: 'string', format: 'uri' },
  },
} as const;

const errorSchema = {
  type: 'object',
  properties: { error: { type: 'object', properties: { code: { type: 'string' }, message: { type: 'string' } } } },
} as const;

/** The OpenAPI 3.1 description of the API. */
export const OPENAPI = {
  openapi: '3.1.0',
  info: { title: '政府信息公开平台开放接口', version: '1.0.0', description: '主动公开的政府信息（已发布的文件）。只读，无需登录。' },
  paths: {
    '/api/v1/agencies/{code}/documents': {
      get: {
        summary: '列出或检索一个机关已发布的文件（含总数）',
        parameters: [
          { name: 'code', in: 'path', required: true, schema: { type: 'string' }, description: '机关代码' },
          { name: 'q', in: 'query', schema: { type: 'string', maxLength: 100 }, description: '检索词（中文全文检索，支持文号）' },
          { name: 'category', in: 'query', schema: { type: 'string', enum: [...CATEGORIES] } },
          { name: 'year', in: 'query', schema: { type: 'integer' }, description: '发布年份' },
          { name: 'page', in: 'query', schema: { type: 'integer', minimum: 1, default: 1 } },
        ],
        responses: {
          '200': {
            description: '一页结果',
            content: {
              'application/json': {
                schema: {
                  type: 'object',
                  required: ['total', 'page', 'pageSize', 'items'],
                  properties: {
                    total: { type: 'integer' },
                    page: { type: 'integer' },
                    pageSize: { type: 'integer' },
                    items: { type: 'array', items: summarySchema },
                  },
                },
              },
            },
          },
          '404': { description: '机关不存在', content: { 'application/json': { schema: errorSchema } } },
        },
      },
    },
    '/api/v1/documents/{id}': {
      get: {
        summary: '一个已发布文件的全文、附件、解读和历史版本',
        parameters: [{ name: 'id', in: 'path', required: true, schema: { type: 'integer' } }],
        responses: {
          '200': {
            description: '文件',
            content: {
              'application/json': {
                schema: {
                  allOf: [
                    summarySchema,
                    {
                      type: 'object',
                      properties: {
                        bodyHtml: { type: 'string' },
                        attachments: {
                          type: 'array',
                          items: {
                            type: 'object',
                            properties: { fileName: { type: 'string' }, mediaType: { type: 'string' }, size: { type: 'integer' }, url: { type: 'string' } },
                          },
                        },
                        interpretations: { type: 'array', items: summarySchema },
                        versions: { type: 'array', items: { type: 'object' } },
                      },
                    },
                  ],
                },
              },
            },
          },
          '404': { description: '不存在、未发布或已撤回', content: { 'application/json': { schema: errorSchema } } },
        },
      },
    },
  },
} as const;
