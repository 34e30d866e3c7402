import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HOLD_MS } from '../../src/applications/held-uploads.ts';
import type { Agency } from '../../src/db/schema.ts';
import { type Clock, chinaDate } from '../../src/shared/clock.ts';
import { onlineApplicationForm } from '../builders/applications.ts';
import { buildAgency } from '../builders/index.ts';
import { Agent, buildTestApp } from '../support/app.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';

const PDF = Buffer.from('%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n');
const PNG = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0]);
const pdf = (filename: string) => ({ name: 'attachments', filename, data: PDF, type: 'application/pdf' });

let at = Date.parse('2026-12-07T02:00:00Z');
const clock: Clock = { now: () => new Date(at), today: () => chinaDate(new Date(at)) };

const tokenOf = (body: string) => /name="heldToken" value="([^"]+)"/.exec(body)?.[1];
const heldIds = (body: string) => [...body.matchAll(/name="removeHeld-(\d+)"/g)].map((m) => m[1] as string);
let nextIp = 10;
let nextPhone = 0;
/** A visitor from an address of their own (the form's throttles are not under test here). */
const visitor = (app: FastifyInstance) => new Agent(app, `10.9.0.${nextIp++}`);
/** A valid form with a phone number of its own; `bad` makes it fail validation. */
const form = (bad = false) => onlineApplicationForm({ phone: `1390000${String(nextPhone++).padStart(4, '0')}`, ...(bad ? { subject: '' } : {}) });

