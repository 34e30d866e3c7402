import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { exportDocuments, importDocuments } from '../../src/documents/interchange.ts';
import { ImportFailed } from '../../src/interchange/importer.ts';
import { searchDocuments } from '../../src/search/search.service.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const clock = fixedClock('2023-01-05T02:00:00Z');
const actor = systemActor('测试导入');

const normative = {
  agency: 'imp',
  ref: 'D-2022-017',
  title: '聊城市工业和信息化局关于印发《聊城市中小企业公共服务平台管理办法》的通知',
  docNo: '聊工信发〔2022〕12号',
  category: 'normative',
  topic: '工业和信息化',
  issuedOn: '2022-06-10',
  publishedOn: '2022-06-13',
  validity: 'in_force',
  body: '第一条 为规范中小企业公共服务平台管理……',
  interprets: null,
};
const interpretation = {
  agency: 'imp',
  ref: 'D-2022-018',
  title: '《聊城市中小企业公共服务平台管理办法》政策解读',
  category: 'interpretation',
  interpretationForm: 'qa',
  issuedOn: '2022-06-14',
  publishedOn: '2022-06-15',
  body: '一、制定背景……',
  interprets: 'D-2022-017',
};

describe.each(DIALECTS)('documents: import and export on %s', (dialect) => {
  let tdb: TestDatabase;
  const count = async () =>
    Number(
      (
        await tdb.db
          .selectFrom('documents')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    await buildAgency(tdb.db, { code: 'imp', name: '聊城市工业和信息化局' });
  });
  afterAll(async () => tdb?.cleanup());

  it('imports documents with an interpretation referring to an earlier line, publishing and indexing them', async () => {
    const n = await importDocuments(
      { db: tdb.db, clock },
      actor,
      [
        { line: 1, record: normative },
        { line: 2, record: interpretation },
        {
          line: 3,
          record: {
            agency: 'imp',
            ref: 'N-1',
            title: '市工信局召开2022年全市工业经济运行调度会',
            category: 'meeting',
            issuedOn: '2022-03-01',
            publishedOn: '2022-03-02',
            body: '<p>会议要求……</p><script>x</script>',
          },
        },
      ],
      { replace: false },
    );
    expect(n).toBe(3);
    const rows = await tdb.db.selectFrom('documents').selectAll().orderBy('id').execute();
    expect(rows.map((r) => r.status)).toEqual(['published', 'published', 'published']);
    expect(rows[1]?.interpretsId).toBe(rows[0]?.id);
    expect(rows[0]?.indexNo).toMatch(/^IMP\/02-2022-0001$/);
    expect(rows[2]?.bodyHtml).not.toContain('script');
    expect((await searchDocuments(tdb.db, '聊工信发〔2022〕12号', {}, 1, 10)).total).toBe(1);
  });

  it('writes nothing when any line is bad, naming every bad line and field', async () => {
    const before = await count();
    const failure = await importDocuments(
      { db: tdb.db, clock },
      actor,
      [
        { line: 1, record: { ...normative, ref: 'OK-1' } },
        { line: 2, record: { ...normative, ref: 'BAD-1', title: '' } },
        { line: 3, record: { ...normative, ref: 'BAD-2', category: 'memo' } },
        { line: 4, record: { ...interpretation, ref: 'BAD-3', interprets: 'NOPE' } },
        { line: 5, record: { ...normative, ref: 'BAD-4', validity: 'repealed' } },
        { line: 6, record: { ...normative } },
        { line: 7, record: { ...normative, ref: 'BAD-5', agency: 'nobody' } },
        { line: 8, record: { ...normative, ref: 'BAD-6', issuedOn: '2022-02-30' } },
      ],
      { replace: false },
    ).catch((e: unknown) => e);
    expect(failure).toBeInstanceOf(ImportFailed);
    const problems = (failure as ImportFailed).problems.map((p) => `${p.line}:${p.field}`);
    expect(problems).toEqual(['2:title', '3:category', '4:interprets', '5:validityChangedOn', '6:ref', '7:agency', '8:issuedOn']);
    expect((failure as ImportFailed).problems[0]?.message).toContain('标题');
    expect(await count()).toBe(before);
  });

  it('replaces a record with the same ref only when asked', async () => {
    await expect(
      importDocuments({ db: tdb.db, clock }, actor, [{ line: 1, record: { ...normative, title: '新标题' } }], { replace: false }),
    ).rejects.toBeInstanceOf(ImportFailed);
    await importDocuments({ db: tdb.db, clock }, actor, [{ line: 1, record: { ...normative, title: '聊城市中小企业公共服务平台管理办法（修订）' } }], {
      replace: true,
    });
    const row = await tdb.db.selectFrom('documents').select(['title', 'status']).where('ref', '=', 'D-2022-017').executeTakeFirstOrThrow();
    expect(row).toEqual({ title: '聊城市中小企业公共服务平台管理办法（修订）', status: 'published' });
    expect((await searchDocuments(tdb.db, '修订', {}, 1, 10)).total).toBe(1);
  });

  it('exports published documents as interchange records that import again', async () => {
    const records: Record<string, unknown>[] = [];
    for await (const r of exportDocuments(tdb.db, 'imp', { year: 2022 })) records.push(r);
    expect(records.map((r) => r.ref)).toEqual(['D-2022-017', 'D-2022-018', 'N-1']);
    expect(records[1]).toMatchObject({ kind: 'document', interprets: 'D-2022-017', interpretationForm: 'qa', category: 'interpretation' });
    expect(records[0]).toMatchObject({ validity: 'in_force', docNo: '聊工信发〔2022〕12号' });
    const none: unknown[] = [];
    for await (const r of exportDocuments(tdb.db, 'imp', { year: 2021 })) none.push(r);
    expect(none).toEqual([]);
  });

  it('imports and exports through the command line', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gk-imp-'));
    const file = path.join(dir, 'docs.jsonl');
    fs.writeFileSync(
      file,
      `${JSON.stringify({ kind: 'document', ...normative, ref: 'CLI-1' })}\n${JSON.stringify({ kind: 'document', ...normative, ref: 'CLI-2', title: '' })}\n`,
    );
    const lines: string[] = [];
    let errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
      errors += String(c);
      return true;
    });
    const env = { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' };
    try {
      expect(await main(['node', 'gongkai', 'import', file], (l) => lines.push(l), env)).toBe(2);
      expect(errors).toContain('第 2 行 title');
      fs.writeFileSync(file, `${JSON.stringify({ kind: 'document', ...normative, ref: 'CLI-1' })}\n`);
      expect(await main(['node', 'gongkai', 'import', file], (l) => lines.push(l), env)).toBe(0);
      lines.length = 0;
      expect(await main(['node', 'gongkai', 'export', 'documents', 'imp', '--year', '2022'], (l) => lines.push(l), env)).toBe(0);
      expect(lines.map((l) => JSON.parse(l).ref)).toContain('CLI-1');
    } finally {
      spy.mockRestore();
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});
