import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { passes, scoreOf } from './indicator.ts';
import { missingContactFacts } from './indicators/foundation.ts';

describe('scoring', () => {
  it('is the weighted share of passed indicators, one decimal', () => {
    expect(scoreOf([])).toBe(100);
    expect(
      scoreOf([
        { weight: 5, passed: true },
        { weight: 5, passed: false },
      ]),
    ).toBe(50);
    expect(
      scoreOf([
        { weight: 1, passed: true },
        { weight: 2, passed: false },
      ]),
    ).toBe(33.3);
  });

  it('stays within 0–100 and rises when an indicator turns to passed', () => {
    const results = fc.array(fc.record({ weight: fc.integer({ min: 0, max: 100 }), passed: fc.boolean() }), { maxLength: 30 });
    fc.assert(
      fc.property(results, (rs) => {
        const s = scoreOf(rs);
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
        const i = rs.findIndex((r) => !r.passed && r.weight > 0);
        if (i >= 0) expect(scoreOf(rs.map((r, j) => (j === i ? { ...r, passed: true } : r)))).toBeGreaterThan(s);
      }),
    );
  });
});

describe('passes', () => {
  it('fails on any finding but info findings, which are only listed', () => {
    expect(passes([])).toBe(true);
    expect(passes([{ key: 'external:www.gov.cn', message: '外部网站', info: true }])).toBe(true);
    expect(
      passes([
        { key: 'external:www.gov.cn', message: '外部网站', info: true },
        { key: 'document:1:links', message: '失效链接' },
      ]),
    ).toBe(false);
  });
});

describe('guide.contact', () => {
  const complete = { officeName: '办公室', address: '东昌东路', officeHours: '工作日', phone: '0635-1', fax: '0635-2', email: 'a@b.cn', postcode: '252000' };
  it('passes when every contact fact of 第十二条 is given', () => {
    expect(missingContactFacts(complete)).toEqual([]);
  });
  it('names each missing fact, with a stable key', () => {
    const findings = missingContactFacts({ ...complete, fax: null, email: '  ' });
    expect(findings.map((f) => f.key)).toEqual(['contact:fax', 'contact:email']);
    expect(findings[0]?.message).toBe('公开指南未载明传真');
  });
});
