import { describe, expect, it } from 'vitest';
import { checkInputText, decodeInputBytes, escapeControls, firstInvalidUtf8, InputTextError, lineAt } from './input-text.ts';

const b = (...xs: (string | number[])[]) => Buffer.concat(xs.map((x) => (typeof x === 'string' ? Buffer.from(x) : Buffer.from(x))));
const refusal = (fn: () => unknown) => {
  try {
    fn();
  } catch (e) {
    if (e instanceof InputTextError) return { line: e.line, message: e.message };
    throw e;
  }
  return null;
};

describe('reading text from outside', () => {
  it('finds the first byte that is not well-formed UTF-8', () => {
    expect(firstInvalidUtf8(b('聊城 ok'))).toBe(-1);
    expect(firstInvalidUtf8(b('ab', [0xc0, 0x80]))).toBe(2); // overlong NUL
    expect(firstInvalidUtf8(b('a', [0xe0, 0x80, 0x80]))).toBe(1); // overlong
    expect(firstInvalidUtf8(b([0xed, 0xa0, 0x80]))).toBe(0); // a surrogate
    expect(firstInvalidUtf8(b('x', [0xf4, 0x90, 0x80, 0x80]))).toBe(1); // above U+10FFFF
    expect(firstInvalidUtf8(b('xy', [0xe4, 0xb8]))).toBe(2); // cut short
    expect(firstInvalidUtf8(b([0xf0, 0x9f, 0x98, 0x80]))).toBe(-1); // 😀
  });

  it('decodes strict UTF-8, drops a BOM and names the line of each refusal', () => {
    expect(decodeInputBytes(b([0xef, 0xbb, 0xbf], '一\n二'))).toBe('一\n二');
    expect(refusal(() => decodeInputBytes(b('a\n\nb', [0xff], 'c')))).toMatchObject({ line: 3, message: expect.stringContaining('UTF-8') });
    expect(refusal(() => decodeInputBytes(b('a\r\nb\r\n', [0], '\n')))).toMatchObject({ line: 3, message: expect.stringContaining('NUL') });
    expect(refusal(() => decodeInputBytes(b('a\n\uFFFD')))).toMatchObject({ line: 2, message: expect.stringContaining('U+FFFD') });
    const limits = { maxFileBytes: 100, maxLineBytes: 4 };
    expect(refusal(() => decodeInputBytes(b('abcd\n一二'), limits))).toMatchObject({ line: 2 });
    expect(decodeInputBytes(b('abcd\nabcd\n'), limits)).toBe('abcd\nabcd\n');
    expect(refusal(() => decodeInputBytes(Buffer.alloc(101, 0x61), limits))).toMatchObject({ line: null });
    expect(refusal(() => checkInputText('ok\n\nx\u0000'))).toMatchObject({ line: 3 });
    expect(refusal(() => checkInputText('一二', limits))).toMatchObject({ line: 1 });
  });

  it('escapes control characters and bidirectional overrides for terminals', () => {
    expect(escapeControls('a\u001b[31mb\u0007\u202ec\n')).toBe('a\\x1b[31mb\\x07\\u202ec\\x0a');
    expect(escapeControls('聊城 — “正常”')).toBe('聊城 — “正常”');
    expect(lineAt('a\nb\nc', 4)).toBe(3);
  });
});
