import type {
  Axis,
  Conduction,
  DenseLabel,
  IschemiaStage,
  OtherFinding,
  Rate,
  Rhythm,
  Territory,
} from '../../schemas/dense-label';
import { axisClass } from './label-checks';
import { proposeDiagnosis } from './propose-diagnosis';
import { canonicalLabel } from './serialize-label';

/** The PTB-XL columns a draft label is made from (ptbxl_database.csv). */
export interface PtbxlStatements {
  /** SCP-ECG statement codes with likelihoods, e.g. {"IMI": 100, "LAFB": 100, "SR": 0}. */
  readonly scpCodes: Readonly<Record<string, number>>;
  /** heart_axis: MID, LAD, ALAD, RAD, ARAD, AXL, AXR, SAG, or null when empty. */
  readonly heartAxis: string | null;
  /** infarction_stadium1: "Stadium I" ... "Stadium III", "unknown", or null when empty. */
  readonly infarctionStadium1: string | null;
}

/**
 * The statements of a PTB-XL metadata row (ptbxl_database.csv as the workspace stores it: scp_codes
 * an object of likelihoods); null when the row has no scp_codes.
 */
export function ptbxlStatementsOf(row: Readonly<Record<string, unknown>>): PtbxlStatements | null {
  const codes = row['scp_codes'];
  if (typeof codes !== 'object' || codes === null || Array.isArray(codes)) return null;
  const scpCodes: Record<string, number> = {};
  for (const [code, value] of Object.entries(codes))
    if (typeof value === 'number') scpCodes[code] = value;
  const text = (key: string) =>
    typeof row[key] === 'string' && row[key] !== '' ? (row[key] as string) : null;
  return {
    scpCodes,
    heartAxis: text('heart_axis'),
    infarctionStadium1: text('infarction_stadium1'),
  };
}

/** A label proposed from PTB-XL statements: always a draft for a cardiologist to confirm. */
export interface DraftLabel {
  readonly label: DenseLabel;
  readonly draft: true;
  /** What the draft could not decide from the statements, in words. */
  readonly notes: readonly string[];
}

// Most specific first: the order breaks ties between rhythm statements of equal likelihood.
const RHYTHM_CODES: readonly (readonly [string, Rhythm])[] = [
  ['AFLT', 'atrial_flutter'],
  ['AFIB', 'atrial_fibrillation'],
  ['SVTAC', 'supraventricular_tachycardia'],
  ['PSVT', 'supraventricular_tachycardia'],
  ['PACE', 'paced'],
  ['SARRH', 'sinus_arrhythmia'],
  ['SBRAD', 'sinus'],
  ['STACH', 'sinus'],
  ['SR', 'sinus'],
];

const RATE_CODES: Readonly<Record<string, Rate>> = {
  SBRAD: 'bradycardia',
  STACH: 'tachycardia',
  SVTAC: 'tachycardia',
  PSVT: 'tachycardia',
};

/** SCP code -> conduction value. */
export const CONDUCTION_CODES: Readonly<Record<string, Conduction>> = {
  '1AVB': 'first_degree_av_block',
  '2AVB': 'second_degree_av_block',
  '3AVB': 'third_degree_av_block',
  CLBBB: 'lbbb',
  CRBBB: 'rbbb',
  IRBBB: 'incomplete_rbbb',
  LAFB: 'lafb',
  LPFB: 'lpfb',
  IVCD: 'ivcd',
  WPW: 'wpw',
};

/** Infarct codes -> their territories; the stage comes from infarction_stadium1. */
export const INFARCT_CODES: Readonly<Record<string, readonly Territory[]>> = {
  IMI: ['inferior'],
  ASMI: ['anterior', 'septal'],
  AMI: ['anterior'],
  ALMI: ['anterior', 'lateral'],
  LMI: ['lateral'],
  ILMI: ['inferior', 'lateral'],
  IPLMI: ['inferior', 'posterior', 'lateral'],
  IPMI: ['inferior', 'posterior'],
  PMI: ['posterior'],
};

/** ISC* codes -> territories (stage ischemia); ISC_ names none. */
export const ISCHEMIA_CODES: Readonly<Record<string, readonly Territory[]>> = {
  ISCAL: ['anterior', 'lateral'],
  ISCAN: ['anterior'],
  ISCAS: ['anterior', 'septal'],
  ISCIL: ['inferior', 'lateral'],
  ISCIN: ['inferior'],
  ISCLA: ['lateral'],
  ISC_: [],
};

/** INJ* codes -> territories (stage acute). */
export const INJURY_CODES: Readonly<Record<string, readonly Territory[]>> = {
  INJAL: ['anterior', 'lateral'],
  INJAS: ['anterior', 'septal'],
  INJIL: ['inferior', 'lateral'],
  INJIN: ['inferior'],
  INJLA: ['lateral'],
};

