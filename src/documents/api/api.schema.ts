/**
 * The open API's requests and answers, in zod: the routes validate and serialise with them, and /api/v1/openapi.json
 * is generated from them, so the document cannot drift from what the routes do.
 */
import { z } from 'zod';
import { oneOfQuery, pageQuery, yearQuery } from '../../web/params.ts';
import { CATEGORIES, INTERPRETATION_FORMS, VALIDITIES } from '../documents.tables.ts';
import { agencyParams, documentId } from '../portal/portal-params.ts';

export const API_INFO = {
  title: '政府信息公开平台开放接口',
  version: '1.0.0',
  description: '主动公开的政府信息（已发布的文件）。只读，无需登录。',
};

const date = (description?: string) => {
  const s = z.string().meta({ format: 'date' });
  return description ? s.describe(description) : s;
};

export const documentSummary = z.object({
  id: z.number().int(),
  agency: z.string().describe('机关代码'),
  indexNo: z.string().nullable().describe('索引号'),
  title: z.string(),
  docNo: z.string().nullable().describe('文号'),
  issuingBody: z.string().describe('发布机构'),
  category: z.enum(CATEGORIES),
  topic: z.string().nullable(),
  issuedOn: date('成文日期'),
  // Published documents always have one (publication sets it); the read model's type allows none.
  publishedOn: date().nullable().describe('发布日期'),
  validity: z.enum(VALIDITIES).nullable().describe('效力状态（规章、行政规范性文件）'),
  validityChangedOn: date().nullable(),
  interprets: z.number().int().nullable().describe('政策解读所解读的文件 id'),
  interpretationForm: z.enum(INTERPRETATION_FORMS).nullable(),
  version: z.number().int(),
  url: z.string().meta({ format: 'uri' }),
});

export const documentPage = z
  .object({
    total: z.number().int(),
    totalCapped: z.boolean().describe('检索结果只计数到上限（1000 条）时为 true：实际结果多于 total'),
    page: z.number().int(),
    pageSize: z.number().int(),
    items: z.array(documentSummary),
  })
  .describe('一页结果');

export const documentDetail = documentSummary
  .extend({
    bodyHtml: z.string(),
    attachments: z.array(z.object({ fileName: z.string(), mediaType: z.string(), size: z.number().int(), url: z.string().meta({ format: 'uri' }) })),
    interpretations: z.array(documentSummary),
    versions: z.array(
      z
        .object({ version: z.number().int(), title: z.string(), publishedOn: date().nullable(), replacedOn: date(), reason: z.string() })
        .describe('更正前的版本'),
    ),
  })
  .describe('文件');

/** What every refusal of the API looks like (the app's error handler writes it). */
const apiError = (description: string) =>
  z.object({ error: z.object({ code: z.string(), message: z.string(), fields: z.record(z.string(), z.string()).optional() }) }).describe(description);

export const listRoute = {
  summary: '列出或检索一个机关已发布的文件（含总数）',
  params: agencyParams,
  querystring: z.object({
    q: z
      .string()
      .optional()
      .meta({ maxLength: 100, description: '检索词（中文全文检索，支持文号）' })
      .transform((v) => (v ?? '').trim().slice(0, 100)),
    category: oneOfQuery(CATEGORIES),
    year: yearQuery.describe('发布年份'),
    page: pageQuery,
  }),
  response: { 200: documentPage, 404: apiError('机关不存在') },
};

export const documentRoute = {
  summary: '一个已发布文件的全文、附件、解读和历史版本',
  params: z.object({ id: documentId() }),
  response: { 200: documentDetail, 404: apiError('不存在、未发布或已撤回') },
};
