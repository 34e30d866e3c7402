import { describe, expect, it } from 'vitest';
import { CSV_HEADER, figureRows, performanceCsv } from './figure-rows.ts';
import { emptyFigures } from './performance.service.ts';

describe('the figures as rows and CSV', () => {
  it('lists every figure once, the breakdown only when it was computed', () => {
    const lean = figureRows(emptyFigures(1, 2024, '2024-09-27', false));
    const full = figureRows(emptyFigures(1, 2024, '2024-09-27', true));
    expect(full.length - lean.length).toBe(12);
    const keys = full.map((r) => `${r.figure}/${r.item}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys.filter((k) => k.startsWith('outcomes/'))).toHaveLength(21);
    expect(keys.filter((k) => k.startsWith('documents_by_month/'))).toEqual(
      Array.from({ length: 12 }, (_, i) => `documents_by_month/2024-${String(i + 1).padStart(2, '0')}`),
    );
  });

  it('writes UTF-8 CSV with a BOM, CRLF lines, quoted cells where needed and empty cells for undefined rates', () => {
    const f = emptyFigures(1, 2024, '2024-09-27', false);
    f.answered = 3;
    f.answeredOnTime = 2;
    f.onTimeRate = 2 / 3;
    const csv = performanceCsv([{ agency: { code: 'a', name: '某局,"分局"' }, figures: f }]);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.endsWith('\r\n')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(CSV_HEADER.join(','));
    expect(lines).toHaveLength(1 + figureRows(f).length);
    expect(lines).toContain('a,"某局,""分局""",2024,2024-09-27,on_time_rate,ratio,按期答复率,0.6667');
    expect(lines).toContain('a,"某局,""分局""",2024,2024-09-27,workdays_to_answer,median,从收到到答复的工作日：中位数,');
  });
});
