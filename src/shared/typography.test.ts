import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collapsePunctuation, handWritten, isJoinMark, nestQuotes } from './typography.ts';

const MARKS = ['，', '、', '。', '；', '：', '？', '！'];
/** Text from an alphabet where marks, quotes, ellipses and Han characters meet often. */
const alphabet = fc.constantFrom(...MARKS, '“', '”', '‘', '’', '…', '—', '答', '复', '资', '金', 'a', '1', '　', '\n');
const text = fc.array(alphabet, { maxLength: 60 }).map((cs) => cs.join(''));
const strip = (s: string) => [...s].filter((c) => !isJoinMark(c)).join('');

describe('collapsePunctuation', () => {
  it('reads the issue’s examples as written by hand', () => {
    expect(collapsePunctuation('现答复。，经本机关审查')).toBe('现答复。经本机关审查');
    expect(collapsePunctuation('扶持资金。；补正期限')).toBe('扶持资金；补正期限');
    expect(collapsePunctuation('内容，。')).toBe('内容。');
    expect(collapsePunctuation('是否公开？。')).toBe('是否公开？');
    expect(collapsePunctuation('如下：。')).toBe('如下。');
    expect(collapsePunctuation('等等……——')).toBe('等等……——');
  });

  it('leaves no two marks side by side', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = [...collapsePunctuation(s)];
        return out.every((c, i) => !(isJoinMark(c) && i > 0 && isJoinMark(out[i - 1] as string)));
      }),
    );
  });

  it('keeps every other character, in order', () => {
    fc.assert(fc.property(text, (s) => strip(collapsePunctuation(s)) === strip(s)));
  });

  it('keeps one mark per run, taken from the run', () => {
    fc.assert(
      fc.property(text, (s) => {
        const runs = s.match(/[，、。；：？！]+/g) ?? [];
        const kept = collapsePunctuation(s).match(/[，、。；：？！]/g) ?? [];
        return kept.length === runs.length && kept.every((m, i) => (runs[i] as string).includes(m));
      }),
    );
  });

  it('is idempotent and changes text without doubled marks not at all', () => {
    fc.assert(fc.property(text, (s) => collapsePunctuation(collapsePunctuation(s)) === collapsePunctuation(s)));
    fc.assert(fc.property(text, (s) => (/[，、。；：？！]{2}/.test(s) ? true : collapsePunctuation(s) === s)));
  });
});

describe('nestQuotes', () => {
  it('turns quotes inside quotes into ‘’, and inside those back into “”', () => {
    expect(nestQuotes('您申请获取“关于“专精特新”企业的通知”。')).toBe('您申请获取“关于‘专精特新’企业的通知”。');
    expect(nestQuotes('“一“二“三”二”一”')).toBe('“一‘二“三”二’一”');
    expect(nestQuotes('多余的”在外')).toBe('多余的”在外');
    // ‘’ typed at the outer level are quotes too: found by the idempotence property ("“““" nested twice).
    expect(nestQuotes('‘一’')).toBe('“一”');
    expect(nestQuotes(nestQuotes('“““'))).toBe('“‘“');
  });

  it('alternates by depth for any balanced nesting, keeping everything else', () => {
    const balanced: fc.Arbitrary<string> = fc.letrec<{ node: string }>((tie) => ({
      node: fc.oneof(
        { depthSize: 'small', withCrossShrink: true },
        fc.constantFrom('答', '复', '。', ''),
        fc.tuple(tie('node'), tie('node')).map(([a, b]) => a + b),
        tie('node').map((inner) => `“${inner}”`),
      ),
    })).node;
    fc.assert(
      fc.property(balanced, (s) => {
        const out = nestQuotes(s);
        let depth = 0;
        for (const c of out) {
          if (c === '“' || c === '‘') {
            depth += 1;
            if (c !== (depth % 2 === 1 ? '“' : '‘')) return false;
          } else if (c === '”' || c === '’') {
            if (c !== (depth % 2 === 1 ? '”' : '’')) return false;
            depth -= 1;
          }
        }
        return depth === 0 && out.replace(/[“”‘’]/g, '') === s.replace(/[“”]/g, '');
      }),
    );
  });

  it('handWritten is idempotent', () => {
    fc.assert(
      fc.property(text, (s) => handWritten(handWritten(s)) === handWritten(s)),
      { numRuns: 2000 },
    );
  });
});
