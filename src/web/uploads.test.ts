import { describe, expect, it } from 'vitest';
import { boundaryOf, isBrokenUpload, UploadBudget } from './uploads.ts';

describe('the upload memory budget', () => {
  it('holds the uploads in progress within its capacity, a quarter of it per address, and frees what ends', () => {
    const budget = new UploadBudget(100);
    expect(budget.reserve('10.0.0.1', 25)).toBe(true);
    expect(budget.reserve('10.0.0.1', 1)).toBe(false); // this address holds its quarter
    expect(budget.reserve('10.0.0.2', 25)).toBe(true);
    expect(budget.reserve('10.0.0.3', 25)).toBe(true);
    expect(budget.reserve('10.0.0.4', 25)).toBe(true);
    expect(budget.reserve('10.0.0.5', 1)).toBe(false); // full
    budget.release('10.0.0.1', 25);
    expect(budget.reserve('10.0.0.5', 25)).toBe(true);
    expect(budget.reserve('10.0.0.1', 1)).toBe(false);
    budget.release('10.0.0.2', 25);
    expect(budget.reserve('10.0.0.1', 25)).toBe(true);
  });
});

describe('multipart framing', () => {
  it('reads the boundary, quoted or not, and nothing when there is none', () => {
    expect(boundaryOf('multipart/form-data; boundary=----abc')).toBe('----abc');
    expect(boundaryOf('multipart/form-data; charset=utf-8; boundary="a b:c"')).toBe('a b:c');
    expect(boundaryOf('multipart/form-data')).toBeNull();
  });

  it('takes a cut-short or malformed body for the client’s fault, and nothing else', () => {
    expect(isBrokenUpload(Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' }))).toBe(true);
    expect(isBrokenUpload(new Error('Unexpected end of multipart data'))).toBe(true);
    expect(isBrokenUpload(new Error('Part terminated early due to unexpected end of multipart data'))).toBe(true);
    expect(isBrokenUpload(new Error('SQLITE_CORRUPT'))).toBe(false);
    expect(isBrokenUpload(null)).toBe(false);
  });
});
