import { describe, expect, it } from 'vitest';
import { matchDecision, matchFinding, matchIdq, readYesNo, normaliseReply } from './match-yes-no';
import { matchLeads, readLeadSet } from './match-leads';
import { matchCriterion, matchMeasurement, matchWave } from './match-text';
import { pyStripSpace } from './py-text';

const FURTHER = 'Further findings are required to confirm the diagnosis';

describe('yes/no replies (IDQ, finding, decision)', () => {
  it.each([
    ['Yes.', 'yes'],
    ['yes', 'yes'],
    ['  YES  ', 'yes'],
    ['**Yes**', 'yes'],
    ['The answer is yes', 'yes'],
    ['Yes, although no Q waves', 'yes'],
    ['No.', 'no'],
    ['None', 'no'],
    ['Normal', 'no'],
    ['**No**, the PR is short', 'no'],
    ['Answer: no', 'no'],
    ['Maybe', null],
    ['', null],
    ['Y', null],
  ])('%j reads %s', (reply, expected) => {
    expect(readYesNo(normaliseReply(reply))).toBe(expected);
  });

  it('strips white space before dots, then lower-cases', () => {
    expect(normaliseReply(' Yes. ')).toBe('yes');
    expect(normaliseReply('..No..')).toBe('no');
    // Python's strip() takes U+001C..U+001F and U+0085 and leaves U+FEFF; JavaScript's trim() differs.
    expect(pyStripSpace('\u001cYes\u0085')).toBe('Yes');
    expect(pyStripSpace('\ufeffYes')).toBe('\ufeffYes');
  });

  it('scores the IDQ against dx_label; an unreadable reply is wrong either way', () => {
    expect(matchIdq(true, 'Yes.')).toBe(true);
    expect(matchIdq(false, 'Yes.')).toBe(false);
    expect(matchIdq(false, 'None')).toBe(true);
    expect(matchIdq(true, 'Maybe')).toBe(false);
    expect(matchIdq(false, 'Maybe')).toBe(false);
  });

  it('scores a finding against its answer; unreadable is wrong', () => {
    expect(matchFinding('Yes', 'yes')).toBe(true);
    expect(matchFinding('No', 'Normal')).toBe(true);
    expect(matchFinding('No', 'I cannot tell')).toBe(false);
    expect(matchFinding('Yes', 'I cannot tell')).toBe(false);
  });

  it('compares a decision that is neither yes nor no with the answer as text', () => {
    expect(matchDecision(FURTHER, `${FURTHER}.`)).toBe(true);
    expect(matchDecision(FURTHER, `  ${FURTHER.toUpperCase()}  `)).toBe(true);
    expect(matchDecision(FURTHER, 'Further findings needed')).toBe(false);
    expect(matchDecision(FURTHER, 'Yes')).toBe(false);
    // "No further findings are required…" starts with "no": it reads no, not the sentence.
    expect(matchDecision(FURTHER, `No ${FURTHER}`)).toBe(false);
    expect(matchDecision('No', `No ${FURTHER}`)).toBe(true);
    expect(matchDecision('Yes', '**Yes**')).toBe(true);
  });
});

describe('criterion_selection', () => {
  const answer = 'Prolongation of the PR interval';
  it.each([
    ['Prolongation of the PR interval', true],
    ['prolongation of the pr interval', true],
    ['  Prolongation of the PR interval \n', true],
    ['- Prolongation of the PR interval', true],
    ['--Prolongation of the PR interval--', true],
    ['Prolongation of the PR interval.', false],
    ['Progressive prolongation of the PR interval', false],
    ['The answer is: Prolongation of the PR interval', false],
    ['C', false],
  ])('%j -> %s', (reply, expected) => {
    expect(matchCriterion(answer, reply)).toBe(expected);
  });

  it('strips hyphens before white space, as the official strip("-").strip() does', () => {
    // A space outside the hyphen stops the hyphen strip: " -X" keeps its hyphen.
    expect(matchCriterion(answer, ` -${answer}`)).toBe(false);
    expect(matchCriterion(answer, `- ${answer}`)).toBe(true);
  });
});

