/**
 * The demo's 公开指南 facts and site frame: what the seed states (the agency, its 领导小组 of 科室 heads, the city's
 * 政务公开 office) and, for the rest, clearly marked sample values in the form of the demo's contact facts.
 */
import type { DbOrTrx } from '../db/database.ts';
import type { Agency } from '../db/schema.ts';
import { saveSiteFrame } from '../portal/site-frame.ts';
import type { Actor } from '../shared/actor.ts';
import type { Clock } from '../shared/clock.ts';
import { saveGuideSettings } from './guide.service.ts';

const DEPARTMENTS = ['办公室', '政策法规科', '运行监测协调科', '规划投资科', '技术改造科', '中小企业科', '信息化推进科', '节能与综合利用科'];

export async function seedGuideDemo(deps: { db: DbOrTrx; clock: Clock }, actor: Actor, agency: Agency): Promise<void> {
  const { db } = deps;
  await db
    .insertInto('departments')
    .values(DEPARTMENTS.map((name, i) => ({ agencyId: agency.id, name, sortOrder: i })))
    .execute();
  await saveGuideSettings(deps, actor, agency.id, {
    functions:
      '贯彻执行国家和省关于工业和信息化发展的方针政策和法律法规，拟订全市工业和信息化发展规划、年度计划和政策措施并组织实施。\n' +
      '监测分析全市工业和信息化运行态势，协调解决运行中的重大问题；指导工业企业技术改造和产业结构调整。\n' +
      '统筹推进信息化和工业化融合发展，负责中小企业发展的宏观指导，承担市人民政府交办的其他任务。（示例）',
    mailingAddress: '山东省聊城市东昌府区东昌东路（示例地址）聊城市工业和信息化局办公室（政府信息公开）',
    receptionAddress: '山东省聊城市东昌府区东昌东路（示例地址）聊城市工业和信息化局办公室',
    acceptsEmail: 'on',
    feePayment: '按收费通知书载明的非税收入缴款方式缴纳（示例）',
    supervisor: '聊城市人民政府办公室（市政务公开办公室）',
    supervisorPhone: '0635-0000010（示例）',
    complaintChannels: '12345政务服务便民热线',
    reviewPhone: '0635-0000020（示例）',
    courtPhone: '0635-0000030（示例）',
  });
  await saveSiteFrame(deps, actor, null, {
    sponsor: '聊城市人民政府办公室',
    organizer: '聊城市大数据中心（示例）',
    siteCode: '3715000000',
    icpRecord: '鲁ICP备00000000号-1（示例）',
    psbRecord: '鲁公网安备37150202000000号（示例）',
    address: '山东省聊城市东昌府区（示例地址）',
    phone: '0635-0000100（示例）',
  });
  await saveSiteFrame(deps, actor, agency.id, {
    sponsor: '聊城市工业和信息化局',
    siteCode: '3715000001',
  });
}
