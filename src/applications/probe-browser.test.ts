import { describe, expect, it } from 'vitest';
import { encodeForm, fillForm, ProbeBrowser, type ProbeRequest, type ProbeTransport, parseForms } from './probe-browser.ts';

const PAGE = `
<form method="get" action="/search"><input name="q"></form>
<form method="post" action="/gk/x/apply" enctype="multipart/form-data" class="stack" novalidate>
  <input type="hidden" name="_csrf" value="tok&amp;en">
  <input type="radio" name="applicantType" value="natural_person" checked>
  <input type="radio" name="applicantType" value="business">
  <input id="f-name" name="name" value="" maxlength="100" required>
  <select name="idType"><option value="resident_id" selected>居民身份证</option><option value="other">其他</option></select>
  <textarea name="subject" rows="3">
默认 &lt;内容&gt;</textarea>
  <input type="text" name="frozen" value="x" disabled>
  <input type="file" name="attachments" multiple>
  <button class="btn" type="submit">提交</button>
</form>`;

describe('the probe browser', () => {
  it('reads forms with their controls and defaults', () => {
    const forms = parseForms(PAGE);
    expect(forms.map((f) => [f.method, f.action, f.enctype])).toEqual([
      ['get', '/search', 'application/x-www-form-urlencoded'],
      ['post', '/gk/x/apply', 'multipart/form-data'],
    ]);
    const { entries } = fillForm(forms[1] as never, {});
    expect(entries).toEqual([
      { name: '_csrf', value: 'tok&en' },
      { name: 'applicantType', value: 'natural_person' },
      { name: 'name', value: '' },
      { name: 'idType', value: 'resident_id' },
      { name: 'subject', value: '默认 <内容>' },
      { name: 'attachments', value: '', file: true },
    ]);
  });

  it('fills what a user would, and names what the form cannot take', () => {
    const form = parseForms(PAGE)[1];
    if (!form) throw new Error('no form');
    const { entries, problems } = fillForm(form, {
      applicantType: 'business',
      name: '张三',
      idType: 'other',
      subject: '新',
      _csrf: 'forged',
      wayWanted: 'online',
    });
    expect(Object.fromEntries(entries.map((e) => [e.name, e.value]))).toMatchObject({
      _csrf: 'tok&en',
      applicantType: 'business',
      name: '张三',
      idType: 'other',
      subject: '新',
    });
    expect(problems).toEqual(['_csrf', 'wayWanted']);
    expect(fillForm(form, { idType: 'passport', applicantType: 'nobody' }).problems).toEqual(['idType', 'applicantType']);
  });

  it('encodes multipart with an empty file part, as a browser does, and urlencoded otherwise', () => {
    const { body, contentType } = encodeForm({ enctype: 'multipart/form-data' }, [
      { name: 'subject', value: '一\n二' },
      { name: 'attachments', value: '', file: true },
    ]);
    const boundary = /boundary=(.+)$/.exec(contentType)?.[1];
    expect(body.toString('utf8')).toBe(
      `--${boundary}\r\nContent-Disposition: form-data; name="subject"\r\n\r\n一\r\n二\r\n` +
        `--${boundary}\r\nContent-Disposition: form-data; name="attachments"; filename=""\r\nContent-Type: application/octet-stream\r\n\r\n\r\n` +
        `--${boundary}--\r\n`,
    );
    const plain = encodeForm({ enctype: 'application/x-www-form-urlencoded' }, [{ name: 'q', value: '查 询&' }]);
    expect(plain.body.toString()).toBe('q=%E6%9F%A5+%E8%AF%A2%26');
  });

  it('keeps cookies per path and drops expired ones', async () => {
    const sent: ProbeRequest[] = [];
    const replies = [['a=1; Path=/; HttpOnly', 'r=2; Path=/gk/x/apply/receipt/'], ['a=; Max-Age=0; Path=/'], []];
    const transport: ProbeTransport = {
      target: 'test',
      send: async (r) => {
        sent.push(r);
        return { status: 200, headers: {}, location: undefined, setCookies: replies.shift() ?? [], body: '' };
      },
    };
    const browser = new ProbeBrowser(transport);
    await browser.get('/gk/x/apply');
    await browser.get('/gk/x/apply/receipt/1');
    await browser.get('/gk/x/track');
    expect(sent.map((r) => r.headers.cookie)).toEqual([undefined, 'a=1; r=2', undefined]);
  });
});