describe('lead_grounding', () => {
  const iiAvf = ['Lead II', 'Lead aVF'];
  it.each([
    ['Lead II, Lead aVF', true],
    ['Leads II and aVF', true],
    ['leads II, and aVF', true],
    ['II, aVF', true],
    ['II and aVF', true],
    ['II/aVF', true],
    ['II; aVF', true],
    ['II\naVF', true],
    ['ads II and aVF', true],
    [':- Lead II and Lead aVF -:', true],
    ['The changes are in lead II and lead aVF.', true],
    ['Lead II, Lead III, Lead aVF', false],
    ['Lead II', false],
    ['Lead II, aVF, V1', false],
    ['Leads: II, aVF', false],
  ])('%j for [Lead II, Lead aVF] -> %s', (reply, expected) => {
    expect(matchLeads(iiAvf, reply)).toBe(expected);
  });

  it('reads the sets the official rule reads', () => {
    expect([...readLeadSet('Leads II, III and aVF')]).toEqual(['lead ii', 'lead iii', 'lead avf']);
    // The "lead(s) X" phrases win over the split: bare names outside a phrase are not read.
    expect([...readLeadSet('lead I, and also V5')]).toEqual(['lead i']);
    // Without a phrase, "and" is replaced anywhere, even inside a word.
    expect([...readLeadSet('standard')]).toEqual(['st', 'ard']);
    // A colon after "leads" breaks the phrase; the split keeps "lead: ii" as one piece.
    expect([...readLeadSet('Leads: II, aVF')]).toEqual(['lead: ii', 'lead avf']);
    // Separators are tried in order , ; / newline, and only the first one present splits.
    expect([...readLeadSet('II/aVF, V1')]).toEqual(['ii/avf', 'lead v1']);
    // A lead name must stand as a word: "lead iv" is no phrase, and unlisted text stays itself.
    expect([...readLeadSet('lead iv')]).toEqual(['lead iv']);
    // Python's case-insensitive phrase takes a dotless "ı" for "i", then finds no lead name in it.
    expect([...readLeadSet('lead ı')]).toEqual([]);
  });

  it('lower-cases the answer set and needs exact equality: a superset or subset is wrong', () => {
    expect(matchLeads(['Lead V1', 'Lead V2', 'Lead V3'], 'V1, V2, V3')).toBe(true);
    expect(matchLeads(['Lead V1', 'Lead V2'], 'V1, V2, V3')).toBe(false);
    expect(matchLeads(['Lead V1', 'Lead V2', 'Lead V3'], 'V1, V2')).toBe(false);
    expect(matchLeads(['Lead V1'], 'Lead V1, Lead V1')).toBe(true);
  });
});

describe('wave_grounding', () => {
  it('needs the exact window text, case-insensitive, brackets included', () => {
    expect(matchWave('[1.12s - 1.24s]', '[1.12s - 1.24s]')).toBe(true);
    expect(matchWave('[1.12s - 1.24s]', ' [1.12S - 1.24S] ')).toBe(true);
    expect(matchWave('[1.12s - 1.24s]', '1.12s - 1.24s')).toBe(false);
    expect(matchWave('[1.12s - 1.24s]', '[1.12s-1.24s]')).toBe(false);
    expect(matchWave('[1.12s - 1.24s]', '[1.12s - 1.24s].')).toBe(false);
  });

  it('reads answer[0] in the list shape and the text in the scalar shape', () => {
    expect(matchWave(['[8.84s - 8.95s]'], '[8.84s - 8.95s]')).toBe(true);
    expect(matchWave('[8.84s - 8.95s]', '[8.84s - 8.95s]')).toBe(true);
    expect(matchWave(['[8.84s - 8.95s]'], '[')).toBe(false);
  });
});

describe('measurement_grounding', () => {
  it.each([
    ['[200ms - 210ms]', true],
    ['[200MS - 210MS]', true],
    ['200ms - 210ms', true],
    ['[200ms - 210ms', true],
    ['200ms - 210ms]', true],
    ['200 ms - 210 ms', false],
    ['[200ms - 210ms] because the PR is long', false],
    ['200ms - 210ms, since', false],
    ['[210ms - 220ms]', false],
    ['Above 240ms', false],
  ])('%j for "[200ms - 210ms]" -> %s', (reply, expected) => {
    expect(matchMeasurement('[200ms - 210ms]', reply)).toBe(expected);
  });

  it('takes only an exact match for Below/Above answers', () => {
    expect(matchMeasurement('Below 100ms', 'below 100ms')).toBe(true);
    expect(matchMeasurement('Below 100ms', 'Below 100 ms')).toBe(false);
    expect(matchMeasurement('Above 130ms', 'Above 130ms because')).toBe(false);
  });

  it('reads answer[0] in the list shape, and ranges with signs and decimals', () => {
    expect(matchMeasurement(['[-30degrees - 0degrees]'], '-30degrees - 0degrees')).toBe(true);
    expect(matchMeasurement(['[1.5mV - 2.0mV]'], '1.5mV - 2.0mV')).toBe(true);
    expect(matchMeasurement(['[1.5mV - 2.0mV]'], '1.5mV - 2mV')).toBe(false);
  });
});
