import { describe, expect, it } from 'vitest';
import { jsonErrorLine, MAX_JSON_DEPTH, parseJsonSafely, scanJson, UnsafeJsonError } from './safe-json.ts';

const refused = (text: string) => {
  try {
    scanJson(text);
    return null;
  } catch (e) {
    return e instanceof UnsafeJsonError ? { line: jsonErrorLine(text, e), message: e.message } : String(e);
  }
};

describe('scanning JSON from outside', () => {
  it('finds where each element of a top-level array starts', () => {
    const text = '[\n {"a": [1, {"b": 2}]},\n\n "x" , 3,[4]\n]';
    expect(scanJson(text).map((i) => text[i])).toEqual(['{', '"', '3', '[']);
    expect(scanJson('{"a": [1, 2]}')).toEqual([]);
    expect(scanJson('[]')).toEqual([]);
  });

  it('refuses nesting past the limit, prototype keys and NUL, naming the line', () => {
    const deepest = `${'['.repeat(MAX_JSON_DEPTH)}${']'.repeat(MAX_JSON_DEPTH)}`;
    expect(refused(deepest)).toBeNull();
    expect(refused(`\n[${deepest}]`)).toMatchObject({ line: 2, message: expect.stringContaining('嵌套') });
    expect(refused('{"a": {\n"__proto__": 1}}')).toMatchObject({ line: 2, message: expect.stringContaining('__proto__') });
    expect(refused('{"\\u0063onstructor": 1}')).toMatchObject({ message: expect.stringContaining('constructor') });
    expect(refused('{"prototype": 1}')).toMatchObject({ message: expect.stringContaining('prototype') });
    expect(refused('{"a": "\\u0000"}')).toMatchObject({ message: expect.stringContaining('NUL') });
    // Values and escaped backslashes are not keys or NULs.
    expect(refused('{"a": "__proto__", "b": ["constructor"], "c": "\\\\u0000"}')).toBeNull();
    expect(parseJsonSafely('{"a": [1]}').value).toEqual({ a: [1] });
  });

  it('names the line of a syntax error', () => {
    const text = '{\n"a": 1,\n}';
    let error: unknown;
    try {
      parseJsonSafely(text);
    } catch (e) {
      error = e;
    }
    expect(jsonErrorLine(text, error)).toBe(3);
  });
});
