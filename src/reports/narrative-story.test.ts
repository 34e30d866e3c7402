import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { formsSentence, INTERPRETATION_FORM_ORDER, rulesClause, SUBJECTS_NAMED, stripStop, subjectsClause } from './narrative-story.ts';

describe('the draft’s story from the records', () => {
  it('names the interpretation forms used, in the reports’ order, once each', () => {
    expect(formsSentence(['text', 'press_conference', 'video', 'text'])).toBe(
      '不断丰富解读形式，以视频解读、文稿解读、新闻发布会等多样化形式提高政策宣传效果。',
    );
    expect(formsSentence(['qa'])).toBe('以简明问答形式开展政策解读。');
    expect(formsSentence([])).toBe('');
    fc.assert(
      fc.property(fc.subarray([...INTERPRETATION_FORM_ORDER], { minLength: 2 }), (forms) => {
        const text = formsSentence([...forms].reverse());
        const positions = forms.map((f) =>
          text.indexOf({ video: '视频', text: '文稿', graphic: '图文', qa: '简明', leader: '领导', press_conference: '新闻' }[f]),
        );
        expect(positions.every((p) => p >= 0)).toBe(true);
        expect([...positions].sort((a, b) => a - b)).toEqual(positions);
      }),
    );
  });

  it('names at most five subjects, without their closing stops or book-title marks', () => {
    expect(subjectsClause(['无线电初级操作证报考。', '《单位机构职能和权责清单》'])).toBe('无线电初级操作证报考、单位机构职能和权责清单');
    const many = Array.from({ length: 9 }, (_, i) => `事项${i}`);
    expect(subjectsClause(many).split('、')).toHaveLength(SUBJECTS_NAMED);
    expect(subjectsClause([])).toBe('');
  });

  it('prints each rule in book-title marks, and strips only trailing stops', () => {
    expect(rulesClause(['甲制度', '乙办法'])).toBe('《甲制度》《乙办法》');
    expect(stripStop(' 一句话。；，')).toBe('一句话');
    expect(stripStop('中间，不动')).toBe('中间，不动');
  });
});
