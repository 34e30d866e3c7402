/**
 * The 公开指南 (国办公开办函〔2019〕61号, 条例 第十二条) and the site frame (国办发〔2017〕47号): every element on the
 * demo agency's guide, missing facts listed to staff and never shown as placeholders, staff's text per section, the
 * date in China time; the footer's fields (agency over platform) and the 网站地图.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { saveApplicationSettings } from '../../src/applications/settings.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { CATEGORIES } from '../../src/documents/documents.tables.ts';
import { seedGuideDemo } from '../../src/guide/demo.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { t } from '../../src/shared/i18n/zh-CN.ts';
import { buildPublished } from '../builders/documents.ts';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

// 17:30 UTC on 27 September is already 28 September in China: every date a person reads must say the 28th.
const clock = fixedClock('2024-09-27T17:30:00Z');
const actor = systemActor('测试');
const DEMO_FACTS = {
  name: '聊城市工业和信息化局',
  officeName: '聊城市工业和信息化局办公室',
  address: '山东省聊城市东昌府区东昌东路（示例地址）',
  officeHours: '工作日 上午9:00–12:00，下午13:30–17:00（法定节假日除外）',
  phone: '0635-0000000（示例）',
  fax: '0635-0000001（示例）',
  email: 'gxj@example.gov.cn',
  postcode: '252000',
};
const text = (html: string) => html.replace(/<[^>]+>/g, '');

describe.each(DIALECTS)('the 公开指南 and the site frame on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let demo: Agency;
  let bare: Agency;
  let docId = 0;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const deps = { db: tdb.db, clock: fixedClock('2024-03-01T02:00:00Z') };
    const city = await buildAgency(tdb.db, { code: 'gcity', name: '聊城市人民政府', kind: 'government' });
    demo = await buildAgency(tdb.db, { code: 'gdemo', parentCode: city.code, ...DEMO_FACTS }, deps.clock);
    await seedGuideDemo(deps, actor, demo);
    await saveApplicationSettings(deps, actor, demo.id, { reviewBody: '聊城市人民政府', court: '聊城市东昌府区人民法院' });
    bare = await buildAgency(tdb.db, { code: 'gbare', name: '测试局', officeName: '测试局办公室' });
    await buildUser(tdb.db, { agencyId: demo.id, role: 'admin', username: 'guide-admin' });
    await buildUser(tdb.db, { agencyId: demo.id, role: 'editor', username: 'guide-editor' });
    await buildUser(tdb.db, { agencyId: bare.id, role: 'admin', username: 'bare-admin' });
    await buildUser(tdb.db, { superadmin: true, username: 'guide-root' });
    docId = (await buildPublished(tdb.db, demo.id, { title: '关于印发工业技术改造实施意见的通知', docNo: '聊工信发〔2024〕3号', category: 'normative' })).id;
    app = await buildTestApp(tdb, clock);
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('gives every element of 国办公开办函〔2019〕61号 for the demo agency, with nothing about how it was made', async () => {
    const res = await app.inject('/gk/gdemo/guide');
    expect(res.statusCode).toBe(200);
    const body = text(res.body);
    // 机构设置 and 职能: the agency, its 科室, its functions, the disclosure office with every contact fact.
    for (const s of ['聊城市工业和信息化局政府信息公开指南', '政策法规科', '节能与综合利用科', '拟订全市工业和信息化发展规划', ...Object.values(DEMO_FACTS)]) {
      expect(body, s).toContain(s);
    }
    // 主动公开: every category of the column linked, the ways and the 20 working days.
    for (const c of CATEGORIES) expect(res.body).toContain(`href="/gk/gdemo/c/${c}"`);
    expect(body).toContain('公开的方式和途径');
    expect(body).toContain('自该信息形成或者变更之日起20个工作日内予以公开');
    // 依申请公开: the channels with mailing address and postcode, reception and hours, the form, e-mail, fax.
    expect(body).toContain('邮寄至山东省聊城市东昌府区东昌东路（示例地址）聊城市工业和信息化局办公室（政府信息公开），邮政编码252000');
    expect(body).toContain('到山东省聊城市东昌府区东昌东路（示例地址）聊城市工业和信息化局办公室当面提交，受理时间为工作日');
    expect(res.body).toContain('href="/gk/gdemo/apply"');
    expect(body).toContain('本机关公布的电子邮箱gxj@example.gov.cn');
    // The process chart is an image with a title and a description naming every step, and the same steps as a list.
    const svg = /<svg class="process-chart"[^>]*role="img"[^>]*aria-labelledby="process-title process-desc"[\s\S]*?<\/svg>/.exec(res.body)?.[0] ?? '';
    expect(svg).toContain('<title id="process-title">依申请公开办理流程图</title>');
    const list = /<ol class="process-steps">([\s\S]*?)<\/ol>/.exec(res.body)?.[1] ?? '';
    for (const step of t.guide.steps) {
      expect(/<desc[^>]*>([\s\S]*?)<\/desc>/.exec(svg)?.[1]).toContain(step.head);
      expect(text(list)).toContain(`${step.head}：${step.note}`);
    }
    // 答复期限 (第三十三条), fees (国办函〔2020〕109号) with how to pay and the 20 days from receipt of the notice.
    expect(body).toContain('自收到申请之日起20个工作日内予以答复');
    expect(body).toContain('延长的期限最长不超过20个工作日');
    expect(body).toContain('国办函〔2020〕109号');
    expect(body).toContain('11至30件（含）的部分，每件收费100元');
    expect(body).toContain('31至100页（含）的部分，每页收费10元');
    expect(body).toContain('缴费方式：按收费通知书载明的非税收入缴款方式缴纳（示例）');
    expect(body).toContain('自收到收费通知之日起20个工作日内缴纳');
    // 监督和救济: the city's 政务公开 office, 复议 and court, each with its telephone; 投诉 channels.
    expect(body).toContain('聊城市人民政府办公室（市政务公开办公室）（电话：0635-0000010（示例））');
    expect(body).toContain('聊城市人民政府（电话：0635-0000020（示例））');
    expect(body).toContain('聊城市东昌府区人民法院（电话：0635-0000030（示例））');
    expect(body).toContain('12345政务服务便民热线');
    // The 目录, the date (China time), printable; no text about how it was made, no placeholder.
    expect(res.body).toContain('href="/gk/gdemo/list"');
    expect(body).toContain('最近更新日期：2024-03-01');
    expect(res.body).toContain('data-print');
    for (const s of ['本指南根据', '自动生成', '未提供', '待填写', 'undefined', 'null']) expect(body, s).not.toContain(s);
    expect(body).not.toMatch(/。。|，，|：：/);
  });

  it('lists missing facts to staff where to fill them, and shows citizens no placeholder', async () => {
    const admin = new Agent(app);
    await admin.login('bare-admin', TEST_PASSWORD);
    const page = await admin.get('/admin/gbare/guide');
    expect(page.statusCode).toBe(200);
    const missing = text(/<ul class="missing-facts">([\s\S]*?)<\/ul>/.exec(page.body)?.[1] ?? '');
    for (const label of [
      '办公地址',
      '联系电话',
      '内设机构（科室）',
      '主要职能',
      '信函申请邮寄地址',
      '监督机构（政务公开主管部门）',
      '行政复议机关电话',
      '行政诉讼管辖法院',
    ]) {
      expect(missing, label).toContain(label);
    }
    expect(missing).not.toContain('政府信息公开工作机构（');
    expect(page.body).toContain('href="/admin/gbare/applications/settings"');
    const pub = text((await app.inject('/gk/gbare/guide')).body);
    expect(pub).toContain('测试局办公室');
    for (const s of ['未提供', '信函申请', '当面申请', '电子邮件申请', '待填写', '内设机构', '监督机构']) expect(pub, s).not.toContain(s);
    expect(pub).toContain('可以依法申请行政复议。');
    // The demo agency lacks nothing.
    const demoAdmin = new Agent(app);
    await demoAdmin.login('guide-admin', TEST_PASSWORD);
    expect((await demoAdmin.get('/admin/gdemo/guide')).body).toContain(t.guide.console.missingNone);
  });

  it('takes staff paragraphs after a section or in its place, audited, dated in China time; only admins edit', async () => {
    const editor = new Agent(app);
    await editor.login('guide-editor', TEST_PASSWORD);
    await editor.get('/admin/gdemo/');
    expect((await editor.post('/admin/gdemo/guide/sections', { body_supervision: '编辑的段落' })).statusCode).toBe(403);
    const admin = new Agent(app);
    await admin.login('guide-admin', TEST_PASSWORD);
    await admin.get('/admin/gdemo/guide');
    const saved = await admin.post('/admin/gdemo/guide/sections', {
      mode_overview: 'replace',
      body_overview: '本机关重新编写的概述。\r\n第二段。',
      mode_supervision: 'append',
      body_supervision: '对本机关答复不服的，也可以向本机关政府信息公开工作机构反映。',
    });
    expect(saved.statusCode).toBe(303);
    const pub = (await app.inject('/gk/gdemo/guide')).body;
    expect(pub).toContain('<p>本机关重新编写的概述。</p><p>第二段。</p>');
    expect(pub).not.toContain('为了保障公民、法人和其他组织依法获取政府信息');
    expect(text(pub)).toContain('聊城市东昌府区人民法院（电话：0635-0000030（示例））对本机关答复不服的');
    expect(text(pub)).toContain('最近更新日期：2024-09-28');
    const audit = await tdb.db.selectFrom('auditLog').select(['action', 'afterJson']).where('action', '=', 'guide.sections').execute();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.afterJson).toContain('本机关重新编写的概述');
    // Cleared again, the generated text is back.
    await admin.post('/admin/gdemo/guide/sections', { body_overview: '', body_supervision: '' });
    expect((await app.inject('/gk/gdemo/guide')).body).toContain('为了保障公民、法人和其他组织依法获取政府信息');
  });

  it('shows the footer by 国办发〔2017〕47号: the agency over the platform, the ICP record linked to beian.miit.gov.cn', async () => {
    const agencyPage = (await app.inject('/gk/gdemo/guide')).body;
    const footer = /<footer class="site">([\s\S]*?)<\/footer>/.exec(agencyPage)?.[1] ?? '';
    expect(text(footer)).toContain('主办单位：聊城市工业和信息化局');
    expect(text(footer)).toContain('承办单位：聊城市大数据中心（示例）');
    expect(text(footer)).toContain('网站标识码：3715000001');
    expect(footer).toContain('<a href="https://beian.miit.gov.cn/" rel="noopener">鲁ICP备00000000号-1（示例）</a>');
    expect(text(footer)).toContain('鲁公网安备37150202000000号（示例）');
    expect(text(footer)).toContain('地址：山东省聊城市东昌府区东昌东路（示例地址）');
    expect(text(footer)).toContain('电话：0635-0000000（示例）');
    expect(footer).toContain('aria-label="党政机关网站标识"');
    expect(footer).toContain('href="/gk/gdemo/sitemap"');
    // A document page carries it too; the platform's pages carry the platform's.
    expect((await app.inject(`/gk/gdemo/d/${docId}`)).body).toContain('网站标识码：3715000001');
    const home = (await app.inject('/')).body;
    expect(text(home)).toContain('主办单位：聊城市人民政府办公室');
    expect(text(home)).toContain('网站标识码：3715000000');
    expect(home).toContain('href="/sitemap"');
    // An agency that set nothing shows the platform's fields and its own contact facts.
    expect(text((await app.inject('/gk/gbare/')).body)).toContain('主办单位：聊城市人民政府办公室');
  });

  it('edits the footer: the agency admin its own, the superadmin the platform, a bad 网站标识码 refused', async () => {
    const admin = new Agent(app);
    await admin.login('bare-admin', TEST_PASSWORD);
    await admin.get('/admin/gbare/site');
    const bad = await admin.post('/admin/gbare/site', { siteCode: '12345' });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain(t.frame.console.badSiteCode);
    expect((await admin.post('/admin/gbare/site', { sponsor: '测试局', siteCode: '3715000009' })).statusCode).toBe(303);
    expect(text((await app.inject('/gk/gbare/')).body)).toContain('主办单位：测试局');
    // The platform's settings are the superadmin's; to anyone else they do not exist.
    expect((await admin.get('/admin/platform/site')).statusCode).toBe(404);
    const root = new Agent(app);
    await root.login('guide-root', TEST_PASSWORD);
    await root.get('/admin/platform/site');
    expect((await root.post('/admin/platform/site', { organizer: '' })).statusCode).toBe(303);
    expect(text((await app.inject('/gk/gbare/')).body)).not.toContain('承办单位');
    const rows = await tdb.db.selectFrom('auditLog').select('entityId').where('action', '=', 'site_frame.save').execute();
    expect(rows.map((r) => r.entityId)).toEqual(expect.arrayContaining(['platform', `agency:${bare.id}`]));
  });

  it('lists every public section in the 网站地图 of the platform and of an agency', async () => {
    const own = await app.inject('/gk/gdemo/sitemap');
    expect(own.statusCode).toBe(200);
    for (const href of [
      '/gk/gdemo/',
      '/gk/gdemo/guide',
      '/gk/gdemo/rules',
      '/gk/gdemo/list',
      '/gk/gdemo/search',
      '/gk/gdemo/apply',
      '/gk/gdemo/track',
      '/gk/gdemo/reports',
      '/gk/gdemo/performance',
      '/gk/gdemo/feed.xml',
    ]) {
      expect(own.body, href).toContain(`href="${href}"`);
    }
    for (const c of CATEGORIES) expect(own.body).toContain(`href="/gk/gdemo/c/${c}"`);
    const all = await app.inject('/sitemap');
    expect(all.statusCode).toBe(200);
    for (const href of ['/search', '/workdays', '/gk/gdemo/guide', '/gk/gbare/guide', '/gk/gcity/list']) expect(all.body, href).toContain(`href="${href}"`);
  });
});
