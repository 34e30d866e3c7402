import { describe, expect, it } from 'vitest';
import { emptyFigures } from '../figures/figures.schema.ts';
import { summarizeProposals } from '../proposals/proposals.service.ts';
import { emptyTable3, emptyTable4 } from '../vocabulary/report-format.ts';
import {
  compareWithPrevious,
  draftSections,
  formatWan,
  joinSections,
  type NarrativeFacts,
  numberWarnings,
  SIMILARITY_THRESHOLD,
  selfReference,
  similarity,
  similarityWarnings,
  splitOverview,
  toFillWarnings,
} from './narrative.ts';

function facts(over: Partial<NarrativeFacts> = {}): NarrativeFacts {
  const t3 = emptyTable3();
  t3.received.natural_person = 2;
  t3.received.total = 2;
  t3.outcomes.granted.total = 2;
  t3.outcomes.granted.natural_person = 2;
  t3.closedTotal.natural_person = 2;
  t3.closedTotal.total = 2;
  return {
    agencyName: '聊城市工业和信息化局',
    agencyKind: 'department',
    year: 2022,
    proactive: { published: 192, interpretations: 22, normativeIssued: 2, normativeInterpretedOnTime: 2, interpretationForms: [] },
    previousProactive: null,
    documents: { rules: { issued: 0, repealed: 0, inForce: 0, published: 0 }, normativeDocuments: { issued: 2, repealed: 0, inForce: 9, published: 2 } },
    applications: t3,
    previousApplications: null,
    applicationSubjects: [],
    appeals: emptyTable4(),
    figures: { ...emptyFigures(2022), websiteUpdates: 796, websiteVisits: 82547, newMediaPosts: 2237, newMediaReads: 268000 },
    previousFigures: null,
    proposals: summarizeProposals([]),
    trainings: [],
    workPlan: { title: null, total: 0, done: 0, doneTasks: [] },
    mechanisms: { leadingGroup: null, rules: [] },
    innovations: [],
    rectification: { found: [], previousYear: { total: 0, closed: 0 } },
    ...over,
  };
}

