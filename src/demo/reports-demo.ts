/**
 * The seed agency's report records (lcgxj, 聊城市工业和信息化局), each a statement of the seed report and nothing it
 * does not say: the 2022 yearly figures, the 13 CPPCC proposals and 12 NPC suggestions, the 7月15日 training (its
 * attendance not given), the 工作要点 and its one named task, the leading group as adjusted and the 保密审核制度, the
 * four problems of section 五 with their measures (none closed: the seed says 逐项销号整改，确保整改到位), and the
 * 工作创新. The tables and the 主动公开 counts come from the documents and applications modules' own demo data through
 * the report sources; nothing here writes a report's numbers as text.
 */
import type { Agency } from '../db/schema.ts';
import { saveFigures } from '../figures/figures.service.ts';
import { createInnovation } from '../innovations/innovations.service.ts';
import { createMechanism } from '../mechanisms/mechanisms.service.ts';
import { createProposal } from '../proposals/proposals.service.ts';
import type { RecordDeps } from '../records/crud.ts';
import { createRectificationItem } from '../rectification/rectification.service.ts';
import { advanceReport } from '../reports/report-workflow.ts';
import { startReport } from '../reports/reports.service.ts';
import type { ReportSources } from '../reports/sources.ts';
import type { Actor } from '../shared/actor.ts';
import { fixedClock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createTraining } from '../trainings/trainings.service.ts';
import { createWorkTask, saveWorkPlanTitle } from '../workpoints/workpoints.service.ts';

/** Creates the seed agency's report records for 2021 and 2022. */
export async function seedReportRecords(deps: RecordDeps, actor: Actor, agency: Pick<Agency, 'id'>): Promise<void> {
  // The seed gives 2022's figures only: no 2021 figures are made up.
  await saveFigures(deps, actor, agency.id, {
    year: 2022,
    licensingDecisions: 0,
    penaltyDecisions: 0,
    coercionDecisions: 0,
    feesWan: 0,
    websiteUpdates: 796,
    websiteVisits: 82547,
    newMediaPosts: 2237,
    newMediaReads: 268000,
    processingFeeNotices: 0,
    processingFeeCollected: 0,
    newMediaAccounts: '“聊城工信”微信公众号',
  });

  const cppccTopics = [
    '工业互联网',
    '专精特新企业培育',
    '制造业数字化转型',
    '工业园区基础设施',
    '中小企业融资',
    '新材料产业',
    '企业技术改造',
    '智能制造',
    '绿色低碳转型',
    '人才引进',
    '营商环境',
    '5G 基站建设',
    '产业链招商',
  ];
  for (const [i, topic] of cppccTopics.entries()) {
    await createProposal(deps, actor, agency.id, {
      year: 2022,
      kind: 'cppcc',
      number: `第${String(101 + i * 7)}号`,
      title: `关于加快推进${topic}的提案`,
      session: '市政协十四届一次会议',
      handledOn: `2022-0${5 + (i % 3)}-${String(10 + i).padStart(2, '0')}`,
      onTime: 'on',
      replyPublished: 'on',
      satisfaction: 'satisfied',
    });
  }
  const npcTopics = [
    '县域特色产业',
    '传统产业升级',
    '工业企业安全生产',
    '数字经济发展',
    '小微企业纾困',
    '工业用地保障',
    '企业用工',
    '制造业品牌建设',
    '产业集群',
    '信息化基础设施',
    '节能降耗',
    '民营经济发展',
  ];
  for (const [i, topic] of npcTopics.entries()) {
    await createProposal(deps, actor, agency.id, {
      year: 2022,
      kind: 'npc',
      number: `第${String(201 + i * 5)}号`,
      title: `关于支持${topic}的建议`,
      session: '市人大十八届一次会议',
      handledOn: `2022-0${5 + (i % 3)}-${String(12 + i).padStart(2, '0')}`,
      onTime: 'on',
      replyPublished: 'on',
      satisfaction: 'satisfied',
    });
  }

  await createTraining(deps, actor, agency.id, {
    heldOn: '2022-07-15',
    kind: 'training',
    topic: '市工信局政务公开工作培训会',
    notes:
      '集中学习了《中华人民共和国政府信息公开条例》，传达了《聊城市人民政府办公室关于切实做好全市政务公开半年迎评工作的紧急通知》《市工信局关于进一步加强和规范政务公开工作的通知》要求，对政务公开基本业务开展培训',
  });

  await saveWorkPlanTitle(deps, actor, agency.id, { year: 2022, title: '2022年聊城市政务公开工作要点' });
  await createWorkTask(deps, actor, agency.id, { year: 2022, task: '制定市工信局政务公开目录和实施方案', owner: '办公室', status: 'done' });

  // The seed's section 五: four problems and their measures, as it words them; found against the lists of the
  // evaluation system, the city's disclosure office and the third-party assessment its 监督保障 names.
  const problems = [
    ['能力水平还不到位', '省、市指标评估体系', 'evaluation', MEASURES[0]],
    ['组织建设仍需改进', '市政府公开办', 'supervision', MEASURES[1]],
    ['公开平台有待提升', '第三方评估', 'evaluation', MEASURES[2]],
    ['解读形式不够丰富', '第三方评估', 'evaluation', MEASURES[3]],
  ] as const;
  for (const [problem, sourceDetail, source, measure] of problems) {
    await createRectificationItem(deps, actor, agency.id, {
      problem,
      source,
      sourceDetail,
      foundOn: '2022-07-01',
      measure,
      owner: '办公室',
      dueOn: '2023-06-30',
    });
  }

  // The seed's 监督保障 and 政府信息管理: the leading group adjusted after staff changes, and the rule it works by.
  await createMechanism(deps, actor, agency.id, {
    kind: 'leading_group',
    name: '聊城市工业和信息化局政务公开工作领导小组',
    adoptedOn: '2022-03-01',
    adjusted: 'on',
    reason: '根据人员变动',
    detail: '主要负责同志任组长，分管领导任副组长，各科室负责同志为成员，两名同志具体负责',
  });
  await createMechanism(deps, actor, agency.id, { kind: 'rule', name: '聊城市工业和信息化局信息公开工作保密审核制度', adoptedOn: '2021-06-01' });

  // The seed's 四是工作创新情况.
  await createInnovation(deps, actor, agency.id, {
    notedOn: '2022-12-20',
    title: '打造立体政策解读体系',
    summary:
      '在省工业和信息化厅网站发表报道两篇，全面总结市工信局通过多渠道线上发布，线下深度培训，精准上门服务，打造立体政策解读体系，将新闻发布会作为政务公开的重要载体，加强新闻发布工作的典型经验。',
  });
}

