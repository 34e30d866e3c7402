import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.ts';
import { loadConfig } from '../../src/config.ts';
import { buildDemo } from '../../src/demo/demo.ts';

// The seed report (聊城市工业和信息化局 2022年政府信息公开工作年度报告, as given to the project), word for word.
const SEED = fs.readFileSync(path.join(import.meta.dirname, '../fixtures/seed-2022-lcgxj.txt'), 'utf8');

// Each factual statement of the seed, as the seed words it: the demo's 2022 report must say every one, drafted from
// its records. Left out, because the draft says them otherwise: the seed's list of 主动公开 contents and 市政府《…》 (the
// plan's issuer is not a record); 制定公开制度; 采取线上多渠道发布…打造立体政策解读体系 (told in the 工作创新 record).
const STATEMENTS = `
全年主动公开政务信息192篇
全年共发布政策解读材料22篇，切实做到重要政策性文件、规范性文件与解读方案、解读材料“三同步”
视频解读、文稿解读、图文解读、简明问答、领导干部解读、新闻发布会等多样化形式提高政策宣传效果
共受理依申请公开2件，办结2件，申请涉及无线电初级操作证报考、单位机构职能和权责清单等方面的内容
在申请接收、登记、办理、审核、按时答复、归档等各环节依法妥善办理
2021年度，我局共收到2件依申请公开，2022年度依申请公开数量与2021年度持平
严格遵循“先审查后公开”的原则
严格执行《聊城市工业和信息化局信息公开工作保密审核制度》
全年共发布规范性文件2个，全部在文件出台3个工作日之内开展配套解读
明确专人分别负责政府网站、政府信息公开专栏、政务新媒体等平台内容更新
2022年“聊城市工业和信息化局”政府门户网站共更新各类政务动态类信息796条，网站总访问量达82547次
“聊城工信”微信公众号发布信息2237条，阅读量26.8万次
根据人员变动及时调整了聊城市工业和信息化局政务公开工作领导小组，建立了主要负责同志任组长，分管领导任副组长，各科室负责同志为成员，两名同志具体负责的工作机制，专门研究部署推进我局政务公开工作
确保政务公开工作扎实有效推进
7月15日，召开市工信局政务公开工作培训会，集中学习了《中华人民共和国政府信息公开条例》，传达了《聊城市人民政府办公室关于切实做好全市政务公开半年迎评工作的紧急通知》《市工信局关于进一步加强和规范政务公开工作的通知》要求，对政务公开基本业务开展培训
进一步抓好问题整改，对照省、市指标评估体系
市政府公开办和第三方评估反馈的问题清单，逐项销号整改，确保整改到位
但仍存在能力水平还不到位、组织建设仍需改进、公开平台有待提升、解读形式不够丰富等问题。针对上述问题，我局将以改进工作为切入点，推进政务公开工作向纵深发展
一是加强政务公开工作理论学习和业务培训。进一步适应新常态、新思路，深化对政务公开的内容、程序、时限、要求及其他相关注意事项的理解，在不断提升我局政务公开工作整体水平的同时，重视干部职工理论知识学习和业务技能培训，提升专业素养，有力促进政务公开各项工作有序开展，有效提升政务公开工作专业化、规范化水平。
二是成立工作专班，加强组织建设。根据人员变动及时调整局政务公开工作领导小组，制定详实有效的工作方案，抽调精干力量，确定专职工作人员负责政务公开工作，切实提升我局政务公开工作成效，提升公开质量和水平。
三是加强政务公开平台建设。积极主动建设政府信息公开平台建设，优化调整政务信息公开平台的栏目和功能，扩大政务信息公开渠道和范围，提高更新速率，改进公开方式，提升网站吸引力和亲和力。加强新媒体在政务公开工作中的运用，充分利用“聊企通”政策服务平台、 “聊城工信”微信公众号等多种形式，及时发布涉企政策、提供涉企信息查询，不断拓宽公开渠道。
四是加强文件解读力度，丰富解读形式。积极做好政策解读，力求全面、客观、准确地阐明政策的内容，确保政策的时效性、科学性、权威性，对涉及到企业、群众切身利益的政策重点进行精细化解读，进一步完善政策解读材料审核把关机制，确保解读材料中的制定背景、决策依据、出台目的、重要举措等要素完整。不断丰富改进解读形式，减少简单枯燥的文字陈列，多采用图片、数据、图表等易看易懂的工具，不断提高政策可读性和知晓度。
严格执行《政府信息公开信息处理费管理办法》有关规定，2022年度未收取信息处理费
《2022年聊城市政务公开工作要点》
市工信局政务公开目录和实施方案，明确责任分工，逐项对照落实
2022年，我局共承办市政协十四届一次会议提案13件。承办市人大十八届一次会议人大代表建议12件。所有建议、提案全部按时办结，并公开发布，委员、代表满意率均为100%
四是工作创新情况。在省工业和信息化厅网站发表报道两篇，全面总结市工信局通过多渠道线上发布，线下深度培训，精准上门服务，打造立体政策解读体系，将新闻发布会作为政务公开的重要载体，加强新闻发布工作的典型经验。
本报告中所列数据的统计期限自2022年1月1日起至2022年12月31日止
`
  .split('\n')
  .filter(Boolean);

