/**
 * The seed agency's report records (lcgxj, 聊城市工业和信息化局): its 2021 and 2022 yearly figures, the 13 CPPCC
 * proposals and 12 NPC suggestions of 2022, the 7月15日 training, the 2022 工作要点 and the rectification list whose
 * problems section 五 of the seed names. The report's tables 2–4 and the 主动公开 counts come from the documents and
 * applications modules' own demo data through the report sources; nothing here writes a report's numbers as text.
 */
import type { Agency } from '../db/schema.ts';
import { saveFigures } from '../figures/figures.service.ts';
import { createProposal } from '../proposals/proposals.service.ts';
import type { RecordDeps } from '../records/crud.ts';
import { closeRectificationItem, createRectificationItem } from '../rectification/rectification.service.ts';
import { advanceReport, startReport } from '../reports/reports.service.ts';
import type { ReportSources } from '../reports/sources.ts';
import type { Actor } from '../shared/actor.ts';
import { fixedClock } from '../shared/clock.ts';
import { DomainError } from '../shared/errors.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createTraining } from '../trainings/trainings.service.ts';
import { createWorkTask, saveWorkPlanTitle } from '../workpoints/workpoints.service.ts';

/** Creates the seed agency's report records for 2021 and 2022. */
export async function seedReportRecords(deps: RecordDeps, actor: Actor, agency: Pick<Agency, 'id'>): Promise<void> {
  // 2021 figures are illustrative (the seed gives only 2022's); 2022's are the seed's own.
  await saveFigures(deps, actor, agency.id, {
    year: 2021,
    websiteUpdates: 731,
    websiteVisits: 76412,
    newMediaPosts: 2010,
    newMediaReads: 231000,
    newMediaAccounts: '“聊城工信”微信公众号',
  });
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
    attendance: 36,
    notes:
      '集中学习了《中华人民共和国政府信息公开条例》，传达了《聊城市人民政府办公室关于切实做好全市政务公开半年迎评工作的紧急通知》《市工信局关于进一步加强和规范政务公开工作的通知》要求，对政务公开基本业务开展培训',
  });

  await saveWorkPlanTitle(deps, actor, agency.id, { year: 2022, title: '2022年聊城市政务公开工作要点' });
  for (const [task, owner] of [
    ['制定市工信局政务公开目录和实施方案', '办公室'],
    ['规范性文件与解读材料同步起草、同步审签、同步发布', '政策法规科'],
    ['做好人大建议、政协提案办理结果公开', '办公室'],
    ['更新部门职能、权责清单等基础信息', '人事科'],
    ['按时编制并发布政府信息公开工作年度报告', '办公室'],
  ] as const) {
    await createWorkTask(deps, actor, agency.id, { year: 2022, task, owner, status: 'done' });
  }

  const problems = [
    [
      '能力水平还不到位',
      '加强政务公开工作理论学习和业务培训。深化对政务公开的内容、程序、时限、要求及其他相关注意事项的理解，重视干部职工理论知识学习和业务技能培训，提升专业素养，有效提升政务公开工作专业化、规范化水平',
      '办公室',
    ],
    [
      '组织建设仍需改进',
      '成立工作专班，加强组织建设。根据人员变动及时调整局政务公开工作领导小组，制定详实有效的工作方案，确定专职工作人员负责政务公开工作',
      '办公室',
    ],
    [
      '公开平台有待提升',
      '加强政务公开平台建设。优化调整政务信息公开平台的栏目和功能，扩大政务信息公开渠道和范围，充分利用“聊企通”政策服务平台、“聊城工信”微信公众号等多种形式，及时发布涉企政策',
      '信息化推进科',
    ],
    [
      '解读形式不够丰富',
      '加强文件解读力度，丰富解读形式。对涉及企业、群众切身利益的政策进行精细化解读，多采用图片、数据、图表等易看易懂的形式，不断提高政策可读性和知晓度',
      '政策法规科',
    ],
  ] as const;
  for (const [i, [problem, measure, owner]] of problems.entries()) {
    const item = await createRectificationItem(deps, actor, agency.id, {
      problem,
      source: i < 2 ? 'supervision' : 'evaluation',
      sourceDetail: i < 2 ? '市政府公开办' : '第三方评估',
      foundOn: '2022-07-01',
      measure,
      owner,
      dueOn: '2023-06-30',
    });
    if (i === 2) await closeRectificationItem(deps, actor, agency.id, item.id, '2022-11-20');
  }
}

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
    for (const step of ['review', 'approve', 'publish'] as const) await advanceReport(inJanuary, actor, agency, 2022, step);
    log(t.reports.demo.published);
  } catch (error) {
    // Data from other modules that fails the checks leaves the report unpublished, with the reason, not a broken demo.
    if (!(error instanceof DomainError) || error.code !== 'INVALID_STATE') throw error;
    log(t.reports.demo.notPublished(error.message));
  }
}
