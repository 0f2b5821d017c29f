import { describe, expect, it } from 'vitest';
import { mimicRecordPath, ptbxlRecordPath } from './paths';

describe('ptbxlRecordPath', () => {
  it.each([
    ['21472', 500, 'records500/21000/21472_hr'],
    ['21472', 100, 'records100/21000/21472_lr'],
    ['24', 500, 'records500/00000/00024_hr'],
    ['00024', 100, 'records100/00000/00024_lr'],
    ['1000', 500, 'records500/01000/01000_hr'],
    ['999', 500, 'records500/00000/00999_hr'],
  ] as const)('%s at %d Hz -> %s', (id, rate, expected) => {
    expect(ptbxlRecordPath(id, rate)).toBe(expected);
  });
  it('refuses non-digits, zero, too large ids and unknown rates', () => {
    expect(() => ptbxlRecordPath('12a', 500)).toThrow(/ecg_id must be digits only, got "12a"/);
    expect(() => ptbxlRecordPath('0', 500)).toThrow(/1\.\.99999/);
    expect(() => ptbxlRecordPath('100000', 500)).toThrow(/1\.\.99999/);
    expect(() => ptbxlRecordPath('5', 250 as 500)).toThrow(/500 or 100/);
  });
});

describe('mimicRecordPath', () => {
  it('builds files/pXXXX/pSUBJECT/sSTUDY/STUDY', () => {
    expect(mimicRecordPath('10000032', '40689238')).toBe(
      'files/p1000/p10000032/s40689238/40689238',
    );
    expect(mimicRecordPath('19999987', '41000001')).toBe(
      'files/p1999/p19999987/s41000001/41000001',
    );
  });
  it('refuses non-digit or wrongly sized ids', () => {
    expect(() => mimicRecordPath('p10000032', '40689238')).toThrow(
      /subject_id must be digits only/,
    );
    expect(() => mimicRecordPath('1000003', '40689238')).toThrow(/subject_id must have 8 digits/);
    expect(() => mimicRecordPath('10000032', '4068923x')).toThrow(/study_id must be digits only/);
  });
});
