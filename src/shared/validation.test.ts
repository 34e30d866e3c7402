import { describe, expect, it } from 'vitest';
import { keepAbsent } from './validation.ts';

describe('keepAbsent', () => {
  it('keeps the current value of a field the input does not have, and takes a field sent empty', () => {
    expect(keepAbsent({ name: '甲', fax: '123', parentCode: 'lcs' }, { name: '乙', fax: '' })).toEqual({ name: '乙', fax: '', parentCode: 'lcs' });
    expect(keepAbsent({ name: '甲' }, null)).toEqual({ name: '甲' });
  });
});
