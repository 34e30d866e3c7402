import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { correctionWays } from './correction-ways.ts';

const full = { address: '聊城市东昌府区东昌东路1号', postcode: '252000', officeHours: '工作日 9:00–17:00' };

describe('correctionWays', () => {
  it('lists online, post and in person when the facts are there', () => {
    const ways = correctionWays(full);
    expect(ways).toHaveLength(3);
    expect(ways[0]).toContain('在线提交');
    expect(ways[1]).toContain('252000');
    expect(ways[2]).toContain('工作日 9:00–17:00');
  });
  it('leaves out a channel whose facts are missing', () => {
    expect(correctionWays({ ...full, postcode: null })).toHaveLength(2);
    expect(correctionWays({ ...full, officeHours: '  ' }).some((w) => w.includes('当面'))).toBe(false);
    expect(correctionWays({ address: null, postcode: '252000', officeHours: '工作日' })).toHaveLength(1);
  });
  it('ends the list with 。 and every other line with ；, never doubled', () => {
    const fact = fc.option(fc.constantFrom('东昌东路1号', '252000', '工作日'), { nil: null });
    fc.assert(
      fc.property(fact, fact, fact, (address, postcode, officeHours) => {
        const ways = correctionWays({ address, postcode, officeHours });
        expect(ways.at(-1)?.endsWith('。')).toBe(true);
        for (const w of ways.slice(0, -1)) expect(w.endsWith('；')).toBe(true);
        for (const w of ways) expect(w).not.toMatch(/[。；，]{2}/);
      }),
    );
  });
});
