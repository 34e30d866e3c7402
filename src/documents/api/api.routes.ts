import fastifySwagger from '@fastify/swagger';
import type { FastifyInstance } from 'fastify';
import { createJsonSchemaTransform } from 'fastify-type-provider-zod';
import type { z } from 'zod';
import { searchDocuments } from '../../search/search.service.ts';
import { notFound } from '../../shared/errors.ts';
import { t } from '../../shared/i18n/zh-CN.ts';
import { zodRoutes } from '../../web/params.ts';
import { documentAgency, getPublishedDocument, listPublished, type PublicDocumentSummary, publicAgency, publishedByIds } from '../documents.queries.ts';
import { PAGE_SIZE } from '../portal/portal-params.ts';
import { docPath } from '../portal/portal-parts.tsx';
import { baseUrl } from '../portal/public-pages.ts';
import { API_INFO, documentRoute, type documentSummary, listRoute } from './api.schema.ts';

/** The API view of a document summary: public fields plus its page URL. */
function summary(d: PublicDocumentSummary, code: string, base: string): z.output<typeof documentSummary> {
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

/** zod states every integer's safe range; the document leaves the obvious out. */
const transform = createJsonSchemaTransform({
  zodToJsonConfig: {
    override: ({ jsonSchema: s }) => {
      if (s.type !== 'integer') return;
      if (s.maximum === Number.MAX_SAFE_INTEGER) delete s.maximum;
      if (s.minimum === Number.MIN_SAFE_INTEGER) delete s.minimum;
    },
  },
});

/**
 * The open JSON API of published documents (GET only, no cookies). Its routes declare their parameters and answers
 * in api.schema.ts; @fastify/swagger, registered in this scope only, turns them into /api/v1/openapi.json.
 */
export async function registerDocumentApiRoutes(app: FastifyInstance): Promise<void> {
  await app.register(async (scope) => {
    await scope.register(fastifySwagger, { openapi: { openapi: '3.1.0', info: API_INFO }, transform });
    const api = zodRoutes(scope);
    const { db } = api.deps;

    api.get('/api/v1/agencies/:code/documents', { schema: listRoute }, async (request) => {
      const { agency } = await publicAgency(db, request.params.code);
      const base = baseUrl(request);
      const { q, category, year, page } = request.query;
      if (q) {
        const hits = await searchDocuments(db, q, { agencyId: agency.id, category, year }, page, PAGE_SIZE);
        const docs = await publishedByIds(db, hits.ids);
        return { total: hits.total, totalCapped: hits.capped, page, pageSize: PAGE_SIZE, items: docs.map((d) => summary(d, agency.code, base)) };
      }
      const { total, items } = await listPublished(db, agency.id, { category, year, page, pageSize: PAGE_SIZE });
      return { total, totalCapped: false, page, pageSize: PAGE_SIZE, items: items.map((d) => summary(d, agency.code, base)) };
    });

    api.get('/api/v1/documents/:id', { schema: documentRoute }, async (request) => {
      const { id } = request.params;
      const row = await documentAgency(db, id);
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

    // The document is built once, on first request, from the routes above.
    api.get('/api/v1/openapi.json', { schema: { hide: true } }, async () => api.swagger());
  });
}