describe.each(DIALECTS)('attachments kept after a refused submission on %s', (dialect) => {
  let tdb: TestDatabase;
  let app: FastifyInstance;
  let agency: Agency;
  let other: Agency;

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    app = await buildTestApp(tdb, clock);
    agency = await buildAgency(tdb.db, { name: '测试市工业和信息化局' });
    other = await buildAgency(tdb.db, { code: 'other', name: '测试市民政局' });
  });
  afterAll(async () => {
    await app?.close();
    await tdb?.cleanup();
  });

  async function open(agent: Agent, code = agency.code) {
    expect((await agent.get(`/gk/${code}/apply`)).statusCode).toBe(200);
  }
  const attachmentsOf = async (location: string) => {
    const trackingNo = location.split('/').pop() as string;
    const row = await tdb.db.selectFrom('applications').select('id').where('trackingNo', '=', trackingNo).executeTakeFirstOrThrow();
    return tdb.db.selectFrom('applicationAttachments').select(['filename', 'size']).where('applicationId', '=', row.id).orderBy('id').execute();
  };

  it('says nothing about attachments when none was chosen', async () => {
    const agent = visitor(app);
    await open(agent);
    const res = await agent.postMultipart(`/gk/${agency.code}/apply`, form(true));
    expect(res.statusCode).toBe(400);
    expect(res.body).not.toContain('附件没有保留');
    expect(res.body).not.toContain('未能保留');
    expect(tokenOf(res.body)).toBeUndefined();
  });

  it('holds the good files, names the dropped one, and a resubmission files the held ones', async () => {
    const agent = visitor(app);
    await open(agent);
    const refused = await agent.postMultipart(`/gk/${agency.code}/apply`, form(true), [
      pdf('身份证明.pdf'),
      { name: 'attachments', filename: '病毒.exe', data: Buffer.from('MZ...') },
    ]);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('已保留的附件');
    expect(refused.body).toContain('身份证明.pdf');
    expect(refused.body).toContain('以下附件未能保留');
    expect(refused.body).toContain('附件“病毒.exe”不是允许的文件类型');
    const token = tokenOf(refused.body) as string;
    expect(token).toMatch(/^[A-Za-z0-9_-]{43}$/);
    // Only a digest of the token is stored.
    const stored = await tdb.db.selectFrom('heldUploads').select(['tokenHash', 'filename']).execute();
    expect(stored.map((r) => r.filename)).toEqual(['身份证明.pdf']);
    expect(stored[0]?.tokenHash).not.toContain(token);

    const ok = await agent.postMultipart(`/gk/${agency.code}/apply`, { ...form(), heldToken: token }, [
      { name: 'attachments', filename: '照片.png', data: PNG },
    ]);
    expect(ok.statusCode).toBe(303);
    expect(await attachmentsOf(ok.headers.location as string)).toEqual([
      { filename: '身份证明.pdf', size: PDF.length },
      { filename: '照片.png', size: PNG.length },
    ]);
    expect(await tdb.db.selectFrom('heldUploads').select('id').execute()).toEqual([]);
  });

  it('removes a held file the applicant unticks, keeps the others across refusals, and counts them in the limit', async () => {
    const agent = visitor(app);
    await open(agent);
    const first = await agent.postMultipart(`/gk/${agency.code}/apply`, form(true), [pdf('a.pdf'), pdf('b.pdf'), pdf('c.pdf'), pdf('d.pdf')]);
    const token = tokenOf(first.body) as string;
    const [idA] = heldIds(first.body);
    // Four held and two new: one too many; the last is not kept and the page says so.
    const second = await agent.postMultipart(`/gk/${agency.code}/apply`, { ...form(), heldToken: token, [`removeHeld-${idA}`]: 'on' }, [
      pdf('e.pdf'),
      pdf('f.pdf'),
      pdf('g.pdf'),
    ]);
    expect(second.statusCode).toBe(400);
    expect(second.body).toContain('最多上传 5 个附件');
    expect(tokenOf(second.body)).toBe(token);
    expect(second.body).not.toContain('>a.pdf');
    expect(second.body).toContain('附件“g.pdf”未能保留');
    expect(heldIds(second.body)).toHaveLength(5);
    const ok = await agent.postMultipart(`/gk/${agency.code}/apply`, { ...form(), heldToken: token });
    expect(ok.statusCode).toBe(303);
    expect((await attachmentsOf(ok.headers.location as string)).map((f) => f.filename)).toEqual(['b.pdf', 'c.pdf', 'd.pdf', 'e.pdf', 'f.pdf']);
  });

  it('reaches nothing with a guessed token, another agency’s form or an expired hold', async () => {
    const owner = visitor(app);
    await open(owner);
    const refused = await owner.postMultipart(`/gk/${agency.code}/apply`, form(true), [pdf('私人.pdf')]);
    const token = tokenOf(refused.body) as string;

    // Another agency's form: the token holds nothing there, and is not adopted.
    const elsewhere = visitor(app);
    await open(elsewhere, other.code);
    const crossed = await elsewhere.postMultipart(`/gk/${other.code}/apply`, { ...form(true), heldToken: token }, [pdf('mine.pdf')]);
    expect(crossed.body).not.toContain('私人.pdf');
    expect(tokenOf(crossed.body)).not.toBe(token);
    const filed = await elsewhere.postMultipart(`/gk/${other.code}/apply`, { ...form(), heldToken: token });
    expect(filed.statusCode).toBe(303);
    expect(await attachmentsOf(filed.headers.location as string)).toEqual([]);

    // A guessed token on the right form: the real one with its last character changed (never to itself).
    const guess = `${token.slice(0, 42)}${token.endsWith('A') ? 'B' : 'A'}`;
    const guesser = visitor(app);
    await open(guesser);
    const guessed = await guesser.postMultipart(`/gk/${agency.code}/apply`, { ...form(true), heldToken: guess });
    expect(guessed.body).not.toContain('私人.pdf');

    // Half an hour later the hold has expired and is pruned.
    at += HOLD_MS + 1000;
    const late = await owner.postMultipart(`/gk/${agency.code}/apply`, { ...form(true), heldToken: token });
    expect(late.body).not.toContain('私人.pdf');
    expect(await tdb.db.selectFrom('heldUploads').select('filename').execute()).toEqual([]);
  });
});
