import http from 'node:http';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildAgency, buildUser, TEST_PASSWORD } from '../builders/index.ts';
import { createTestDatabase, DIALECTS, type TestDatabase } from '../support/db.ts';
import { FetchAgent, rssMiB } from '../support/fetch-agent.ts';
import { minimalPdf, multipartBody } from '../support/files.ts';
import { corruptPdf, docxZipBomb, manyEntriesZip, minimalDocx, pdfFlateBomb, truncatedPdf } from '../support/hostile-files.ts';
import { type ServerProcess, startServerProcess } from '../support/server.ts';

// Finding 8 of issue 11: hostile uploads (a PDF flate bomb, DOCX zip bombs, many-entries archives, broken PDFs,
// oversized and over-counted requests) sent through the real routes of a real server process, which must answer
// each and keep serving within its memory.

const PDF_BOMB = pdfFlateBomb();
const DOCX_BOMB = docxZipBomb();
const LYING_BOMB = docxZipBomb({ lying: true });
// A 1×1 PNG: accepted without any text to read.
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==', 'base64');

const draft = {
  title: '关于开展2022年度省级“专精特新”中小企业认定工作的通知',
  category: 'news',
  issuedOn: '2022-06-10',
  body: '<p>正文</p>',
};

/** Sends a request by hand: headers and the first bytes of the body now, the rest (or an abort) later. */
function rawRequest(url: string, path: string, headers: Record<string, string>, firstBytes: Buffer) {
  const { hostname, port } = new URL(url);
  const req = http.request({ hostname, port, path, method: 'POST', headers });
  const answered = new Promise<{ status: number; body: string }>((resolve, reject) => {
    req.on('response', (res) => {
      let body = '';
      res.on('data', (c: Buffer) => {
        body += c.toString();
      });
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body }));
    });
    req.on('error', reject);
  });
  req.write(firstBytes);
  return { answered, finish: (rest?: Buffer) => req.end(rest), abort: () => req.destroy() };
}

