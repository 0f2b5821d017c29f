import { describe, expect, it } from 'vitest';
import type { CandidateFinding } from '../../../schemas/api/curation';
import { basisOverlays } from './basis-overlays';

const finding = (
  step: number,
  leads: [string, boolean | null][],
  windows: [string, number, number][] = [],
  beats = false,
): CandidateFinding => ({
  step,
  question: `q${step}`,
  answer: 'No',
  rule: 'r',
  margin: 1,
  agrees: true,
  basis: {
    leads: leads.map(([lead, agrees]) => ({ lead, agrees })),
    windows: windows.map(([label, startS, endS]) => ({ label, startS, endS })),
    beats,
  },
});

describe('basisOverlays', () => {
  const findings = [
    finding(0, [
      ['II', true],
      ['III', false],
    ]),
    finding(
      1,
      [
        ['II', true],
        ['aVF', null],
      ],
      [['PR 212 ms', 1.02, 1.232]],
      true,
    ),
  ];

  it('draws each lead once, tagged with its steps, as a distractor where any finding disagrees', () => {
    expect(basisOverlays(findings).highlights).toEqual([
      { lead: 'II', role: 'right', label: 'S1 S2' },
      { lead: 'III', role: 'distractor', label: 'S1' },
      { lead: 'aVF', role: 'selected', label: 'S2' },
    ]);
  });

  it('bands the measured windows with their step and shows beats when a finding reads the rhythm', () => {
    const all = basisOverlays(findings);
    expect(all.bands).toEqual([
      { id: 'basis-1-0', startS: 1.02, endS: 1.232, role: 'selected', label: 'S2 PR 212 ms' },
    ]);
    expect(all.beats).toBe(true);
  });

  it('draws one step alone when asked', () => {
    const first = basisOverlays(findings, 0);
    expect(first.highlights.map((h) => h.lead)).toEqual(['II', 'III']);
    expect(first.bands).toEqual([]);
    expect(first.beats).toBe(false);
  });
});
