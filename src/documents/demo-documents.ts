import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { systemActor } from '../shared/actor.ts';
import { fixedClock } from '../shared/clock.ts';
import { confirmSecrecyReview, createDraft, submitForReview } from './documents.service.ts';
import type { Category, InterpretationForm } from './documents.tables.ts';
import { importDocuments } from './interchange.ts';
import { getCleanupRound } from './oversight/oversight.queries.ts';
import {
  addSensitiveWord,
  applyCleanupRound,
  createCleanupRound,
  publishCleanupRound,
  recordCleanupDecisions,
  updateCategoryNotes,
  updateDisclosureSettings,
} from './oversight/oversight.service.ts';
import { bodyText, seededRandom, titleFor } from './sample-text.ts';
import { documentCalendar } from './workdays.ts';

/**
 * The seed agency's publications for the demo: in 2022, 192 items (the seed report's 主动公开政务信息192篇), of which
 * 22 are interpretations and 2 are normative documents each interpreted within 3 working days; 9 normative documents
 * in force at the end of 2022; some 2021 items; a few documents in the review workflow. Deterministic.
 */

// The 168 other items of 2022, by category (sums to 192 with 2 normative documents and 22 interpretations).
const MIX_2022: [Category, number][] = [
  ['policy', 30],
  ['news', 50],
  ['proposal_reply', 25],
  ['meeting', 20],
  ['enforcement', 15],
  ['statistics', 12],
  ['budget', 4],
  ['organization', 3],
  ['plan', 3],
  ['procurement', 3],
  ['licensing', 3],
];
const MIX_2021: [Category, number][] = [
  ['normative', 3],
  ['policy', 10],
  ['news', 10],
  ['meeting', 5],
  ['budget', 2],
];
const FORMS: InterpretationForm[] = ['text', 'graphic', 'qa', 'video', 'leader', 'press_conference'];

type Rec = Record<string, unknown> & { ref: string; publishedOn: string; category: string; title: string };

const RULES_TEXT = `聊城市工业和信息化局政府信息公开工作制度
一、政府信息公开工作由局办公室归口管理，各科室按照职责分工负责本科室政府信息的收集、整理和公开。
二、严格遵循“先审查后公开”原则，拟公开的政府信息由起草科室初审，局保密审查人员进行保密审查，分管局领导审核签发后公开。
三、主动公开的政府信息自形成或者变更之日起20个工作日内予以公开；行政规范性文件与解读材料同步起草、同步审批、同步发布，解读材料在文件公开后3个工作日内发布。
四、依申请公开按照《中华人民共和国政府信息公开条例》规定的程序和时限办理，做好登记、审核、答复、归档等各环节工作。
五、每年开展规范性文件清理，清理结果向社会公开。`;