describe.each(DIALECTS)('hostile uploads to a server process on %s', (dialect) => {
  let tdb: TestDatabase;
  let server: ServerProcess;
  let editor: FetchAgent;
  const documentsOf = async () => tdb.db.selectFrom('attachments').select(['fileName', 'textStatus', 'extractedText', 'documentId']).orderBy('id').execute();
  const serves = async () => (await fetch(`${server.url}/health`)).status === 200 && (await fetch(`${server.url}/gk/gxj/`)).status === 200;
  const upload = async (files: { fileName: string; data: Buffer }[]) => {
    await editor.page('/admin/gxj/documents/new');
    return editor.postMultipart(
      '/admin/gxj/documents/new',
      draft,
      files.map((f) => ({ field: 'attachment', ...f })),
    );
  };

  beforeAll(async () => {
    tdb = await createTestDatabase(dialect);
    const agency = await buildAgency(tdb.db, { code: 'gxj', name: '聊城市工业和信息化局' });
    await buildUser(tdb.db, { agencyId: agency.id, role: 'editor', username: 'edi' });
    server = await startServerProcess(tdb.env);
    editor = new FetchAgent(server.url);
    await editor.login('edi', TEST_PASSWORD);
  }, 150_000);
  afterAll(async () => {
    await server?.stop();
    await tdb?.cleanup();
  });

  it('keeps a PDF whose content stream inflates to 384 MiB, says its text could not be read, and keeps serving', async () => {
    const res = await upload([{ fileName: '炸弹.pdf', data: PDF_BOMB }]);
    expect({ status: res.status, serves: await serves() }, res.body.slice(0, 300)).toEqual({ status: 303, serves: true });
    const [att] = await documentsOf();
    expect(['too_big', 'timeout']).toContain(att?.textStatus);
    const page = await editor.page(res.location ?? '');
    expect(page.body).toContain('炸弹.pdf');
    expect(page.body).toContain('个人信息检查未覆盖此附件');
    expect(rssMiB(server.pid)).toBeLessThan(1024);
  }, 120_000);

  it('refuses DOCX zip bombs, honest or lying about their size, and archives of too many entries', async () => {
    const before = (await documentsOf()).length;
    for (const [name, data, says] of [
      ['诚实.docx', DOCX_BOMB, '解压后超过'],
      ['说谎.docx', LYING_BOMB, '与实际内容不符'],
      ['条目.docx', manyEntriesZip(60_000), '条目超过'],
    ] as const) {
      const res = await upload([{ fileName: name, data }]);
      expect({ name, status: res.status, says: res.body.includes(says) }, res.body.slice(0, 300)).toEqual({ name, status: 400, says: true });
    }
    expect((await documentsOf()).length).toBe(before);
    expect(await serves()).toBe(true);
    expect(rssMiB(server.pid)).toBeLessThan(1024);
  }, 120_000);

  it('keeps truncated and corrupt PDFs, saying their text could not be read; reads honest files in full', async () => {
    const res = await upload([
      { fileName: '截断.pdf', data: truncatedPdf() },
      { fileName: '损坏.pdf', data: corruptPdf() },
      { fileName: '正常.pdf', data: minimalPdf('Contact 13912345678') },
      { fileName: '正常.docx', data: minimalDocx('联系电话13812345678') },
    ]);
    expect(res.status, res.body.slice(0, 300)).toBe(303);
    const docId = Number(/documents\/(\d+)/.exec(res.location ?? '')?.[1]);
    const atts = (await documentsOf()).filter((a) => a.documentId === docId);
    expect(atts.map((a) => [a.fileName, a.textStatus])).toEqual([
      ['截断.pdf', 'failed'],
      ['损坏.pdf', 'failed'],
      ['正常.pdf', 'read'],
      ['正常.docx', 'read'],
    ]);
    expect(atts[2]?.extractedText).toContain('13912345678');
    expect(atts[3]?.extractedText).toContain('13812345678');
    const page = await editor.page(res.location ?? '');
    expect(page.body).toContain('无法读取其中的文字');
  }, 60_000);

  it('answers four bombs at once and stays within its memory', async () => {
    const agents = await Promise.all(
      [0, 1, 2, 3].map(async () => {
        const a = new FetchAgent(server.url);
        await a.login('edi', TEST_PASSWORD);
        await a.page('/admin/gxj/documents/new');
        return a;
      }),
    );
    let peak = 0;
    const sampler = setInterval(() => {
      peak = Math.max(peak, rssMiB(server.pid));
    }, 50);
    const results = await Promise.all(
      agents.map((a, i) => a.postMultipart('/admin/gxj/documents/new', draft, [{ field: 'attachment', fileName: `炸弹${i}.pdf`, data: PDF_BOMB }])),
    );
    clearInterval(sampler);
    expect(results.map((r) => r.status)).toEqual([303, 303, 303, 303]);
    expect(await serves()).toBe(true);
    expect(peak).toBeLessThan(1024);
  }, 180_000);

  it('refuses a request over the total size from its length before reading it, and one without a length', async () => {
    await editor.page('/admin/gxj/documents/new');
    const cookie = [...editor.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
    const huge = rawRequest(
      server.url,
      '/admin/gxj/documents/new',
      { cookie, 'content-type': 'multipart/form-data; boundary=x', 'content-length': String(4 * 1024 * 1024 * 1024) },
      Buffer.from('--x\r\n'),
    );
    const answer = await huge.answered;
    huge.abort();
    expect(answer.status).toBe(413);
    expect(answer.body).toContain('MB');
    const chunked = rawRequest(
      server.url,
      '/admin/gxj/documents/new',
      { cookie, 'content-type': 'multipart/form-data; boundary=x', 'transfer-encoding': 'chunked' },
      Buffer.from('--x\r\n'),
    );
    const noLength = await chunked.answered;
    chunked.abort();
    expect(noLength.status).toBe(411);
    expect(await serves()).toBe(true);
  });

  it('limits the number of files on every upload form', async () => {
    const small = { fileName: 'a.pdf', data: minimalPdf('x') };
    const before = (await documentsOf()).length;
    const tooMany = await upload(Array.from({ length: 11 }, (_, i) => ({ ...small, fileName: `${i}.pdf` })));
    expect(tooMany.status).toBe(413);
    expect((await documentsOf()).length).toBe(before);
    const visitor = new FetchAgent(server.url);
    await visitor.page('/gk/gxj/apply');
    const files = Array.from({ length: 7 }, (_, i) => ({ field: 'attachments', fileName: `${i}.pdf`, data: minimalPdf('x') }));
    const apply = await visitor.postMultipart('/gk/gxj/apply', { name: '张三' }, files);
    expect(apply.status).toBe(413);
  });

  it('refuses zip bombs and many-entries archives on the public application form', async () => {
    const visitor = new FetchAgent(server.url);
    for (const [fileName, data, says] of [
      ['身份证明.docx', DOCX_BOMB, '解压后超过'],
      ['身份证明.docx', LYING_BOMB, '与实际内容不符'],
      ['材料.ofd', manyEntriesZip(60_000, 'ofd'), '条目超过'],
    ] as const) {
      await visitor.page('/gk/gxj/apply');
      const res = await visitor.postMultipart('/gk/gxj/apply', { name: '张三' }, [{ field: 'attachments', fileName, data }]);
      expect({ fileName, status: res.status, says: res.body.includes(says) }).toEqual({ fileName, status: 400, says: true });
    }
    expect(await tdb.db.selectFrom('applicationAttachments').select('id').executeTakeFirst()).toBeUndefined();
    expect(await serves()).toBe(true);
  });

  it('answers 503 when the uploads in progress would pass the memory budget, and accepts again after', async () => {
    // 100 MB in all, 25 MB of it for one client address (the share is unit-tested with the total, src/web/uploads.test.ts).
    const small = await startServerProcess({ ...tdb.env, GONGKAI_UPLOAD_MEMORY_MB: '100' });
    try {
      const a = new FetchAgent(small.url);
      await a.login('edi', TEST_PASSWORD);
      await a.page('/admin/gxj/documents/new');
      const cookie = [...a.cookies].map(([k, v]) => `${k}=${v}`).join('; ');
      const { body, contentType } = multipartBody({ ...draft, _csrf: a.csrf }, [{ field: 'attachment', fileName: '大.pdf', data: minimalPdf('x') }]);
      const big = Buffer.concat([body.subarray(0, 64), Buffer.alloc(20 * 1024 * 1024 - body.length, 0x20), body.subarray(64)]);
      // The first holds 20 MB of the budget while its body is still arriving.
      const first = rawRequest(
        small.url,
        '/admin/gxj/documents/new',
        { cookie, 'content-type': contentType, 'content-length': String(big.length) },
        big.subarray(0, 1024),
      );
      // Ordering only (the first's headers must have arrived): no timing is asserted.
      await new Promise((r) => setTimeout(r, 500));
      const second = await a.postMultipart('/admin/gxj/documents/new', draft, [
        { field: 'attachment', fileName: '小.pdf', data: Buffer.alloc(10 * 1024 * 1024, 0x20) },
      ]);
      expect(second.status).toBe(503);
      expect(second.body).toContain('稍后再试');
      // Once the first is gone its share is free again: 10 MB is taken (retried until the server has seen the abort).
      first.abort();
      await first.answered.catch(() => undefined);
      const tenMegabytePng = Buffer.concat([PNG, Buffer.alloc(10 * 1024 * 1024)]);
      let third = { status: 0 };
      for (let attempt = 0; attempt < 50 && third.status !== 303; attempt++) {
        if (attempt > 0) await new Promise((r) => setTimeout(r, 100));
        await a.page('/admin/gxj/documents/new');
        third = await a.postMultipart('/admin/gxj/documents/new', draft, [{ field: 'attachment', fileName: '大.png', data: tenMegabytePng }]);
      }
      expect(third.status).toBe(303);
    } finally {
      await small.stop();
    }
  }, 150_000);
});
