import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

describe.each(DIALECTS)('the gongkai command on %s', (dialect) => {
  let tdb: TestDatabase;
  let lines: string[];
  let errors: string;
  const run = async (...args: string[]) => {
    lines = [];
    errors = '';
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      errors += String(chunk);
      return true;
    });
    try {
      return await main(['node', 'gongkai', ...args], (l) => lines.push(l), { ...tdb.env, GONGKAI_LOG_LEVEL: 'silent' });
    } finally {
      spy.mockRestore();
    }
  };
  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
  });
  afterAll(async () => tdb?.cleanup());

  it('lists every command in --help', async () => {
    expect(await run('--help')).toBe(0);
    const help = lines.join('\n');
    for (const cmd of ['serve', 'demo', 'migrate', 'agency', 'user', 'audit']) expect(help).toContain(cmd);
  });

  it('creates and lists agencies, and refuses bad input with exit 2 and a clear message', async () => {
    expect(await run('agency', 'create', 'lcgxj', '聊城市工业和信息化局')).toBe(0);
    expect(lines.join('')).toContain('已创建机关 lcgxj');
    expect(await run('agency', 'create', 'lcgxj', '重复')).toBe(2);
    expect(errors).toContain('该机关代码已被使用');
    expect(await run('agency', 'create', 'Bad Code!', '名称')).toBe(2);
    expect(errors).toContain('小写字母开头');
    expect(await run('agency', 'create', 'x2', '名称', '--kind', 'ministry')).toBe(2);
    expect(await run('agency', 'list')).toBe(0);
    expect(lines.join('\n')).toContain('lcgxj\t聊城市工业和信息化局\tdepartment');
  });

  it('creates users with roles and refuses incomplete requests', async () => {
    expect(await run('user', 'create', 'zhang', '--name', '张三', '--agency', 'lcgxj', '--role', 'editor', '--password', 'Zhang-passw0rd')).toBe(0);
    expect(await run('user', 'create', 'li', '--name', '李四')).toBe(2);
    expect(errors).toContain('--agency');
    expect(await run('user', 'create', 'wang', '--name', '王五', '--agency', 'nope', '--role', 'editor')).toBe(2);
    expect(errors).toContain('机关 nope 不存在');
    expect(await run('user', 'create', 'zhao', '--name', '赵六', '--agency', 'lcgxj', '--role', 'leader')).toBe(0);
    expect(lines.join('')).toMatch(/初始密码：\S+/);
  });

  it('verifies the audit chain, and fails naming the entry after a row is altered', async () => {
    const code = await run('audit', 'verify');
    // Compared together so a failure shows what the command printed on stderr.
    expect({ code, errors }).toMatchObject({ code: 0, errors: '' });
    expect(lines.join('')).toMatch(/审计链完整：共 \d+ 条记录/);
    const row = await tdb.db.selectFrom('auditLog').select(['id']).orderBy('id').limit(1).executeTakeFirstOrThrow();
    await tdb.db.updateTable('auditLog').set({ actorName: '篡改者' }).where('id', '=', row.id).execute();
    expect(await run('audit', 'verify')).toBe(1);
    expect(errors).toContain(`审计链在第 ${row.id} 条记录处断开`);
  });

  it('answers an unknown command with exit 2', async () => {
    expect(await run('frobnicate')).toBe(2);
  });
});
