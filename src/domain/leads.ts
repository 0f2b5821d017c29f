/** The twelve standard leads, in the order PTB-XL and MIMIC-IV-ECG store them. */
export const STANDARD_LEADS = [
  'I',
  'II',
  'III',
  'aVR',
  'aVL',
  'aVF',
  'V1',
  'V2',
  'V3',
  'V4',
  'V5',
  'V6',
] as const;

/** One of the twelve standard lead names, spelled as clinicians write it. */
export type StandardLead = (typeof STANDARD_LEADS)[number];

const byUpperCase = new Map<string, StandardLead>(STANDARD_LEADS.map((l) => [l.toUpperCase(), l]));

/** Maps a header's lead name (AVR, avr, v1, " II ") to the standard spelling; others come back trimmed. */
export function normaliseLeadName(raw: string): string {
  const trimmed = raw.trim();
  return byUpperCase.get(trimmed.toUpperCase()) ?? trimmed;
}

/** True when the name is one of the twelve standard leads (after normalising). */
export function isStandardLead(name: string): name is StandardLead {
  return (STANDARD_LEADS as readonly string[]).includes(name);
}
