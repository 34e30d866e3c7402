import { createHash } from 'node:crypto';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadWorkCalendar } from '../../src/calendar/calendar.service.ts';
import { runSelfCheck } from '../../src/compliance/compliance.service.ts';
import { type Finding, findingsOf, type Indicator, passes } from '../../src/compliance/indicator.ts';
import { catalogueIndicator, emptyCategoriesIndicator, guideIndicator } from '../../src/compliance/indicators/column.ts';
import { linksIndicator, personalDataIndicator, validityIndicator } from '../../src/compliance/indicators/documents.ts';
import { importHandlers, indicators } from '../../src/composition.ts';
import type { Agency } from '../../src/db/schema.ts';
import { createDraft } from '../../src/documents/documents.service.ts';
import { CATEGORIES } from '../../src/documents/documents.tables.ts';
import { addSensitiveWord, updateCategoryNotes, updateDisclosureSettings } from '../../src/documents/oversight/oversight.service.ts';
import { correctDocument, withdrawDocument } from '../../src/documents/published.service.ts';
import { importRecords, parseImportText } from '../../src/interchange/importer.ts';
import { systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { buildAgency, buildUser, TEST_PASSWORD, testClock } from '../builders/index.ts';
import { documentRecord } from '../builders/records.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const FACTS = { officeName: '办公室', address: '东昌东路1号', phone: '0635-1' };
const PUBLIC_URL = 'https://gk.example.gov.cn';
const lastYear = fixedClock('2023-05-10T02:00:00Z');

const doc = (agency: string, ref: string, o: Record<string, unknown> = {}) =>
  documentRecord(agency, ref, { category: 'policy', issuedOn: '2024-03-01', publishedOn: '2024-03-04', ...o });

// The documents-side indicators, each against a passing and a failing fixture, records imported through the
// interchange format (ids the bodies link to are written in by a correction, as staff would).
describe.each(DIALECTS)('self-check indicators over the column and the published documents on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  const deps = () => ({ db: tdb.db, clock: testClock });
  const actor = systemActor('测试');
  const run = async (indicator: Indicator, agency: Agency, year = 2024) =>
    findingsOf(await indicator.run({ db: tdb.db, agency, year, today: testClock.today(), calendar: await loadWorkCalendar(tdb.db), publicUrl: PUBLIC_URL }));
  const keys = (findings: Finding[]) => findings.map((f) => f.key);
  const load = async (records: Record<string, unknown>[]) => {
    await importRecords(deps(), actor, importHandlers, parseImportText(records.map((r) => JSON.stringify(r)).join('\n')), { replace: false });
  };
  const idOf = async (agency: Agency, ref: string) =>
    (await tdb.db.selectFrom('documents').select('id').where('agencyId', '=', agency.id).where('ref', '=', ref).executeTakeFirstOrThrow()).id;
  const attach = async (agency: Agency, documentId: number, fileName: string, content: string, extractedText = '') => {
    const bytes = Buffer.from(content);
    const row = await tdb.db
      .insertInto('attachments')
      .values({
        agencyId: agency.id,
        documentId,
        fileName,
        mediaType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        content: bytes,
        extractedText,
        createdAt: testClock.now().toISOString(),
      })
      .returning('id')
      .executeTakeFirstOrThrow();
    return row.id;
  };
  const correct = (agency: Agency, id: number, body: string) => correctDocument(deps(), actor, agency.id, id, { title: `文件`, body, reason: '修正链接' });

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, testClock);
  }, 60_000);
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  it('column.guide: a generated guide needs the office facts and a date in the year; an own text is dated by its save', async () => {
    const current = await buildAgency(tdb.db, { code: 'guide-ok', ...FACTS });
    expect(await run(guideIndicator, current)).toEqual([]);
    const noFacts = await buildAgency(tdb.db, { code: 'guide-none', officeName: '办公室' });
    const missing = await run(guideIndicator, noFacts);
    expect(missing).toEqual([{ key: 'guide:missing', message: '尚未编写公开指南，自动生成指南所需的办公地址、联系电话未填写', href: 'settings' }]);
    const old = await buildAgency(tdb.db, { code: 'guide-old', ...FACTS }, lastYear);
    expect(await run(guideIndicator, old)).toEqual([{ key: 'guide:stale', message: '公开指南最近更新于 2023-05-10，2024 年度未更新', href: 'settings' }]);
    // An own text needs no facts; it counts from the day it was saved.
    await updateDisclosureSettings({ db: tdb.db, clock: lastYear }, actor, noFacts.id, { interpretationLagDays: '3', guideText: '本机关公开指南……' });
    expect(keys(await run(guideIndicator, noFacts))).toEqual(['guide:stale']);
    await updateDisclosureSettings(deps(), actor, noFacts.id, { interpretationLagDays: '3', guideText: '本机关公开指南（2024年修订）……' });
    expect(await run(guideIndicator, noFacts)).toEqual([]);
  });

  it('column.catalogue: updated by a publication or a correction in the year; empty and undated catalogues fail; every entry has an index number', async () => {
    const fresh = await buildAgency(tdb.db, { code: 'cat-ok' });
    const stale = await buildAgency(tdb.db, { code: 'cat-old' });
    const empty = await buildAgency(tdb.db, { code: 'cat-none' });
    await load([doc('cat-ok', 'C-1'), doc('cat-old', 'C-2', { issuedOn: '2023-03-01', publishedOn: '2023-03-02' })]);
    expect(await run(catalogueIndicator, fresh)).toEqual([]);
    expect(await run(catalogueIndicator, stale)).toEqual([
      { key: 'catalogue:stale', message: '公开目录 2024 年度未更新：该年度没有新公开或更正的信息', href: 'documents' },
    ]);
    expect(keys(await run(catalogueIndicator, empty))).toEqual(['catalogue:empty']);
    // A correction in the year updates the catalogue.
    const id = await idOf(stale, 'C-2');
    await correct(stale, id, '<p>更正后的正文</p>');
    expect(await run(catalogueIndicator, stale)).toEqual([]);
    await tdb.db.updateTable('documents').set({ indexNo: null }).where('id', '=', id).execute();
    // An entry without its 索引号 counts against the year it was published in (2023), not a later one.
    expect(await run(catalogueIndicator, stale)).toEqual([]);
    expect(await run(catalogueIndicator, stale, 2023)).toEqual([
      { key: `document:${id}:index_no`, message: '《文件》没有索引号，目录不完整', href: `documents/${id}` },
    ]);
  });

  it('column.empty_categories: each empty category needs a note, which the column then shows; the 公开制度 needs its text', async () => {
    const good = await buildAgency(tdb.db, { code: 'cols-ok' });
    const bad = await buildAgency(tdb.db, { code: 'cols-bad' });
    await load([doc('cols-ok', 'E-1'), doc('cols-bad', 'E-2')]);
    const notes = Object.fromEntries(CATEGORIES.filter((c) => c !== 'policy').map((c) => [`note_${c}`, '本机关暂无此类信息。']));
    await updateCategoryNotes(deps(), actor, good.id, { ...notes, note_rule: '本机关不具有规章制定权，无此类信息。' });
    await updateDisclosureSettings(deps(), actor, good.id, { interpretationLagDays: '3', rulesText: '公开工作制度……' });
    expect(await run(emptyCategoriesIndicator, good)).toEqual([]);
    await updateCategoryNotes(deps(), actor, bad.id, { note_rule: '本机关不具有规章制定权，无此类信息。', note_fees: '  ' });
    const findings = await run(emptyCategoriesIndicator, bad);
    expect(findings).toHaveLength(CATEGORIES.length - 2 + 1);
    expect(keys(findings)).toContain('category:normative:empty');
    expect(keys(findings)).toContain('category:fees:empty');
    expect(keys(findings)).not.toContain('category:rule:empty');
    expect(keys(findings)).not.toContain('category:policy:empty');
    expect(findings.find((f) => f.key === 'category:normative:empty')).toEqual({
      key: 'category:normative:empty',
      message: '“行政规范性文件”栏目没有公开信息，也未说明原因',
      href: 'disclosure-settings#category-notes',
    });
    expect(keys(findings)).toContain('column:rules:empty');
    // The note replaces the bare empty line on the category page.
    const page = await app.inject({ method: 'GET', url: '/gk/cols-bad/c/rule' });
    expect(page.body).toContain('本机关不具有规章制定权，无此类信息。');
    expect(page.body).not.toContain('本栏目暂无公开信息');
    expect((await app.inject({ method: 'GET', url: '/gk/cols-bad/c/normative' })).body).toContain('本栏目暂无公开信息');
  });

  it('category notes are edited by admins on the column settings page', async () => {
    const agency = await buildAgency(tdb.db, { code: 'cols-http' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'admin', username: 'colsadmin' });
    const admin = new Agent(app, '10.7.0.1');
    await admin.login('colsadmin', TEST_PASSWORD);
    const page = await admin.get('/admin/cols-http/disclosure-settings');
    expect(page.body).toContain('空栏目说明');
    expect(page.body).toContain('规章（已公开 0 条）');
    const bad = await admin.post('/admin/cols-http/disclosure-settings/notes', { note_rule: '很长'.repeat(101) });
    expect(bad.statusCode).toBe(400);
    const ok = await admin.post('/admin/cols-http/disclosure-settings/notes', { note_rule: '本机关无规章。' });
    expect(ok.statusCode).toBe(303);
    expect((await admin.get('/admin/cols-http/disclosure-settings')).body).toContain('value="本机关无规章。"');
    expect(keys(await run(emptyCategoriesIndicator, agency))).not.toContain('category:rule:empty');
  });

  it('documents.validity: every published normative document and rule shows a validity consistent with its dates', async () => {
    const good = await buildAgency(tdb.db, { code: 'val-ok' });
    const bad = await buildAgency(tdb.db, { code: 'val-bad' });
    const normative = (agency: string, ref: string, o: Record<string, unknown>) =>
      doc(agency, ref, { category: 'normative', docNo: `发〔2024〕${ref}号`, ...o });
    await load([
      normative('val-ok', 'V-1', { validity: 'in_force' }),
      normative('val-ok', 'V-2', { category: 'rule', validity: 'repealed', validityChangedOn: '2024-06-30' }),
      doc('val-ok', 'V-3'), // not normative: no validity needed
      normative('val-bad', 'V-4', {}),
      normative('val-bad', 'V-5', { validity: 'repealed', validityChangedOn: '2023-12-31' }),
      normative('val-bad', 'V-6', { validity: 'expired', validityChangedOn: '2025-03-01' }),
      normative('val-bad', 'V-7', { validity: 'in_force' }),
    ]);
    // States the forms refuse but older data (or a direct database edit) may hold.
    const amended = await idOf(bad, 'V-7');
    await tdb.db.updateTable('documents').set({ validity: 'amended', validityChangedOn: null }).where('id', '=', amended).execute();
    await tdb.db
      .updateTable('documents')
      .set({ validity: null })
      .where('id', '=', await idOf(bad, 'V-4'))
      .execute();
    expect(await run(validityIndicator, good)).toEqual([]);
    const findings = await run(validityIndicator, bad);
    expect(findings.map((f) => f.message).sort()).toEqual(
      [
        '《文件V-4》未标注效力状态',
        '《文件V-5》的效力变更日期 2023-12-31 早于成文日期',
        '《文件V-6》的效力变更日期 2025-03-01 尚未到来，却已标注为失去效力',
        '《文件V-7》标注为“已修改”，但没有效力变更日期',
      ].sort(),
    );
    expect(keys(findings)).toContain(`document:${amended}:validity`);
  });

  it('documents.links: internal links resolve, attachments hold content, external links are listed without failing', async () => {
    const good = await buildAgency(tdb.db, { code: 'lnk-ok' });
    const bad = await buildAgency(tdb.db, { code: 'lnk-bad' });
    await load([
      doc('lnk-ok', 'L-1'),
      doc('lnk-ok', 'L-2', { category: 'normative', validity: 'in_force' }),
      doc('lnk-bad', 'L-3'),
      doc('lnk-bad', 'L-4'),
      doc('lnk-bad', 'L-5', { body: '<p>请按要求申报。</p><p>附件：1．申报表</p>' }),
      doc('lnk-bad', 'L-6'),
    ]);
    const [l1, l2, l3, l4, l5, l6] = await Promise.all(
      [
        [good, 'L-1'],
        [good, 'L-2'],
        [bad, 'L-3'],
        [bad, 'L-4'],
        [bad, 'L-5'],
        [bad, 'L-6'],
      ].map(([a, r]) => idOf(a as Agency, r as string)),
    );
    const form = await attach(good, l2 as number, '申报表.pdf', '%PDF-1.4 申报表');
    await correct(
      good,
      l1 as number,
      `<p>依据<a href="/gk/lnk-ok/d/${l2}">《文件L-2》</a>（<a href="${PUBLIC_URL}/gk/lnk-ok/d/${l2}/files/${form}">附件</a>），` +
        `见<a href="../guide">公开指南</a>、<a href="/gk/lnk-ok/c/normative?page=1">规范性文件</a>、<a href="#top">顶部</a>、` +
        `<a href="mailto:gk@example.cn">信箱</a>，另见<a href="https://www.gov.cn/zhengce/">中国政府网</a>。</p><p>附件：1．申报表</p>`,
    );
    await attach(good, l1 as number, '附件1.pdf', '%PDF-1.4 附件');
    const goodFindings = await run(linksIndicator, good);
    expect(passes(goodFindings)).toBe(true);
    expect(goodFindings).toEqual([
      {
        key: 'external:www.gov.cn',
        message: '外部网站 www.gov.cn：1 篇信息中有 1 个链接，如《文件》 https://www.gov.cn/zhengce/',
        href: `documents/${l1}`,
        info: true,
      },
    ]);

    // Bad: a withdrawn target, a draft, a missing page, a missing and an empty attachment, a console link; a body with
    // an 附件说明 and no attachment; a document whose own attachment is empty.
    await withdrawDocument(deps(), actor, bad.id, l4 as number, { reason: '已过时' });
    const draft = await createDraft(deps(), actor, bad.id, { title: '草稿', category: 'policy', issuedOn: '2024-09-01', body: '草稿' });
    const empty = await attach(bad, l6 as number, '空文件.pdf', '');
    await correct(
      bad,
      l3 as number,
      `<p><a href="/gk/lnk-bad/d/${l4}">撤回的</a><a href="/gk/lnk-bad/d/${draft.id}">草稿</a><a href="/gk/lnk-bad/nothing">无</a>` +
        `<a href="/gk/lnk-bad/d/${l6}/files/${empty}">空附件</a><a href="/gk/lnk-bad/d/${l6}/files/999999">缺附件</a>` +
        `<a href="/admin/lnk-bad/documents">后台</a><a href="/gk/lnk-ok/d/${l1}">他机关的正常链接</a></p>`,
    );
    const findings = await run(linksIndicator, bad);
    expect(passes(findings)).toBe(false);
    expect(keys(findings).sort()).toEqual([`document:${l3}:links`, `document:${l5}:attachments`, `document:${l6}:attachments`].sort());
    const links = findings.find((f) => f.key === `document:${l3}:links`)?.message ?? '';
    expect(links).toContain(`/gk/lnk-bad/d/${l4}（信息已撤回）`);
    expect(links).toContain(`/gk/lnk-bad/d/${draft.id}（页面不存在或未公开）`);
    expect(links).toContain('/gk/lnk-bad/nothing（页面不存在或未公开）');
    expect(links).toContain('等 6 处');
    expect(links).not.toContain('他机关');
    expect(findings.find((f) => f.key === `document:${l5}:attachments`)?.message).toBe('《文件L-5》正文有附件说明，但没有上传附件');
    expect(findings.find((f) => f.key === `document:${l6}:attachments`)?.message).toBe('《文件L-6》的附件“空文件.pdf”内容为空');

    // Rectified by a correction: the finding disappears on the next check.
    await correct(bad, l3 as number, `<p>见<a href="/gk/lnk-ok/d/${l1}">《文件》</a>。</p>`);
    expect(keys(await run(linksIndicator, bad))).not.toContain(`document:${l3}:links`);
  });

  it('documents.links agrees with the platform: what it passes answers, what it flags does not', async () => {
    const probe = await buildAgency(tdb.db, { code: 'probe' });
    await load([doc('probe', 'T-1', { category: 'normative', validity: 'in_force' }), doc('probe', 'T-2')]);
    const t1 = await idOf(probe, 'T-1');
    const t2 = await idOf(probe, 'T-2');
    const att = await attach(probe, t1, '表.pdf', '%PDF-1.4 表');
    await withdrawDocument(deps(), actor, probe.id, t2, { reason: '撤回' });
    const draft = await createDraft(deps(), actor, probe.id, { title: '草稿', category: 'policy', issuedOn: '2024-09-01', body: '草稿' });
    const paths = [
      '/',
      '/search?q=x',
      '/track',
      '/workdays',
      '/health',
      '/healthz',
      '/readyz',
      '/sitemap.xml',
      '/sitemaps/probe-1.xml',
      '/assets/site.css',
      '/api/v1/openapi.json',
      `/api/v1/documents/${t1}`,
      '/api/v1/agencies/probe/documents',
      '/gk/probe',
      '/gk/probe/',
      ...['guide', 'rules', 'list', 'search', 'feed.xml', 'atom.xml', 'apply', 'track', 'reports'].map((p) => `/gk/probe/${p}`),
      '/gk/probe/c/normative',
      '/gk/probe/c/normative/feed.xml',
      '/gk/probe/c/news/atom.xml',
      `/gk/probe/d/${t1}`,
      `/gk/probe/d/${t1}/files/${att}`,
      // broken
      '/gk/probe/guide/',
      '/gk/probe/c/nonsense',
      `/gk/probe/d/${t2}`,
      `/gk/probe/d/${draft.id}`,
      '/gk/probe/d/999999',
      `/gk/probe/d/${t1}/files/999999`,
      `/gk/probe/d/${t2}/files/${att}`,
      '/gk/nosuch/',
      '/gk/probe/cleanup/999999',
      '/gk/probe/reports/2019',
      '/gk/probe/reports/2019/download/docx',
      `/api/v1/documents/${t2}`,
      '/sitemaps/nosuch-1.xml',
      '/nothing',
      '/admin/probe/documents',
    ];
    await load(paths.map((p, i) => doc('probe', `P-${i}`, { body: `<p><a href="${p}">链接</a></p>` })));
    const flagged = new Set(
      (await run(linksIndicator, probe)).filter((f) => f.key.endsWith(':links')).map((f) => f.key.replace(/^document:(\d+):links$/, '$1')),
    );
    const disagreements: string[] = [];
    for (const [i, path] of paths.entries()) {
      const id = String(await idOf(probe, `P-${i}`));
      const res = await app.inject({ method: 'GET', url: path });
      const answers = res.statusCode < 400 && !String(res.headers.location ?? '').startsWith('/admin/login');
      if (answers === flagged.has(id)) disagreements.push(`${path}: HTTP ${res.statusCode}, ${flagged.has(id) ? 'flagged' : 'passed'}`);
    }
    expect(disagreements).toEqual([]);
  });

  it('documents.personal_data: finds ID, mobile and bank card numbers and sensitive words in titles, bodies and attachment text, masked', async () => {
    const good = await buildAgency(tdb.db, { code: 'pd-ok' });
    const bad = await buildAgency(tdb.db, { code: 'pd-bad' });
    for (const a of [good, bad]) await addSensitiveWord(deps(), actor, a.id, { word: '内部资料' });
    await load([
      doc('pd-ok', 'D-1', { body: '<p>咨询电话：0635-8888888，统一社会信用代码 11371500MB2857621X。</p>' }),
      doc('pd-bad', 'D-2', { title: '关于13863512345反映问题的答复', body: '<p>申请人身份证号11010519491231002X。</p><p>本文件为内部资料。</p>' }),
      doc('pd-bad', 'D-3'),
    ]);
    // Personal data in a draft is the reviewers' business, not the public's yet.
    await createDraft(deps(), actor, good.id, { title: '草稿', category: 'policy', issuedOn: '2024-09-01', body: '身份证号11010519491231002X' });
    const d3 = await idOf(bad, 'D-3');
    await attach(bad, d3, '名单.pdf', '%PDF-1.4', '收款账号 4111 1111 1111 1111');
    expect(await run(personalDataIndicator, good)).toEqual([]);
    const findings = await run(personalDataIndicator, bad);
    expect(keys(findings).sort()).toEqual([`document:${await idOf(bad, 'D-2')}:personal_data`, `document:${d3}:personal_data`].sort());
    const all = findings.map((f) => f.message).join('\n');
    for (const raw of ['13863512345', '11010519491231002X', '4111 1111 1111 1111', '4111111111111111']) expect(all).not.toContain(raw);
    expect(all).toContain(
      '《关于138******45反映问题的答复》含疑似个人信息或敏感词：手机号码 138******45（标题）、身份证号码 110*************2X（正文）、敏感词 内部资料（正文）',
    );
    expect(all).toContain('《文件D-3》含疑似个人信息或敏感词：银行卡号 411**************11（附件“名单.pdf”）');
  });

  it('runs in the self-check: info findings are listed but do not fail an indicator or count as findings', async () => {
    const agency = await buildAgency(tdb.db, { code: 'lnk-run' });
    await load([doc('lnk-run', 'R-1', { body: '<p>见<a href="https://www.gov.cn/">中国政府网</a>。</p>' })]);
    const result = await runSelfCheck({ ...deps(), indicators, publicUrl: PUBLIC_URL }, actor, agency, 2024);
    const links = result.results.find((r) => r.code === 'documents.links');
    expect(links?.passed).toBe(true);
    expect(links?.findings).toHaveLength(1);
    const stored = await tdb.db.selectFrom('complianceRuns').select('findingCount').where('id', '=', result.id).executeTakeFirstOrThrow();
    expect(stored.findingCount).toBe(result.results.reduce((n, r) => n + r.findings.filter((f) => !f.info).length, 0));
  });
});
