/**
 * Real published reports (test/fixtures/reports, each transcribed from the page named in its header), read as HTML and
 * as CSV: each is read, and every finding is a real inconsistency of that report; none is invented.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { readPublishedFile } from '../../src/reports/published/read-published.ts';
import { checkPublishedReport } from '../../src/reports/report-check.ts';
import { decodeInputBytes } from '../../src/shared/input-text.ts';

const DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../fixtures/reports');

async function check(name: string) {
  const report = await readPublishedFile(name, fs.readFileSync(path.join(DIR, name)), (b) => decodeInputBytes(b));
  const result = checkPublishedReport(report);
  return { report, result, findings: result.checks.flatMap((c) => c.problems) };
}

describe.each(['html', 'csv'])('real published reports, as %s', (ext) => {
  it('长春市二道区房屋征收工作管理办公室 2022: table 3 row （一）予以公开 has 18 under 自然人 and its 总计 left blank (未填写)', async () => {
    const { report, findings } = await check(`changchun-erdao-zhengshou-2022.${ext}`);
    expect(report.format).toBe('2021');
    expect(report.cells.filter((c) => c.table === 'applications' && c.state === 'number').length).toBe(5);
    expect(findings).toEqual(['表三行“（一）予以公开”列“总计”：未填写（其所合计的各项之和为 18）']);
    // The printed slips (只计这一情况, 三类内容事务信息) are read as their rows, not as extra rows.
    expect(report.extraRows).toEqual([]);
    expect(report.notes[0]).toBe('未找到表四');
  });

  it('雄县 township 2019: tables 3 and 4 printed with every cell empty (整表未填写); table 2 holds one 0', async () => {
    const { report, findings } = await check(`xiongxian-township-2019.${ext}`);
    expect({ format: report.format, by: report.formatBy }).toEqual({ format: '2019', by: 'labels' });
    expect(findings).toEqual(['表三：整表未填写', '表四：整表未填写']);
  });

  it('武汉市汉阳区人民政府办公室 2022: no finding (现行有效件数（历史累计）read; the text’s 8 applications agree with table 3)', async () => {
    const { report, findings } = await check(`wuhan-hanyang-qzfb-2022.${ext}`);
    expect(findings).toEqual([]);
    const inForce = report.cells.find((c) => c.row === 'normativeDocuments' && c.col === 'inForce');
    expect(inForce).toMatchObject({ value: 8 });
    expect(report.cells.find((c) => c.row === 'received' && c.col === 'total')?.value).toBe(8);
  });

  it('天津市河西区政务服务办 2022: no finding (1517 licensing decisions, 4 applications of which 3 from 其他)', async () => {
    const { report, findings } = await check(`tianjin-hexi-zwfwb-2022.${ext}`);
    expect(findings).toEqual([]);
    expect(report.cells.find((c) => c.row === 'licensing')?.value).toBe(1517);
    expect(report.cells.find((c) => c.row === 'granted' && c.col === 'other_org')?.value).toBe(3);
  });

  it('耒阳市马水镇 2019: no finding; the 2019 layout read though its header prints 本年增/ for 本年增/减', async () => {
    const { report, findings } = await check(`leiyang-mashui-2019.${ext}`);
    expect(findings).toEqual([]);
    expect(report.format).toBe('2019');
    expect(report.cells.filter((c) => c.col === 'change')).toHaveLength(4);
  });

  it('会昌县中村乡 2020: no finding; 2019 layout with 政府集中采购 1 项 8040', async () => {
    const { report, findings } = await check(`huichang-zhongcun-2020.${ext}`);
    expect(findings).toEqual([]);
    expect(report.cells.filter((c) => c.row === 'procurement').map((c) => c.value)).toEqual([1, 8040]);
  });

  it('威海市文登区审计局 2020, last page: no finding; “未出现申请行政复议、提起行政诉讼” agrees with table 4’s zeros', async () => {
    const { report, findings } = await check(`wendeng-shenji-2020-p9.${ext}`);
    expect(findings).toEqual([]);
    expect(report.format).toBe('2019');
    expect(report.cells.filter((c) => c.table === 'appeals')).toHaveLength(15);
  });
});

describe('gongkai report check DIR', () => {
  async function run(...args: string[]) {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'report-dir-'));
      const code = await main(['node', 'gongkai', 'report', 'check', ...args], (l) => lines.push(l), {
        GONGKAI_DATA_DIR: dataDir,
        GONGKAI_LOG_LEVEL: 'silent',
      });
      return { code, out: lines.join('\n') };
    } finally {
      spy.mockRestore();
    }
  }

  it('checks every report file of the folder with a summary per file, exit 1 when one fails', async () => {
    const res = await run(DIR);
    expect(res.code).toBe(1);
    expect(res.out).toContain('== changchun-erdao-zhengshou-2022.html：未通过：未填写');
    expect(res.out).toContain('== wuhan-hanyang-qzfb-2022.html：全部校验通过');
    expect(res.out).toContain('共 24 个文件：7 个未通过校验，0 个无法读取。');
  });

  it('exits 2 when a file of the folder cannot be read, 0 when all pass', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'reports-'));
    fs.copyFileSync(path.join(DIR, 'wuhan-hanyang-qzfb-2022.html'), path.join(dir, 'a.html'));
    expect((await run(dir)).code).toBe(0);
    fs.writeFileSync(path.join(dir, 'b.docx'), 'not a zip');
    const res = await run(dir);
    expect(res.code).toBe(2);
    expect(res.out).toContain('== b.docx：无法读取');
  });

  it('prints what was read of one page: the layout, the normalised table, what could not be read', async () => {
    const res = await run(path.join(DIR, 'changchun-erdao-zhengshou-2022.html'));
    expect(res.code).toBe(1);
    expect(res.out).toContain('读取：html 文件，2021 年格式（国办公开办函〔2021〕30号）（依表格标签判断），年度：2022');
    expect(res.out).toContain('  （一）予以公开｜自然人 18｜商业企业 空｜科研机构 空｜社会公益组织 空｜法律服务机构 空｜其他 空｜总计 空');
    expect(res.out).toContain('未能读取：');
  });
});
