import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';

const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-check-'));
const write = (name: string, text: string) => {
  const file = path.join(dir, name);
  fs.writeFileSync(file, text);
  return file;
};
async function run(...args: string[]) {
  const lines: string[] = [];
  let errors = '';
  const spy = vi.spyOn(process.stderr, 'write').mockImplementation((c) => {
    errors += String(c);
    return true;
  });
  try {
    const code = await main(['node', 'gongkai', 'report', 'check', ...args], (l) => lines.push(l), { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' });
    return { code, out: lines.join('\n'), errors };
  } finally {
    spy.mockRestore();
  }
}

const HEAD = 'table,row,natural_person,business,research,public_interest,legal_services,other_org,total';
// 2 received, 1 carried in, 2 granted, 1 carried out; business column blank throughout.
const GOOD = [
  'agency,year,format',
  'lcgxj,2022,2021',
  HEAD,
  'applications,received,2,,,,,,2',
  'applications,carriedIn,1,,,,,,1',
  'applications,granted,2,,,,,,2',
  'applications,closedTotal,2,,,,,,2',
  'applications,carriedOut,1,,,,,,1',
  'table,row,upheld,corrected,other,pending,total',
  'appeals,reconsideration,1,,,,1',
].join('\n');

describe('gongkai report check', () => {
  it('passes consistent tables (CSV, blank cells as 0) with exit 0', async () => {
    const res = await run(write('good.csv', GOOD));
    expect(res.code).toBe(0);
    expect(res.out).toContain('R1 表三各列：第一项加第二项之和等于第三项加第四项之和：通过');
    expect(res.out).toContain('R5 跨年度：本年上年结转等于上年结转下年度继续办理：未检查（缺少上一年度数据）');
    expect(res.out).toContain('全部校验通过。');
  });

  it('names each failing cell and exits 1', async () => {
    const broken = GOOD.replace('applications,carriedOut,1,,,,,,1', 'applications,carriedOut,1,,,,,,3').replace(
      'appeals,reconsideration,1,,,,1',
      'appeals,reconsideration,1,,,,2',
    );
    const res = await run(write('broken.csv', broken));
    expect(res.code).toBe(1);
    expect(res.out).toContain('R1 表三各列：第一项加第二项之和等于第三项加第四项之和：未通过');
    expect(res.out).toContain('  列“总计”：本年新收（2）加上年结转（1）为 3，总计（2）加结转下年度（3）为 5，两者不等');
    expect(res.out).toContain('  行“四、结转下年度继续办理”：总计为 3，六类申请人之和为 1');
    expect(res.out).toContain('  “行政复议”：总计为 2，四项结果之和为 1');
    expect(res.errors).toContain('校验未通过：R1、R3、T4。');
  });

  it('checks R5 against the previous year’s file, and reads the JSON shape', async () => {
    const previous = {
      year: 2021,
      tables: { applications: { carriedOut: { natural_person: 2, total: 2 } } },
    };
    const res = await run(write('good2.csv', GOOD), '--previous', write('prev.json', JSON.stringify(previous)));
    expect(res.code).toBe(1);
    expect(res.out).toContain('列“自然人”：本年“上年结转”为 1，上一年度“结转下年度继续办理”为 2');
    const json = {
      year: 2022,
      format: '2021',
      tables: { applications: { received: { natural_person: 1, total: 1 }, carriedOut: { natural_person: 1, total: 1 } } },
    };
    const ok = await run(write('ok.json', JSON.stringify(json)));
    expect(ok.code).toBe(0);
  });

  it('exits 2 on a file it cannot read', async () => {
    expect((await run(path.join(dir, 'missing.csv'))).code).toBe(2);
    const bad = await run(write('bad.csv', `${HEAD}\napplications,received,x`));
    expect(bad.code).toBe(2);
    expect(bad.errors).toContain('无法读取报告表格：第 2 行（applications received）列 natural_person：“x”不是数字');
  });
});
