import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { actOnApplication } from '../../src/applications/case.service.ts';
import type { Agency } from '../../src/db/schema.ts';
import { type Actor, systemActor } from '../../src/shared/actor.ts';
import { fixedClock } from '../../src/shared/clock.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const clock = fixedClock('2024-11-01T02:00:00Z');

describe.each(DIALECTS)('the public side of 依申请公开 on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  const staff: Actor = systemActor('测试');

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局', phone: '0635-0000000', address: '测试路 1 号' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  /** Submits the form through the portal; returns the receipt page and the agent that holds its cookie. */
  async function apply(fields: Record<string, string>, files: Parameters<Agent['postMultipart']>[2] = []) {
    const agent = new Agent(app);
    const form = await agent.get(`/gk/${agency.code}/apply`);
    expect(form.statusCode).toBe(200);
    const res = await agent.postMultipart(`/gk/${agency.code}/apply`, fields, files);
    return { agent, res };
  }

  it('shows the form with the guide beside it, linked from the agency column', async () => {
    const home = await app.inject(`/gk/${agency.code}/`);
    expect(home.body).toContain(`href="/gk/${agency.code}/apply"`);
    expect(home.body).toContain(`href="/gk/${agency.code}/track"`);
    const page = await app.inject(`/gk/${agency.code}/apply`);
    expect(page.body).toContain('政府信息公开申请');
    expect(page.body).toContain('所需政府信息的名称、文号或者便于行政机关查询的其他特征性描述');
    expect(page.body).toContain('0635-0000000');
    expect(page.body).toContain('以双方确认之日为收到申请之日');
    expect(page.body).toContain('enctype="multipart/form-data"');
  });

  it('re-renders bad input with a message beside each wrong field, keeping what was typed', async () => {
    const { res } = await apply(
      onlineApplicationForm({ name: '李四', idNumber: '110105194912310021', phone: 'abc', subject: '', wayWanted: 'email', email: '' }),
    );
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('id="f-idNumber-error"');
    expect(res.body).toContain('居民身份证号码应为 18 位，且校验位正确');
    expect(res.body).toContain('请填写有效的联系电话');
    expect(res.body).toContain('选择通过电子邮件获取信息时，请填写电子邮箱');
    expect(res.body).toMatch(/id="f-subject"[^>]*aria-invalid="true"/);
    // What was typed is kept.
    expect(res.body).toContain('value="李四"');
    expect(res.body).toContain('value="110105194912310021"');
    expect(res.body).toContain('value="abc"');
    expect(await tdb.db.selectFrom('applications').select('id').where('agencyId', '=', agency.id).execute()).toHaveLength(0);
  });

  it('checks attachments by content, not by name', async () => {
    const { res } = await apply(onlineApplicationForm(), [
      { name: 'attachments', filename: '身份证.pdf', data: Buffer.from('MZ not a pdf'), type: 'application/pdf' },
    ]);
    expect(res.statusCode).toBe(400);
    expect(res.body).toContain('附件“身份证.pdf”不是允许的文件类型');
    const big = await apply(onlineApplicationForm(), [
      { name: 'attachments', filename: 'big.pdf', data: Buffer.concat([PDF, Buffer.alloc(10 * 1024 * 1024)]) },
    ]);
    expect(big.res.statusCode).toBe(400);
    expect(big.res.body).toContain('附件“big.pdf”超过 10 MB');
  });

  it('refuses a form without its CSRF token', async () => {
    const agent = new Agent(app);
    const res = await agent.postMultipart(`/gk/${agency.code}/apply`, onlineApplicationForm());
    expect(res.statusCode).toBe(403);
  });

  it('gives a receipt with the query code once; tracking shows status and notices and never personal data', async () => {
    const { agent, res } = await apply(onlineApplicationForm(), [{ name: 'attachments', filename: '身份证明.pdf', data: PDF }]);
    expect(res.statusCode).toBe(303);
    const receiptUrl = res.headers.location as string;
    expect(receiptUrl).toMatch(new RegExp(`^/gk/${agency.code}/apply/receipt/\\d{8}-\\d{6}$`));
    const receipt = await agent.get(receiptUrl);
    const trackingNo = receiptUrl.split('/').pop() as string;
    const code = /class="code">([A-Z2-9]{4}-[A-Z2-9]{4})</.exec(receipt.body)?.[1] as string;
    expect(code).toBeDefined();
    expect(receipt.body).toContain('查询码只显示这一次');
    for (const secret of ['张三', '11010519491231002X', '13800000000']) expect(receipt.body).not.toContain(secret);
    // Anyone else opening the receipt address sees no code.
    const stranger = await app.inject(receiptUrl);
    expect(stranger.body).not.toContain(code);
    expect(stranger.body).toContain('查询码已在提交时显示一次');

    const stored = await tdb.db.selectFrom('applications').selectAll().where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow();
    expect(stored).toMatchObject({ status: 'pending', channel: 'online', applicantName: '张三' });
    expect(stored.queryCodeHash).not.toContain(code.replace('-', ''));
    const files = await tdb.db.selectFrom('applicationAttachments').selectAll().where('applicationId', '=', stored.id).execute();
    expect(files).toMatchObject([{ filename: '身份证明.pdf', contentType: 'application/pdf', size: PDF.length }]);
    expect(Buffer.from(files[0]?.data as Buffer).equals(PDF)).toBe(true);

    const deps = { db: tdb.db, clock };
    await actOnApplication(deps, staff, agency, stored.id, 'confirm', { on: '2024-11-01' });
    await actOnApplication(deps, staff, agency, stored.id, 'request_correction', { on: '2024-11-01', items: '请写明所需文件的文号\n请说明张三与该事项的关系' });

    const visitor = new Agent(app, '10.0.0.9');
    await visitor.get('/track');
    const tracked = await visitor.post('/track', { trackingNo: trackingNo.replace('-', ' '), queryCode: code.toLowerCase() });
    expect(tracked.statusCode).toBe(200);
    expect(tracked.body).toContain('需要补正申请');
    expect(tracked.body).toContain('补正申请告知');
    expect(tracked.body).toContain('请写明所需文件的文号');
    // Personal data never shows: not the name (even where staff typed it into a notice), ID number, phone, e-mail or address.
    for (const secret of ['张三', '11010519491231002X', '13800000000', 'zhangsan@example.com', '某路 1 号', '无线电初级操作证报考条件']) {
      expect(tracked.body).not.toContain(secret);
    }
    expect(tracked.body).toContain('请说明申请人与该事项的关系');
  });

  it('throttles guessing per address with one message for any wrong pair', async () => {
    const guesser = new Agent(app, '10.0.0.66');
    await guesser.get('/track');
    let last = await guesser.post('/track', { trackingNo: '20241101-000000', queryCode: 'AAAA-AAAA' });
    expect(last.statusCode).toBe(400);
    expect(last.body).toContain('查询号或查询码不正确');
    for (let i = 0; i < 25 && last.statusCode !== 429; i++)
      last = await guesser.post('/track', { trackingNo: `20241101-0000${String(i).padStart(2, '0')}`, queryCode: 'AAAA-AAAA' });
    expect(last.statusCode).toBe(429);
    expect(last.body).toContain('查询错误次数过多');
    const bad = await new Agent(app, '10.0.0.67').post('/track', { trackingNo: '12', queryCode: 'x' }, { csrf: false });
    expect(bad.statusCode).toBe(403);
  });
});