/** Adds the seed agency's 2021 and 2022 publications and a few documents in review; returns how many were published. */
export async function seedDemoDocuments(db: DbOrTrx, agency: Agency, log: (line: string) => void): Promise<number> {
  const rng = seededRandom(20221231);
  const calendar = await documentCalendar(db);
  const day = (from: string, n: number) => calendar.addWorkdays(from, n).date;
  const records: Rec[] = [];
  let seq = 0;
  const push = (year: number, category: Category, issuedOn: string, publishedOn: string, extra: Record<string, unknown> = {}) => {
    seq++;
    const title = (extra.title as string | undefined) ?? titleFor(rng, category, year, seq);
    const normative = category === 'normative';
    const rec: Rec = {
      agency: agency.code,
      ref: `GK-${year}-${String(seq).padStart(4, '0')}`,
      title,
      category,
      issuedOn,
      publishedOn,
      topic: '工业和信息化',
      body: bodyText(rng, 3 + Math.floor(rng() * 4)),
      ...(normative ? { docNo: `聊工信发〔${year}〕${seq % 40}号`, validity: 'in_force' } : {}),
      ...(category === 'policy' ? { docNo: `聊工信字〔${year}〕${seq % 90}号` } : {}),
      ...extra,
    };
    records.push(rec);
    return rec;
  };

  // 2021 (and the normative documents still in force from before 2022).
  for (const [category, n] of MIX_2021) {
    for (let i = 0; i < n; i++) {
      const issued = day('2020-12-31', 1 + Math.floor(rng() * 230));
      push(2021, category, issued, day(issued, 1 + Math.floor(rng() * 4)));
    }
  }
  for (const [year, title] of [
    [2019, '聊城市工业企业技术改造项目管理办法'],
    [2019, '聊城市中小企业公共服务示范平台认定管理办法'],
    [2020, '聊城市企业技术中心认定管理办法'],
    [2020, '聊城市工业设计中心认定管理办法'],
  ] as const) {
    const issued = day(`${year - 1}-12-31`, 20 + Math.floor(rng() * 200));
    push(year, 'normative', issued, day(issued, 2), { title, docNo: `聊工信发〔${year}〕${3 + Math.floor(rng() * 20)}号` });
  }

  // 2022: 2 normative documents and 20 policy documents, each with its interpretation within 3 working days.
  const interpreted: Rec[] = [];
  interpreted.push(push(2022, 'normative', '2022-03-15', '2022-03-17', { title: '聊城市“专精特新”中小企业培育管理办法', docNo: '聊工信发〔2022〕5号' }));
  interpreted.push(push(2022, 'normative', '2022-08-22', '2022-08-24', { title: '聊城市工业互联网平台认定管理办法', docNo: '聊工信发〔2022〕18号' }));
  let policyInterpretations = 0;
  for (const [category, n] of MIX_2022) {
    for (let i = 0; i < n; i++) {
      const issued = day('2021-12-31', 1 + Math.floor(((records.length * 37) % 230) + rng() * 5));
      const rec = push(2022, category, issued, day(issued, 1 + Math.floor(rng() * 5)));
      if (category === 'policy' && policyInterpretations < 20) {
        interpreted.push(rec);
        policyInterpretations++;
      }
    }
  }
  interpreted.forEach((doc, i) => {
    const form = FORMS[i % FORMS.length] as InterpretationForm;
    const name = doc.title.replace(/^关于印发《(.+)》的通知$/, '$1');
    const title =
      form === 'graphic' ? `一图读懂《${name}》` : form === 'qa' ? `《${name}》简明问答` : form === 'leader' ? `局领导解读《${name}》` : `《${name}》政策解读`;
    const published = day(doc.publishedOn, i % 3);
    push(2022, 'interpretation', published, published, { title, interprets: doc.ref, interpretationForm: form });
  });

  // Interpretations follow their documents in the file (a record may refer only to earlier lines).
  records.sort((a, b) => a.publishedOn.localeCompare(b.publishedOn) || (a.category === 'interpretation' ? 1 : 0) - (b.category === 'interpretation' ? 1 : 0));
  const clock = fixedClock('2023-01-05T01:00:00Z');
  const actor = systemActor('演示数据');
  const deps = { db, clock };
  const written = await importDocuments(
    deps,
    actor,
    records.map((record, i) => ({ line: i + 1, record })),
    { replace: false },
  );
  const in2022 = records.filter((r) => r.publishedOn.startsWith('2022'));
  log(`已导入主动公开信息 ${written} 条（2022 年 ${in2022.length} 条，其中政策解读 ${in2022.filter((r) => r.category === 'interpretation').length} 条）`);

  await updateDisclosureSettings(deps, actor, agency.id, { interpretationLagDays: '3', rulesText: RULES_TEXT });
  // A 市级部门 makes no 规章 and charges no fees: those columns say so. 其他信息 is left bare, a finding to rectify.
  await updateCategoryNotes(deps, actor, agency.id, {
    note_rule: '本机关不具有规章制定权，无此类信息。',
    note_fees: '本机关无行政事业性收费项目，无此类信息。',
  });
  for (const word of ['内部资料', '涉密', '不宜公开']) await addSensitiveWord(deps, actor, agency.id, { word });

  // The 2022 cleanup round: every normative document in force was kept.
  const round = await createCleanupRound(deps, actor, agency.id, { title: '2022年度规范性文件清理结果' });
  const { items } = await getCleanupRound(db, agency.id, round.id);
  await recordCleanupDecisions(deps, actor, agency.id, round.id, { decisions: items.map((d) => ({ documentId: d.id, decision: 'keep' })) });
  await applyCleanupRound(deps, actor, agency.id, round.id, { effectiveOn: '2022-12-30' });
  await publishCleanupRound(deps, actor, agency.id, round.id);

  // Work in progress: a draft with personal data the check flags, one awaiting 保密审查, one awaiting the leader.
  const draft = await createDraft(deps, actor, agency.id, {
    title: '关于2023年度工业企业技术改造项目入库的通知（征求意见稿）',
    category: 'policy',
    issuedOn: '2023-01-04',
    body: `${bodyText(rng, 2)}\n联系人：王某某，手机13863512345，身份证号11010519491231002X（本行应删除后再公开）。\n本文件为内部资料。`,
  });
  const second = await createDraft(deps, actor, agency.id, {
    title: '2022年12月份全市工业经济运行情况',
    category: 'statistics',
    issuedOn: '2023-01-04',
    body: bodyText(rng, 3),
  });
  await submitForReview(deps, actor, agency.id, second.id);
  const third = await createDraft(deps, actor, agency.id, {
    title: '关于开展2023年度省级企业技术中心申报工作的通知',
    category: 'policy',
    issuedOn: '2023-01-05',
    docNo: '聊工信字〔2023〕1号',
    body: bodyText(rng, 4),
  });
  await submitForReview(deps, actor, agency.id, third.id);
  await confirmSecrecyReview(deps, actor, agency.id, third.id, { checklist: ['0', '1', '2', '3'] });
  log(`审查流程中的信息 3 条（草稿 ${draft.id}、待保密审查 ${second.id}、待领导审核 ${third.id}）`);
  return written;
}
