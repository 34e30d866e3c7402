/** The public addresses' parameters, declared once for the column's pages, its feeds, its search and the API. */
import { z } from 'zod';
import { t } from '../../shared/i18n/zh-CN.ts';
import { agencyCodeParam, idParam, pathParam } from '../../web/params.ts';
import { CATEGORIES } from '../documents.tables.ts';

/** Documents per page of a list, the search and the API. */
export const PAGE_SIZE = 20;

/** An agency's column (an unknown agency is not found). */
export const agencyParams = z.object({ code: agencyCodeParam.describe('机关代码') });
/** A category of the column (an unknown category is not found). */
export const categoryParams = agencyParams.extend({ category: pathParam(z.enum(CATEGORIES)) });
/** A published document (or cleanup round) of the column: a bad id is "not found" in the words of a document. */
export const documentId = () => idParam(t.documents.errors.notFound);
export const recordParams = agencyParams.extend({ id: documentId() });
