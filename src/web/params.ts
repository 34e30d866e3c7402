/**
 * Path parameters and query strings, declared once with zod on the route (`schema: { params, querystring }`) through
 * fastify-type-provider-zod, so the handler receives them parsed and typed and the API's OpenAPI document is generated
 * from the same declaration. A bad value answers what the routes answered when they parsed by hand: a path parameter
 * that does not parse names nothing, so it is "not found" (the Chinese 404 page, or JSON under /api/) with the
 * message of what was sought; a query value that does not parse reads as absent (or its default).
 */
import type { FastifyInstance, FastifySchemaCompiler } from 'fastify';
import { serializerCompiler, validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { notFound } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';

/** The 404 message of each path parameter's schema (kept out of the schema, so it never shows in a document). */
const notFoundMessages = new WeakMap<z.ZodType, string>();

/**
 * `schema` as a path parameter: when it does not parse, the route answers NOT_FOUND with `message`. Call it last (a
 * later `.describe()` or `.meta()` makes a new schema, which answers the general message).
 */
export function pathParam<S extends z.ZodType>(schema: S, message: string = t.errors.notFound): S {
  notFoundMessages.set(schema, message);
  return schema;
}

/** A record id: a positive safe integer as `Number()` reads it ("12", "1e3"); anything else is not found. */
export const idParam = (message: string = t.errors.notFound) => pathParam(z.coerce.number().int().min(1), message);

const FOUR_DIGITS = /^\d{4}$/;

/** The years of disclosure work: from 2008, when the 条例 took effect, to a far bound any year entered stays under. */
export const WORK_YEARS = { min: 2008, max: 2299 } as const;

/** A four-digit year in a path ("2022"), within `range` when given; anything else is not found. */
export const yearParam = (message: string = t.errors.notFound, range?: { min: number; max: number }) =>
  pathParam(
    z
      .string()
      .regex(FOUR_DIGITS)
      .transform(Number)
      .refine((y) => !range || (y >= range.min && y <= range.max)),
    message,
  );

/** An agency's code in a path: any text, since whether the agency exists (and may be seen) is for the lookup to say. */
export const agencyCodeParam = z.string();

/** A page number from the query string: 1 when absent or nonsense, at most 10,000. */
export function pageOf(v: string | undefined): number {
  const n = v === undefined ? Number.NaN : Number.parseInt(v, 10);
  return Number.isFinite(n) && n >= 1 ? Math.min(n, 10_000) : 1;
}
/** The page number of a list (documented as an integer from 1; read by `pageOf`). */
export const pageQuery = z.string().optional().meta({ type: 'integer', minimum: 1, default: 1 }).transform(pageOf);

/** A four-digit year in the query string, or absent (anything else reads as absent). */
export const yearQuery = z
  .string()
  .optional()
  .meta({ type: 'integer' })
  .transform((v) => (v !== undefined && FOUR_DIGITS.test(v) ? Number(v) : undefined));

/**
 * A year of disclosure work (`WORK_YEARS`) in the query string, as `Number()` reads it, or absent (anything else reads
 * as absent; the page then shows its default year).
 */
export const workYearQuery = z
  .string()
  .optional()
  .meta({ type: 'integer' })
  .transform((v) => {
    const y = Number(v);
    return Number.isInteger(y) && y >= WORK_YEARS.min && y <= WORK_YEARS.max ? y : undefined;
  });

/** One of `values` in the query string, or absent (anything else reads as absent). */
export const oneOfQuery = <const V extends readonly [string, ...string[]]>(values: V) => z.enum(values).optional().catch(undefined);

/** Free text in the query string ('' when absent). */
export const textQuery = z
  .string()
  .optional()
  .transform((v) => v ?? '');

/**
 * What a bad value of a part answers: a path parameter that does not parse is NOT_FOUND with the message of its
 * first failing field; querystrings and bodies answer the library's 400 (the routes' own schemas read leniently).
 */
export const routeValidator: FastifySchemaCompiler<z.ZodType> = (route) => {
  if (route.httpPart !== 'params') return validatorCompiler(route);
  const schema = route.schema;
  const shape = schema instanceof z.ZodObject ? (schema.shape as Record<string, z.ZodType>) : {};
  return (data: unknown) => {
    const result = schema.safeParse(data);
    if (result.success) return { value: result.data };
    const key = result.error.issues[0]?.path[0];
    const field = typeof key === 'string' ? shape[key] : undefined;
    return { error: notFound((field && notFoundMessages.get(field)) ?? t.errors.notFound) };
  };
};

/** Routes registered on the returned instance declare params, querystrings and responses with zod. */
export function zodRoutes(scope: FastifyInstance) {
  scope.setValidatorCompiler(routeValidator);
  scope.setSerializerCompiler(serializerCompiler);
  return scope.withTypeProvider<ZodTypeProvider>();
}
export type ZodRoutes = ReturnType<typeof zodRoutes>;
