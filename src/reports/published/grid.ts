/**
 * A published report as read from its file, before anything is understood: its tables as printed (cells with their
 * spans) and its running text. `expandGrid` lays a table out as a rectangle, every merged cell's text repeated in each
 * position it covers, so a label spanning rows (三、本年度办理结果) or columns (法人或其他组织) stands beside each cell it
 * heads.
 */

export type RawCell = { text: string; rowSpan: number; colSpan: number; vMerge?: 'restart' | 'continue' };
export type RawTable = RawCell[][];
export type RawDocument = { tables: RawTable[]; paragraphs: string[]; title?: string };

const MAX_SPAN = 100;
const clampSpan = (n: number) => (Number.isInteger(n) && n >= 1 ? Math.min(n, MAX_SPAN) : 1);

/** The table as a rectangle of texts (shorter rows padded with ''). A DOCX vMerge continuation repeats the cell above. */
export function expandGrid(table: RawTable): string[][] {
  const grid: (string | undefined)[][] = [];
  table.forEach((row, r) => {
    grid[r] ??= [];
    let col = 0;
    for (const cell of row) {
      while (grid[r]?.[col] !== undefined) col++;
      const rows = clampSpan(cell.rowSpan);
      const cols = clampSpan(cell.colSpan);
      const text = cell.vMerge === 'continue' ? (grid[r - 1]?.[col] ?? '') : cell.text;
      for (let dr = 0; dr < rows && r + dr < table.length; dr++) {
        grid[r + dr] ??= [];
        for (let dc = 0; dc < cols; dc++) (grid[r + dr] as (string | undefined)[])[col + dc] = text;
      }
      col += cols;
    }
  });
  const width = Math.max(0, ...grid.map((row) => row.length));
  return grid.map((row) => Array.from({ length: width }, (_, i) => row[i] ?? ''));
}

/** Label text compared without blanks and with ASCII brackets, colons and quotes made full-width as the format prints them. */
export function normaliseLabel(text: string): string {
  return text.replace(/\s+/g, '').replace(/\(/g, '（').replace(/\)/g, '）').replace(/:/g, '：').replace(/"/g, '“').replace(/．/g, '.').replace(/、/g, '、');
}
