/**
 * Realistic Chinese government text for the demo and the benchmark: sentences assembled from the phrases a
 * 市工业和信息化局 actually writes, driven by a seeded PRNG so every run produces the same documents.
 */

/** mulberry32: a small, fast, seedable PRNG (deterministic demo data and benchmarks). */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const pick = <T>(rng: () => number, list: readonly T[]): T => list[Math.floor(rng() * list.length)] as T;

const SUBJECTS = [
  '各县（市、区）工业和信息化局',
  '市属开发区经济发展部',
  '各有关企业',
  '局机关各科室',
  '各重点工业企业',
  '各有关单位',
  '全市规模以上工业企业',
  '各中小企业公共服务平台',
];
const ACTIONS = ['认真贯彻落实', '深入推进', '扎实开展', '全面落实', '加快推动', '持续优化', '统筹做好', '着力强化', '进一步规范', '切实加强'];
const OBJECTS = [
  '工业经济稳增长各项政策措施',
  '“专精特新”中小企业培育工作',
  '制造业数字化转型',
  '工业企业技术改造',
  '工业互联网平台建设',
  '节能降碳和绿色制造体系建设',
  '中小企业纾困帮扶',
  '先进制造业集群培育',
  '重点产业链“链长制”',
  '安全生产专项整治',
  '企业上云用云',
  '优化营商环境',
  '新一代信息技术产业发展',
  '无线电频率和台站管理',
  '民营经济高质量发展',
  '首台（套）技术装备推广应用',
  '工业设计中心认定',
  '“亩产效益”评价改革',
  '化工园区认定管理',
  '5G基站建设',
];
const PURPOSES = [
  '推动全市工业经济高质量发展',
  '确保各项目标任务落到实处',
  '切实减轻企业负担',
  '提升产业链供应链现代化水平',
  '增强企业核心竞争力',
  '营造良好发展环境',
  '促进中小企业健康发展',
  '加快新旧动能转换',
];
const CLOSINGS = [
  '请各单位高度重视，精心组织，按时报送有关材料。',
  '执行中遇到的问题，请及时向市工业和信息化局反馈。',
  '本通知自印发之日起施行。',
  '请于规定时间内将申报材料报送至市工业和信息化局。',
  '各有关单位要加强组织领导，明确责任分工，确保工作取得实效。',
  '联系科室：市工业和信息化局相关业务科室。',
];

/** One sentence of government prose. */
export function sentence(rng: () => number): string {
  switch (Math.floor(rng() * 4)) {
    case 0:
      return `${pick(rng, SUBJECTS)}要${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}，${pick(rng, PURPOSES)}。`;
    case 1:
      return `为${pick(rng, PURPOSES)}，${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}，现将有关事项通知如下。`;
    case 2:
      return `围绕${pick(rng, OBJECTS)}，${pick(rng, ACTIONS)}${pick(rng, OBJECTS)}，${pick(rng, PURPOSES)}。`;
    default:
      return pick(rng, CLOSINGS);
  }
}

/** A body of `paragraphs` paragraphs of 2–4 sentences each, as plain text (one paragraph a line). */
export function bodyText(rng: () => number, paragraphs: number): string {
  const out: string[] = [];
  for (let i = 0; i < paragraphs; i++) {
    const n = 2 + Math.floor(rng() * 3);
    let p = '';
    for (let j = 0; j < n; j++) p += sentence(rng);
    out.push(p);
  }
  return out.join('\n');
}

export const TITLE_TOPICS = OBJECTS;

/** A title of the given category, in the style of the seed agency. */
export function titleFor(rng: () => number, category: string, year: number, n: number): string {
  const topic = pick(rng, OBJECTS).replace(/[“”]/g, (c) => c);
  switch (category) {
    case 'normative':
      return pick(rng, [`聊城市${topic.replace(/工作$/, '')}管理办法`, `聊城市${topic.replace(/工作$/, '')}实施细则`, `关于进一步做好${topic}的实施意见`]);
    case 'policy':
      return pick(rng, [
        `关于开展${year}年度${topic}的通知`,
        `关于印发《聊城市${topic}实施方案》的通知`,
        `关于组织申报${year}年度省级“专精特新”中小企业的通知`,
        `关于做好${year}年${topic}的通知`,
        `关于公布${year}年度聊城市企业技术中心名单的通知`,
      ]);
    case 'meeting':
      return pick(rng, [
        `市工信局召开${topic}推进会`,
        `市工信局召开${year}年全市工业和信息化工作会议`,
        `市工信局召开党组理论学习中心组（扩大）学习会议`,
        `市工信局召开${topic}专题会议`,
      ]);
    case 'proposal_reply':
      return n % 2 === 0 ? `对市政协十四届一次会议第${100 + n}号提案的答复` : `对市十八届人大一次会议第${200 + n}号建议的答复`;
    case 'budget':
      return pick(rng, [
        `聊城市工业和信息化局${year}年部门预算公开`,
        `聊城市工业和信息化局${year - 1}年部门决算公开`,
        `聊城市工业和信息化局${year}年“三公”经费预算情况说明`,
      ]);
    case 'organization':
      return pick(rng, ['聊城市工业和信息化局机构职能', '聊城市工业和信息化局领导分工', '聊城市工业和信息化局内设机构及职责', '聊城市工业和信息化局权责清单']);
    case 'enforcement':
      return pick(rng, [
        `${year}年度“双随机、一公开”抽查结果公示`,
        `聊城市工业和信息化局${year}年度行政执法统计年报`,
        '聊城市工业和信息化局行政执法事项清单',
        `${year}年节能监察结果公示`,
      ]);
    case 'statistics':
      return `${year}年${1 + (n % 12)}月份全市工业经济运行情况`;
    case 'plan':
      return pick(rng, [`聊城市“十四五”工业和信息化发展规划`, `${year}年全市工业和信息化工作要点`, `聊城市制造业数字化转型行动计划（${year}—${year + 2}年）`]);
    case 'procurement':
      return pick(rng, [`聊城市工业和信息化局${year}年度政府采购意向公开`, `${topic}服务采购项目成交公告`]);
    case 'licensing':
      return pick(rng, ['无线电台执照核发办事指南', '无线电频率使用许可办事指南', `${year}年无线电台站设置许可结果公示`]);
    default:
      return pick(rng, [
        `市工信局${pick(rng, ACTIONS)}${topic}`,
        `我市${n % 3 === 0 ? '3家' : '5家'}企业入选省级${topic.replace(/工作$/, '')}名单`,
        `市工信局赴县区调研${topic}`,
      ]);
  }
}
