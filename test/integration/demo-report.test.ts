import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDemo } from '../../src/demo/demo.ts';

// `npm run demo` reproduces the seed report: every figure of ../shared/seed, with tables 2–4 computed from the demo's records.
describe('the demo reproduces the seed agency’s 2022 report', () => {
  let dir: string;
  let report: { tables: Record<string, Record<string, Record<string, number | Record<string, number>>>>; checks: { rule: string; ok: boolean }[] };
  let markdown: string;
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const code = await main(['node', 'gongkai', ...args], (l) => lines.push(l), { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' });
      expect(code).toBe(0);
      return lines.join('\n');
    } finally {
      spy.mockRestore();
    }
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-demo-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir }));
    report = JSON.parse(await run('report', 'lcgxj', '2022', '--format', 'json'));
    markdown = await run('report', 'lcgxj', '2022', '--format', 'md');
  }, 120_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each([
    '全年主动公开政务信息192篇',
    '全年共发布政策解读材料22篇',
    '共受理依申请公开2件，办结2件',
    '2021年度，我局共收到2件依申请公开，2022年度依申请公开数量与2021年度持平',
    '全年共发布规范性文件2个，全部在文件出台3个工作日之内开展配套解读',
    '共更新各类政务动态类信息796条，网站总访问量达82547次',
    '发布信息2237条，阅读量26.8万次',
    '提案13件',
    '人大代表建议12件',
    '所有建议、提案全部按时办结，并公开发布，委员、代表满意率均为100%',
    '2022年度未收取信息处理费',
    '7月15日，召开市工信局政务公开工作培训会',
  ])('says “%s”', (phrase) => {
    expect(markdown).toContain(phrase);
  });

  it('fills tables 2–4 from the records, and every check passes', () => {
    const t = report.tables;
    expect(t.proactive?.normativeDocuments).toMatchObject({ issued: 2 });
    expect(t.applications?.received).toMatchObject({ natural_person: 2, total: 2 });
    expect(t.applications?.closedTotal).toMatchObject({ total: 2 });
    expect(t.applications?.carriedOut).toMatchObject({ total: 0 });
    expect(t.appeals?.reconsideration).toMatchObject({ total: 0 });
    expect(report.checks.length).toBeGreaterThanOrEqual(5);
    expect(report.checks.filter((c) => !c.ok)).toEqual([]);
    expect(markdown).toContain('| 一、本年新收政府信息公开申请数量 | 2 | 0 | 0 | 0 | 0 | 0 | 2 |');
  });
});
