import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../reports/report-input.ts';
import { csvCell, readCsvCell, toCsv } from './csv.ts';

describe('the CSV writer', () => {
  it('quotes as RFC 4180 and ends every line with CRLF', () => {
    expect(toCsv([['a', 'b,c', 'd"e', 'f\ng'], [], [1, null, undefined]], { bom: false })).toBe('a,"b,c","d""e","f\ng"\r\n\r\n1,,\r\n');
    expect(toCsv([['x']], { bom: true })).toBe('\uFEFFx\r\n');
  });

  it('writes text a spreadsheet would run as a formula behind an apostrophe, and numbers as numbers', () => {
    expect(csvCell('=HYPERLINK("http://x","y")')).toBe('"\'=HYPERLINK(""http://x"",""y"")"');
    expect(csvCell('+1+1')).toBe("'+1+1");
    expect(csvCell('-1+1')).toBe("'-1+1");
    expect(csvCell('@SUM(A1)')).toBe("'@SUM(A1)");
    expect(csvCell('\t=1')).toBe("'\t=1");
    expect(csvCell('\r=1')).toBe('"\'\r=1"');
    expect(csvCell(-3)).toBe('-3');
    expect(csvCell(-0.25)).toBe('-0.25');
    expect(csvCell('a=1')).toBe('a=1');
    expect(csvCell("'=1")).toBe("''=1");
    expect(csvCell("'plain")).toBe("'plain");
  });

  it('reads back exactly what it wrote (the report check reads our CSV)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.oneof(fc.string(), fc.constantFrom('=1', "'=1", "''+x", '-', "'", '@', '\t', 'a,b"c')), { minLength: 1, maxLength: 6 }),
        (cells) => {
          const [row] = parseCsv(toCsv([cells], { bom: true }));
          expect(row).toEqual(cells);
          for (const c of cells) expect(readCsvCell(csvCell(c).replace(/^"|"$/g, '').replace(/""/g, '"'))).toBe(c);
        },
      ),
    );
  });
});