// What the demo used to say and the seed does not (or contradicts: the seed's problems are rectified 逐项销号，确保整改到位).
const NOT_SAID = ['较2021年度增加', '参加36人', '项工作任务已全部完成', '共梳理问题', '已整改到位1项', '正在整改'];

/** Text compared without spaces (the seed has a stray one before a quotation). */
const squeeze = (s: string) => s.replace(/\s+/g, '');
/** Every number written in digits, as printed (26.8 stays 26.8). */
const numbersIn = (s: string) => s.match(/\d+(?:\.\d+)?/g) ?? [];
/** Every number a JSON value holds (the tables' cells). */
const numbersOf = (v: unknown): string[] => (typeof v === 'number' ? [String(v)] : v && typeof v === 'object' ? Object.values(v).flatMap(numbersOf) : []);

/** The narrative's numbers found neither in the seed nor in the report's tables. */
function untraced(narrative: string, seed: string, tables: unknown): string[] {
  const known = new Set([...numbersIn(seed), ...numbersOf(tables)]);
  return [...new Set(numbersIn(narrative))].filter((x) => !known.has(x));
}

describe('the demo’s 2022 report tells the seed’s story, and nothing else', () => {
  let dir: string;
  let markdown: string;
  let report: { tables: unknown; sections: Record<string, string> };
  const run = async (...args: string[]) => {
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation(() => true);
    try {
      expect(await main(['node', 'gongkai', ...args], (l) => lines.push(l), { GONGKAI_DATA_DIR: dir, GONGKAI_LOG_LEVEL: 'silent' })).toBe(0);
      return lines.join('\n');
    } finally {
      spy.mockRestore();
    }
  };
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'gongkai-seed-'));
    await buildDemo(loadConfig({ GONGKAI_DATA_DIR: dir }));
    markdown = await run('report', 'lcgxj', '2022', '--format', 'md');
    report = JSON.parse(await run('report', 'lcgxj', '2022', '--format', 'json'));
  }, 180_000);
  afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

  it.each(STATEMENTS.map((s) => [s.slice(0, 24), s]))('says what the seed says: %s…', (_, statement) => {
    expect(squeeze(SEED)).toContain(squeeze(statement));
    expect(squeeze(markdown)).toContain(squeeze(statement));
  });

  it('says nothing the seed does not give or contradicts', () => {
    for (const phrase of NOT_SAID) expect(markdown).not.toContain(phrase);
  });

  it('states no number that is absent from both the seed and the tables', () => {
    const narrative = Object.values(report.sections).join('\n');
    expect(numbersIn(narrative).length).toBeGreaterThan(20);
    expect(untraced(narrative, SEED, report.tables)).toEqual([]);
    // The check itself: the old invented figures would be caught.
    expect(untraced('较2021年度增加162篇，参加36人', SEED, report.tables)).toEqual(['162', '36']);
  });
});
