import fc from 'fast-check';
import { CompiledQuery } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { binaryArray } from '../../src/db/pg-arrays.ts';
import { pgVectors } from '../../src/search/tsvector.ts';
import { createTestDatabase, type TestDatabase } from '../support/db.ts';

// The bulk loads send their columns as binary arrays (issue 17). What the server reads back must be what was sent:
// every string (as its UTF-8), integer, NULL and vector, in order.
describe.skipIf(!process.env.TEST_DATABASE_URL)('binary arrays on postgres', () => {
  let tdb: TestDatabase;
  beforeAll(async () => {
    tdb = await createTestDatabase('postgres');
  });
  afterAll(async () => tdb?.cleanup());

  const back = async <T>(type: string, param: Buffer) =>
    (
      await tdb.db.executeQuery<{ v: T }>(
        CompiledQuery.raw(`select ${type === 'int8' ? 'v::text' : 'v'} as v from unnest($1::${type}[]) with ordinality as u(v, n) order by n`, [param]),
      )
    ).rows.map((r) => r.v);

  it('reads back any text, NULLs included, as its UTF-8', async () => {
    // PostgreSQL text holds no NUL; a lone surrogate is written as U+FFFD, as node-postgres writes a text parameter.
    const text = fc.oneof(fc.string({ unit: 'binary' }), fc.string({ unit: 'grapheme', maxLength: 300 })).map((s) => s.replaceAll('\0', ''));
    await fc.assert(
      fc.asyncProperty(fc.array(fc.option(text), { maxLength: 40 }), async (values) => {
        const read = await back<string | null>('text', binaryArray('text', values));
        expect(read).toEqual(values.map((v) => (v === null ? null : Buffer.from(v, 'utf8').toString('utf8'))));
      }),
      { numRuns: 60 },
    );
  });

  it('reads back int4 and int8 at their limits', async () => {
    const ints = [0, 1, -1, 2147483647, -2147483648, null, 42];
    expect(await back('int4', binaryArray('int4', ints))).toEqual(ints);
    const bigs = [0, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER, null, 20240501000123];
    expect(await back('int8', binaryArray('int8', bigs))).toEqual(bigs.map((v) => (v === null ? null : String(v))));
    expect(await back('text', binaryArray('text', []))).toEqual([]);
  });

  it('refuses what is not of the type instead of sending something else', () => {
    expect(() => binaryArray('int4', [2147483648])).toThrow(TypeError);
    expect(() => binaryArray('int4', [1.5])).toThrow(TypeError);
    expect(() => binaryArray('int8', [2 ** 60])).toThrow(TypeError);
    expect(() => binaryArray('text', [{}])).toThrow(TypeError);
    expect(() => binaryArray('tsvector', ['中小企业'])).toThrow(TypeError);
  });

  it('reads back vectors as the same vectors sent one at a time', async () => {
    const docs = [
      ['中小企业发展', 'X〔2024〕1号', '支持中小企业发展的若干措施。', ''],
      ['', '', '', ''],
      ['𠀀𠀁 wide', '', 'Ünïcode body 123', 'attachment'],
    ] as const;
    const vectors = docs.map(([title, docNo, body, attachment]) => pgVectors(title, docNo, body, attachment, ['#a1']).tsv);
    const one = async (b: Buffer) => (await tdb.db.executeQuery<{ v: string }>(CompiledQuery.raw('select $1::tsvector::text as v', [b]))).rows[0]?.v;
    const each = await Promise.all(vectors.map(one));
    const read = (
      await tdb.db.executeQuery<{ v: string | null }>(
        CompiledQuery.raw('select v::text as v from unnest($1::tsvector[]) with ordinality as u(v, n) order by n', [
          binaryArray('tsvector', [...vectors, null]),
        ]),
      )
    ).rows.map((r) => r.v);
    expect(read).toEqual([...each, null]);
    expect(each[0]).toContain("'中小企业'");
  });
});
