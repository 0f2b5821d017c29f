import { describe, expect, it } from 'vitest';
import { readStandardLeads } from '../../domain/evaluation/match-leads';
import { drilldownOverlays, replyWindow } from './drilldown-overlays';

const wave = {
  question: 'Where?',
  options: ['[1.12s - 1.24s]', '[5.00s - 5.10s]'],
  answer: '[1.12s - 1.24s]',
  question_type: 'wave_grounding' as const,
};
const lead = {
  question: 'Which?',
  options: ['Lead II', 'Lead aVF', 'Lead V1'],
  answer: ['Lead II', 'Lead aVF'],
  question_type: 'lead_grounding' as const,
};

describe('drill-down overlays', () => {
  it("draws the right window and the model's window side by side", () => {
    const o = drilldownOverlays(wave, '[5.00s - 5.10s]');
    expect(o.bands).toEqual([
      { id: 'answer', startS: 1.12, endS: 1.24, role: 'right', label: 'answer' },
      { id: 'model', startS: 5, endS: 5.1, role: 'selected', label: 'model' },
    ]);
    expect(o.note).toBeNull();
    expect(replyWindow('1.12s - 1.24s')).toEqual({ startS: 1.12, endS: 1.24 });
    expect(drilldownOverlays(wave, 'the second one').note).toContain('not a time window');
  });

  it("highlights the right leads and the model's leads as the matcher reads them", () => {
    expect(readStandardLeads('Leads II, III and aVF')).toEqual(['II', 'III', 'aVF']);
    expect(readStandardLeads('Lead aVL')).toEqual(['aVL']);
    expect(readStandardLeads('the septal leads')).toEqual([]);
    const o = drilldownOverlays(lead, 'II, V1');
    expect(o.highlights.map((h) => `${h.role}:${h.lead}`)).toEqual([
      'right:II',
      'right:aVF',
      'selected:II',
      'selected:V1',
    ]);
  });
});
