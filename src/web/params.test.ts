import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { idParam, pageOf, pageQuery, pathParam, routeValidator, yearParam, yearQuery } from './params.ts';

/** What the routes did by hand before the params were declared: `Number()`, a safe integer, at least 1. */
const idOfBefore = (v: string) => {
  const n = Number(v);
  return Number.isSafeInteger(n) && n >= 1 ? n : null;
};

const paramsOf = (schema: z.ZodType) =>
  routeValidator({ schema, httpPart: 'params', method: 'GET', url: '/x/:id' }) as (data: unknown) => { value?: unknown; error?: unknown };

describe('path parameters and query strings declared once', () => {
  it('reads an id exactly as the hand-written parser did', () => {
    const id = idParam();
    const samples = ['1', '12', '1e3', ' 7 ', '0x10', '', ' ', '0', '-1', '1.5', 'abc', '9007199254740991', '9007199254740993', 'Infinity', '٣'];
    for (const s of samples) expect(id.safeParse(s).success ? id.parse(s) : null, s).toBe(idOfBefore(s));
    fc.assert(fc.property(fc.string(), (s) => (id.safeParse(s).success ? id.parse(s) : null) === idOfBefore(s)));
  });

  it('answers a path parameter that does not parse as NOT_FOUND, with the message of the failing field', () => {
    const validate = paramsOf(z.object({ code: z.string(), id: idParam('文件不存在'), year: yearParam() }));
    expect(validate({ code: 'x', id: '3', year: '2022' })).toEqual({ value: { code: 'x', id: 3, year: 2022 } });
    const bad = validate({ code: 'x', id: 'abc', year: '2022' }).error as DomainError;
    expect(bad).toBeInstanceOf(DomainError);
    expect([bad.code, bad.message]).toEqual(['NOT_FOUND', '文件不存在']);
    const badYear = validate({ code: 'x', id: '3', year: '22' }).error as DomainError;
    expect([badYear.code, badYear.message]).toEqual(['NOT_FOUND', t.errors.notFound]);
    const file = paramsOf(z.object({ file: pathParam(z.string().regex(/^a$/)) }));
    expect((file({ file: 'b' }).error as DomainError).code).toBe('NOT_FOUND');
  });

  it('reads query values leniently: nonsense is absent (or the first page)', () => {
    const q = z.object({ page: pageQuery, year: yearQuery });
    expect(q.parse({})).toEqual({ page: 1, year: undefined });
    expect(q.parse({ page: '3', year: '2022' })).toEqual({ page: 3, year: 2022 });
    expect(q.parse({ page: '2abc', year: '2022x' })).toEqual({ page: 2, year: undefined });
    expect(q.parse({ page: '-1', year: '22' })).toEqual({ page: 1, year: undefined });
    expect(pageOf('99999999')).toBe(10_000);
  });
});
