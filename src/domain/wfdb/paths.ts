/** Sampling rates PTB-XL ships: 500 Hz (`records500/..._hr`) and 100 Hz (`records100/..._lr`). */
export type PtbxlRate = 500 | 100;

function digits(value: string, what: string, length?: number): string {
  const text = String(value).trim();
  if (!/^\d+$/.test(text)) throw new RangeError(`${what} must be digits only, got "${value}"`);
  if (length !== undefined && text.length !== length) {
    throw new RangeError(`${what} must have ${length} digits, got "${value}"`);
  }
  return text;
}

/** PTB-XL record path without extension: ('21472', 500) -> 'records500/21000/21472_hr'. */
export function ptbxlRecordPath(ecgId: string, rate: PtbxlRate): string {
  const id = Number(digits(ecgId, 'PTB-XL ecg_id'));
  if (id < 1 || id > 99999) throw new RangeError(`PTB-XL ecg_id must be 1..99999, got "${ecgId}"`);
  if (rate !== 500 && rate !== 100)
    throw new RangeError(`PTB-XL rate must be 500 or 100, got ${String(rate)}`);
  const folder = String(Math.floor(id / 1000) * 1000).padStart(5, '0');
  const name = String(id).padStart(5, '0');
  return `records${rate}/${folder}/${name}_${rate === 500 ? 'hr' : 'lr'}`;
}

/** MIMIC-IV-ECG record path without extension: ('10000032', '40689238') -> 'files/p1000/p10000032/s40689238/40689238'. */
export function mimicRecordPath(subjectId: string, studyId: string): string {
  const subject = digits(subjectId, 'MIMIC-IV subject_id', 8);
  const study = digits(studyId, 'MIMIC-IV-ECG study_id', 8);
  return `files/p${subject.slice(0, 4)}/p${subject}/s${study}/${study}`;
}
