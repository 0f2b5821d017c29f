import { describe, expect, it } from 'vitest';
import { isStandardLead, normaliseLeadName } from './leads';

describe('normaliseLeadName', () => {
  it.each([
    ['AVR', 'aVR'],
    ['avl', 'aVL'],
    ['aVF', 'aVF'],
    ['v1', 'V1'],
    ['ii', 'II'],
    [' III ', 'III'],
    ['MLII', 'MLII'],
    ['vx', 'vx'],
  ])('%s -> %s', (raw, expected) => {
    expect(normaliseLeadName(raw)).toBe(expected);
  });
  it('knows the standard set', () => {
    expect(isStandardLead('aVR')).toBe(true);
    expect(isStandardLead('AVR')).toBe(false);
  });
});