/** The seed's improvement measures (section 五), word for word. */
const MEASURES = [
  '加强政务公开工作理论学习和业务培训。进一步适应新常态、新思路，深化对政务公开的内容、程序、时限、要求及其他相关注意事项的理解，在不断提升我局政务公开工作整体水平的同时，重视干部职工理论知识学习和业务技能培训，提升专业素养，有力促进政务公开各项工作有序开展，有效提升政务公开工作专业化、规范化水平',
  '成立工作专班，加强组织建设。根据人员变动及时调整局政务公开工作领导小组，制定详实有效的工作方案，抽调精干力量，确定专职工作人员负责政务公开工作，切实提升我局政务公开工作成效，提升公开质量和水平',
  '加强政务公开平台建设。积极主动建设政府信息公开平台建设，优化调整政务信息公开平台的栏目和功能，扩大政务信息公开渠道和范围，提高更新速率，改进公开方式，提升网站吸引力和亲和力。加强新媒体在政务公开工作中的运用，充分利用“聊企通”政策服务平台、“聊城工信”微信公众号等多种形式，及时发布涉企政策、提供涉企信息查询，不断拓宽公开渠道',
  '加强文件解读力度，丰富解读形式。积极做好政策解读，力求全面、客观、准确地阐明政策的内容，确保政策的时效性、科学性、权威性，对涉及到企业、群众切身利益的政策重点进行精细化解读，进一步完善政策解读材料审核把关机制，确保解读材料中的制定背景、决策依据、出台目的、重要举措等要素完整。不断丰富改进解读形式，减少简单枯燥的文字陈列，多采用图片、数据、图表等易看易懂的工具，不断提高政策可读性和知晓度',
] as const;

/**
 * The seed agency's records, then its 2022 report drafted from the data and taken through review, approval and
 * publication (dated January 2023, when such a report is published).
 */
export async function buildReportsDemo(
  deps: RecordDeps & { sources: ReportSources },
  actor: Actor,
  agency: Pick<Agency, 'id' | 'code' | 'name' | 'kind'>,
  log: (line: string) => void = () => {},
): Promise<void> {
  await seedReportRecords(deps, actor, agency);
  const inJanuary = { ...deps, clock: fixedClock('2023-01-16T02:00:00Z') };
  await startReport(inJanuary, actor, agency, 2022);
  try {
    for (const step of ['submit', 'review', 'approve', 'publish'] as const) await advanceReport(inJanuary, actor, agency, 2022, step);
    log(t.reports.demo.published);
  } catch (error) {
    // Data from other modules that fails the checks leaves the report unpublished, with the reason, not a broken demo.
    if (!(error instanceof DomainError) || (error.code !== 'INVALID_STATE' && error.code !== 'VALIDATION')) throw error;
    log(t.reports.demo.notPublished(error.message));
  }
}