/** SCP code -> other finding. */
export const FINDING_CODES: Readonly<Record<string, OtherFinding>> = {
  LVH: 'lvh',
  RVH: 'rvh',
  'LAO/LAE': 'left_atrial_enlargement',
  'RAO/RAE': 'right_atrial_enlargement',
  PVC: 'pvc',
  PAC: 'pac',
  LNGQT: 'long_qt',
  LVOLT: 'low_voltage',
  NST_: 'nonspecific_st_t',
};

const AXIS_CODES: Readonly<Record<string, Axis>> = {
  MID: 'normal',
  LAD: 'left',
  ALAD: 'left',
  RAD: 'right',
  ARAD: 'right',
};

function infarctStage(stadium: string | null, notes: string[]): IschemiaStage {
  if (stadium === 'Stadium I' || stadium === 'Stadium I-II' || stadium === 'Stadium II') {
    return 'acute';
  }
  if (stadium === 'Stadium II-III' || stadium === 'Stadium III') return 'old';
  notes.push(
    `infarct stage not given (infarction_stadium1 ${JSON.stringify(stadium ?? '')}); drafted as old`,
  );
  return 'old';
}

/**
 * Proposes a dense label from PTB-XL statements (mappings of taxonomy.md). A measured QRS axis
 * settles heart_axis values that say "as measured" (AXL, AXR, SAG) or are missing.
 */
export function draftLabelFromPtbxl(
  statements: PtbxlStatements,
  measured: { readonly qrsAxisDeg?: number | null } = {},
): DraftLabel {
  const codes = statements.scpCodes;
  const has = (code: string) => Object.hasOwn(codes, code);
  const notes: string[] = [];

  let rhythm: Rhythm = 'other';
  let best = -1;
  for (const [code, value] of RHYTHM_CODES) {
    if (has(code) && codes[code]! > best) {
      rhythm = value;
      best = codes[code]!;
    }
  }
  if (best < 0) notes.push('no rhythm statement; rhythm drafted as other');

  let rate: Rate = 'normal';
  const rateCodes = Object.keys(RATE_CODES).filter(has);
  if (rateCodes.length > 0) rate = RATE_CODES[rateCodes[0]!]!;
  else
    notes.push('no rate statement; rate drafted as normal - confirm with the measured heart rate');

  const conduction = Object.keys(CONDUCTION_CODES)
    .filter(has)
    .map((code) => CONDUCTION_CODES[code]!);
  if (has('ILBBB')) notes.push('ILBBB (incomplete LBBB) has no conduction value; not drafted');

  const territories = new Set<Territory>();
  let stage: IschemiaStage = 'none';
  const infarcts = Object.keys(INFARCT_CODES).filter(has);
  const injuries = Object.keys(INJURY_CODES).filter(has);
  const ischemias = Object.keys(ISCHEMIA_CODES).filter(has);
  if (infarcts.length > 0) {
    stage = infarctStage(statements.infarctionStadium1, notes);
    for (const code of infarcts) for (const t of INFARCT_CODES[code]!) territories.add(t);
  }
  if (injuries.length > 0) {
    stage = 'acute';
    for (const code of injuries) for (const t of INJURY_CODES[code]!) territories.add(t);
  }
  if (ischemias.length > 0) {
    if (stage === 'none') stage = 'ischemia';
    else
      notes.push(
        `ischemia statements (${ischemias.join(', ')}) beside an infarct; territories merged`,
      );
    for (const code of ischemias) for (const t of ISCHEMIA_CODES[code]!) territories.add(t);
  }
  if (stage !== 'none' && territories.size === 0) {
    notes.push('ISC_ names no territory; ischemia not drafted');
    stage = 'none';
  }

  const otherFindings = Object.keys(FINDING_CODES)
    .filter(has)
    .map((code) => FINDING_CODES[code]!);

  let axis: Axis = 'normal';
  const axisCode = statements.heartAxis;
  const measuredAxis = measured.qrsAxisDeg ?? null;
  if (axisCode !== null && Object.hasOwn(AXIS_CODES, axisCode)) {
    axis = AXIS_CODES[axisCode]!;
  } else if (measuredAxis !== null) {
    axis = axisClass(measuredAxis);
  } else {
    notes.push(
      axisCode === null || axisCode === ''
        ? 'no heart_axis; axis drafted as normal - confirm with the measured axis'
        : `heart_axis ${axisCode} defers to the measured axis; axis drafted as normal - confirm with the measured axis`,
    );
  }

  const label = canonicalLabel({
    rate,
    rhythm,
    axis,
    conduction: conduction.length > 0 ? conduction : ['none'],
    ischemia: { stage, territory: stage === 'none' ? ['none'] : [...territories] },
    other_findings: otherFindings,
    diagnosis: '',
  });
  return { label: { ...label, diagnosis: proposeDiagnosis(label) }, draft: true, notes };
}
