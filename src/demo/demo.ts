import fs from 'node:fs';
import path from 'node:path';
import { createAgency } from '../agencies/agencies.service.ts';
import { creditCodeCheckChar } from '../agencies/credit-code.ts';
import { buildDemoApplications } from '../applications/demo.ts';
import { seedCityDemo } from '../city/demo.ts';
import { buildRegistries, type Registries } from '../composition.ts';
import type { Config } from '../config.ts';
import { seedDemoDocuments } from '../documents/demo-documents.ts';
import { seedGuideDemo } from '../guide/demo.ts';
import { openRuntime } from '../runtime.ts';
import { systemActor } from '../shared/actor.ts';
import { fixedClock, systemClock } from '../shared/clock.ts';
import { t } from '../shared/i18n/zh-CN.ts';
import { createUser } from '../users/users.service.ts';
import { buildReportsDemo } from './reports-demo.ts';

export const DEMO_PASSWORD = 'Gongkai2022';
export const DEMO_AGENCY = 'lcgxj';

// A well-formed sample code (not the agency's real one): 11 = 机关, 371500 = 聊城市, check character computed.
const SAMPLE_CREDIT_BODY = '11371500MB2857621';
export const DEMO_CREDIT_CODE = `${SAMPLE_CREDIT_BODY}${creditCodeCheckChar(SAMPLE_CREDIT_BODY)}`;

export type DemoSummary = { users: { username: string; label: string }[] };

/**
 * Rebuilds the demo data folder from scratch: the seed agency 聊城市工业和信息化局 (lcgxj) and one account per role.
 * Later modules add their sample records here (documents, applications, the 2021 and 2022 report data).
 */
export async function buildDemo(config: Config, log: (line: string) => void = () => {}, registries: Registries = buildRegistries()): Promise<DemoSummary> {
  for (const suffix of ['', '-wal', '-shm']) fs.rmSync(path.join(config.dataDir, `gongkai.sqlite${suffix}`), { force: true });
  const handle = await openRuntime(config);
  try {
    // The demo is dated inside the seed's year so its records read as that year's work.
    const clock = fixedClock('2022-01-04T01:00:00Z');
    const actor = systemActor('演示数据');
    const deps = { db: handle.db, clock };
    const parent = await createAgency(deps, actor, { code: 'lcs', name: '聊城市人民政府', kind: 'government' });
    const agency = await createAgency(deps, actor, {
      code: DEMO_AGENCY,
      name: '聊城市工业和信息化局',
      kind: 'department',
      parentCode: parent.code,
      creditCode: DEMO_CREDIT_CODE,
      officeName: '聊城市工业和信息化局办公室',
      address: '山东省聊城市东昌府区东昌东路（示例地址）',
      officeHours: '工作日 上午9:00–12:00，下午13:30–17:00（法定节假日除外）',
      phone: '0635-0000000（示例）',
      fax: '0635-0000001（示例）',
      email: 'gxj@example.gov.cn',
      postcode: '252000',
    });
    log(`已创建机关：${agency.name}（${agency.code}），上级：${parent.name}`);
    // The 公开指南's facts, the 科室 and the site's footer (issue 14).
    await seedGuideDemo(deps, actor, agency);
    const accounts = [
      { username: 'admin', displayName: '系统管理员', role: 'admin', label: '管理员（平台超级管理员）', superadmin: true },
      { username: 'editor', displayName: '王编辑', role: 'editor', label: '编辑：起草信息、办理申请' },
      { username: 'reviewer', displayName: '李审核', role: 'reviewer', label: '审核员：保密审查与审核' },
      { username: 'leader', displayName: '张局长', role: 'leader', label: '领导：审批与签发' },
    ] as const;
    const created: Record<string, number> = {};
    for (const a of accounts) {
      const user = await createUser(deps, actor, {
        username: a.username,
        displayName: a.displayName,
        password: DEMO_PASSWORD,
        isSuperadmin: 'superadmin' in a,
        roles: [{ agencyId: agency.id, role: a.role }],
      });
      created[a.username] = user.id;
    }
    await seedDemoDocuments(handle.db, agency, log);
    // The annual report: its records, and the 2022 report drafted from the data (documents above) and published.
    // 依申请公开 (issue 4): the seed's 2021 and 2022 applications and some open work dated from today.
    const userActor = (username: string, name: string, role: 'editor' | 'leader') => ({
      kind: 'user' as const,
      id: created[username] ?? 0,
      name,
      isSuperadmin: false,
      roles: new Map([[agency.id, new Set([role])]]),
    });
    const tracking = await buildDemoApplications(
      handle.db,
      agency,
      userActor('editor', '王编辑', 'editor'),
      userActor('leader', '张局长', 'leader'),
      systemClock.today(),
    );
    log(t.applications.demoTracking(tracking.trackingNo, tracking.queryCode));
    // The annual report: its records, and the 2022 report drafted from the data and published.
    await buildReportsDemo({ ...deps, sources: registries.reportSources(handle.db) }, actor, agency, log);
    // The city view: sibling departments under 聊城市人民政府 and the city office's account.
    const cityUsers = await seedCityDemo(handle.db, parent, agency, DEMO_PASSWORD, registries);
    return { users: [...accounts.map((a) => ({ username: a.username, label: a.label })), ...cityUsers] };
  } finally {
    await handle.destroy();
  }
}
