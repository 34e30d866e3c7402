import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  answerAttachmentsRefusal,
  attachmentDisposition,
  downloadSentence,
  downloadUntil,
  PUBLIC_ROLES,
  providesInformation,
  withDownloadSentence,
} from './answer-files.rules.ts';
import { draftAnswerLetter } from './letters.ts';

const letter = draftAnswerLetter('partial', {
  agencyName: '聊城市工业和信息化局',
  applicantName: '张三',
  ref: '2026-0001',
  receivedOn: '2026-12-01',
  subject: '某项目的批复',
  correctedOn: null,
  formWanted: '电子文档',
  wayWanted: '在本平台查询',
  date: '2026-12-07',
});

describe('answer files', () => {
  it('provides information only for 予以公开 and 部分公开; the original is never public', () => {
    expect(providesInformation('granted')).toBe(true);
    expect(providesInformation('partial')).toBe(true);
    expect(providesInformation('refused.state_secret')).toBe(false);
    expect(providesInformation(null)).toBe(false);
    expect(PUBLIC_ROLES).not.toContain('original');
  });

  it('refuses a 部分公开 answer without a redacted version, and files on an answer that provides nothing', () => {
    expect(answerAttachmentsRefusal('partial', { roles: ['provided', 'original'], documents: 1 })).toContain('区分处理后的版本');
    expect(answerAttachmentsRefusal('partial', { roles: ['redacted', 'original'], documents: 0 })).toBeNull();
    expect(answerAttachmentsRefusal('granted', { roles: [], documents: 0 })).toBeNull();
    expect(answerAttachmentsRefusal('unavailable.not_held', { roles: [], documents: 1 })).toContain('不提供政府信息');
    expect(answerAttachmentsRefusal('unavailable.not_held', { roles: [], documents: 0 })).toBeNull();
  });

  it('counts the download period in calendar days from delivery, across months and years', () => {
    expect(downloadUntil('2026-12-07', 30)).toBe('2027-01-06');
    expect(downloadUntil('2024-02-28', 1)).toBe('2024-02-29');
    expect(downloadSentence(30, '2026-12-07')).toBe('所提供的政府信息可在本平台“申请办理进度查询”页面凭查询号和查询码下载，下载期限至2027年1月6日。');
    expect(downloadSentence(30)).toContain('自本告知书送达之日起 30 日内');
  });

  it('puts the sentence into the answer’s paragraph of a drafted letter, reading as one paragraph', () => {
    const withIt = withDownloadSentence(letter, downloadSentence(30));
    const paragraph = withIt.split('\n')[2] as string;
    expect(paragraph).toMatch(
      /予以提供.*区分处理。本机关以电子文档形式、通过在本平台查询方式向您提供该政府信息。所提供的政府信息可自本告知书送达之日起 30 日内/,
    );
    expect(withIt).not.toMatch(/。。|。，/);
    expect(withDownloadSentence(withIt, downloadSentence(15))).toBe(withDownloadSentence(letter, downloadSentence(15)));
  });

  it('adds, replaces and removes the sentence without touching the rest of any letter', () => {
    const lines = fc.array(
      fc.oneof(
        fc.string(),
        fc.string().map((s) => `　　${s}`),
      ),
      { maxLength: 8 },
    );
    fc.assert(
      fc.property(lines, fc.integer({ min: 1, max: 365 }), (ls, days) => {
        const text = ls.join('\n').replaceAll('所提供的政府信息', '');
        const added = withDownloadSentence(text, downloadSentence(days));
        expect(added).toContain(downloadSentence(days));
        expect(withDownloadSentence(added, downloadSentence(days))).toBe(added);
        if (text.split('\n').some((l) => l.startsWith('　　'))) expect(withDownloadSentence(added, null)).toBe(text);
      }),
    );
  });
});

describe('attachmentDisposition', () => {
  it('gives an ASCII fallback and the UTF-8 name (RFC 6266 / 5987)', () => {
    expect(attachmentDisposition('答复（区分处理）.pdf')).toBe(
      `attachment; filename="________.pdf"; filename*=UTF-8''%E7%AD%94%E5%A4%8D%EF%BC%88%E5%8C%BA%E5%88%86%E5%A4%84%E7%90%86%EF%BC%89.pdf`,
    );
  });
  it('never lets a name break out of the header value', () => {
    // Header-breaking characters, non-ASCII and astral ones (fc's 'binary' unit costs seconds to set up).
    const names = fc.array(fc.constantFrom('"', '\\', '%', "'", ';', '\r', '\n', '\0', '答', '（', ' ', 'a', '~', 'é', '😀')).map((a) => a.join(''));
    fc.assert(
      fc.property(names, (name) => {
        const h = attachmentDisposition(name);
        expect(h).toMatch(/^attachment; filename="[ -~]*"; filename\*=UTF-8''[A-Za-z0-9%._~!-]*$/);
        expect(h.split('"').length).toBe(3);
      }),
    );
  });
});