describe('the drafted narrative', () => {
  it('speaks of the agency as the seed does and prints large counts in 万', () => {
    expect(selfReference('聊城市工业和信息化局', 'department')).toBe('我局');
    expect(selfReference('聊城市发展和改革委员会', 'department')).toBe('我委');
    expect(selfReference('聊城市人民政府', 'government')).toBe('本级政府');
    expect(formatWan(268000)).toBe('26.8万');
    expect(formatWan(82547)).toBe('82547');
    expect(formatWan(1234567)).toBe('123.46万');
    expect(compareWithPrevious(2, 2, 2021, '件')).toBe('与2021年度持平');
    expect(compareWithPrevious(5, 2, 2021, '件')).toBe('较2021年度增加3件');
    expect(compareWithPrevious(1, 2, 2021, '篇')).toBe('较2021年度减少1篇');
  });

  it('adds the sixth sub-heading for a people’s government, to be filled in', () => {
    const s = draftSections(facts({ agencyKind: 'government', agencyName: '聊城市人民政府' }));
    const joined = joinSections(s, 'government');
    expect(joined.overview).toContain('（六）工作考核、社会评议和责任追究结果情况\n【待填写');
    expect(toFillWarnings(s, 'government').map((w) => w.section)).toContain('（六）工作考核、社会评议和责任追究结果情况');
    expect(splitOverview(joined.overview)).toEqual(s.overview);
  });

  it('warns where a sentence’s number disagrees with the tables, naming the sentence and the source', () => {
    const s = draftSections(facts());
    expect(numberWarnings(s, facts())).toEqual([]);
    const edited = { ...s, overview: { ...s.overview, onRequest: '2022年共受理依申请公开3件，办结2件。2021年度，我局共收到5件依申请公开。' } };
    const warnings = numberWarnings(edited, facts());
    expect(warnings).toHaveLength(1);
    expect(warnings[0]?.message).toBe('“2022年共受理依申请公开3件，办结2件”中的“受理依申请公开3件”与表三“本年新收”总计（2）不一致');
    const reads = { ...s, overview: { ...s.overview, platforms: '公众号发布信息2237条，阅读量30万次。' } };
    expect(numberWarnings(reads, facts())[0]?.message).toContain('政务新媒体阅读量”（26.8万）');
  });

  it('tells the leading group, trainings, rectification, the 工作要点 and 工作创新 from the records, with no count they do not hold', () => {
    const group = { name: '某局政务公开工作领导小组', adoptedOn: '2022-03-01', adjusted: true, reason: '根据人员变动', detail: '主要负责同志任组长' };
    const training = { heldOn: '2022-07-15', kind: 'training' as const, topic: '政务公开工作培训会', attendance: 0, notes: null };
    const found = { problem: '解读形式不够丰富', measure: '丰富解读形式', closedOn: null };
    const s = draftSections(
      facts({
        mechanisms: { leadingGroup: group, rules: ['某局信息公开工作保密审核制度'] },
        trainings: [training],
        rectification: {
          found: [
            { ...found, source: '市政府公开办' },
            { ...found, source: '第三方评估' },
            { ...found, source: '自查' },
          ],
          previousYear: { total: 0, closed: 0 },
        },
        workPlan: { title: '2022年政务公开工作要点', total: 1, done: 1, doneTasks: ['制定政务公开目录'] },
        innovations: [{ title: '直通车', summary: '开设惠企政策直通车。' }],
      }),
    );
    expect(s.overview.oversight).toContain('根据人员变动及时调整了某局政务公开工作领导小组，建立了主要负责同志任组长的工作机制');
    expect(s.overview.oversight).toContain('7月15日，召开政务公开工作培训会。');
    expect(s.overview.oversight).toContain('对照市政府公开办、第三方评估和自查反馈的问题清单，逐项销号整改，确保整改到位。');
    expect(s.overview.management).toContain('严格执行《某局信息公开工作保密审核制度》，');
    expect(s.other).toContain('严格贯彻落实《2022年政务公开工作要点》，制定政务公开目录，明确责任分工，逐项对照落实。');
    expect(s.other).toContain('三是工作创新情况。开设惠企政策直通车。');
    expect(s.overview.oversight + s.other).not.toMatch(/参加\d|\d项工作任务|共梳理问题/);
    const later = draftSections(
      facts({ year: 2023, mechanisms: { leadingGroup: { ...group, adjusted: false }, rules: [] }, trainings: [{ ...training, attendance: 30 }] }),
    );
    expect(later.overview.oversight).toContain('进一步完善工作机制，某局政务公开工作领导小组实行主要负责同志任组长的工作机制');
    const counted = draftSections(
      facts({ trainings: [{ ...training, attendance: 30 }], workPlan: { title: null, total: 5, done: 2, doneTasks: ['甲', '乙'] } }),
    );
    expect(counted.overview.oversight).toContain('，参加30人。');
    expect(counted.other).toContain('甲，乙，明确责任分工，逐项对照落实，5项工作任务已完成2项，其余3项正在推进。');
  });

  it('warns where a section is largely last year’s text (digits ignored), not where it was rewritten', () => {
    const thisYear = draftSections(facts());
    const lastYear = draftSections(
      facts({ year: 2021, proactive: { published: 150, interpretations: 9, normativeIssued: 1, normativeInterpretedOnTime: 1, interpretationForms: [] } }),
    );
    const warnings = similarityWarnings(thisYear, lastYear, 'department', 2021);
    expect(warnings.map((w) => w.section)).toContain('（一）主动公开');
    expect(warnings[0]?.message).toMatch(/与2021年度报告同一部分的文字相似度为 \d+%/);
    const rewritten = {
      ...thisYear,
      overview: {
        ...thisYear.overview,
        active:
          '今年围绕企业关切，新开设“惠企政策直通车”专栏，集中发布涉企政策清单和申报指南，逐条标注适用对象、兑现条件和办理渠道；对新出台的两份规范性文件分别制作图解和问答，在公众号同步推送，累计发布信息192篇。',
      },
    };
    expect(similarity(rewritten.overview.active, lastYear.overview.active)).toBeLessThan(SIMILARITY_THRESHOLD);
    expect(similarityWarnings(rewritten, lastYear, 'department', 2021).map((w) => w.section)).not.toContain('（一）主动公开');
    expect(similarity('太短', '太短')).toBe(0);
  });
});
