import { normaliseLeadName } from '../leads';
import type { Hertz } from '../units';
import { hz } from '../units';
import { WfdbError } from './errors';
import { defaultResolutionBits } from './formats';

/** ADC units per physical unit WFDB assumes when a header omits the gain (or writes 0). */
export const DEFAULT_ADC_GAIN = 200;
/** Sampling frequency WFDB assumes when the record line omits it. */
export const DEFAULT_FS_HZ = 250;

/** One signal line of a WFDB header, with WFDB's defaults filled in. */
export interface WfdbSignalSpec {
  /** Signal file name as written (e.g. `00024_hr.dat`, `JS00001.mat`); `~` for a null signal. */
  readonly fileName: string;
  /** WFDB storage format (16, 212, 80, 24, 32, 61, ...). */
  readonly format: number;
  /** Samples of this signal per frame (1 unless the header writes `16x2`). */
  readonly samplesPerFrame: number;
  /** Skew in frames, when the header writes one (`16:3`). */
  readonly skew?: number;
  /** Bytes to skip at the start of the signal file (`16+24` -> 24). */
  readonly byteOffset: number;
  /** ADC units per physical unit; DEFAULT_ADC_GAIN when the header omits it or writes 0. */
  readonly adcGain: number;
  /** ADC value of physical zero; defaults to adcZero. */
  readonly baseline: number;
  /** Physical units as written (`mV`, `mv`, `uV`); `mV` when missing. */
  readonly units: string;
  /** ADC resolution in bits (format default when missing or 0). */
  readonly adcResolution: number;
  /** ADC value at the middle of the ADC range. */
  readonly adcZero: number;
  /** First ADC sample as the header states it; undefined when the header leaves it out. */
  readonly initialValue?: number;
  /** 16-bit checksum of all samples as written (signed or unsigned); undefined when left out. */
  readonly checksum?: number;
  readonly blockSize: number;
  /** The description field as written (usually the lead name); '' when missing. */
  readonly description: string;
  /** Lead name after normalisation (AVR -> aVR, v1 -> V1); `signal N` when there is no description. */
  readonly leadName: string;
}

/** A parsed WFDB header (`.hea`): the record line, the signal lines and the comments. */
export interface WfdbHeader {
  readonly recordName: string;
  readonly nSignals: number;
  /** Samples per second per signal (frame rate). */
  readonly fsHz: Hertz;
  /** Counter frequency, when the record line writes `fs/counter`. */
  readonly counterFreqHz?: Hertz;
  /** Counter value at the start of the record (`fs/counter(base)`). */
  readonly baseCounter?: number;
  /** Samples per signal (frames); 0 when the header does not say. */
  readonly nSamples: number;
  /** Base time as written (`HH:MM:SS[.mmm]`). */
  readonly baseTime?: string;
  /** Base date as written (`DD/MM/YYYY`). */
  readonly baseDate?: string;
  readonly signals: readonly WfdbSignalSpec[];
  /** Comment lines without the `#` and surrounding blanks, in order. */
  readonly comments: readonly string[];
}

const FLOAT = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?`;
const INT = String.raw`[+-]?\d+`;
const INT_RE = new RegExp(`^${INT}$`);
const FS_RE = new RegExp(`^(${FLOAT})(?:/(${FLOAT})(?:\\((${FLOAT})\\))?)?$`);
const GAIN_RE = new RegExp(`^(${FLOAT})(?:\\((${INT})\\))?(?:/(\\S+))?$`);
const FORMAT_RE = /^(\d+)(?:x(\d+))?(?::(\d+))?(?:\+(\d+))?$/;
const RECORD_NAME_RE = /^[\w.-]+$/;
const TIME_RE = /^\d{1,2}(?::\d{1,2}){0,2}(?:\.\d+)?$/;
const DATE_RE = /^\d{1,2}\/\d{1,2}\/\d{1,4}$/;

interface Token {
  readonly text: string;
  readonly index: number;
}

function tokens(line: string): Token[] {
  return [...line.matchAll(/\S+/g)].map((m) => ({ text: m[0], index: m.index }));
}

/** Parses a WFDB header; throws WfdbError naming fileName, the line and the field on any defect. */
export function parseWfdbHeader(text: string, fileName: string): WfdbHeader {
  const fail = (detail: string, line?: number): never => {
    throw new WfdbError(fileName, 'malformed-header', detail, line);
  };
  const comments: string[] = [];
  const content: { line: string; lineNo: number }[] = [];
  text
    .replace(/^\uFEFF/, '')
    .split(/\r\n|\n|\r/)
    .forEach((raw, i) => {
      const line = raw.trim();
      if (line === '') return;
      if (line.startsWith('#')) comments.push(line.slice(1).trim());
      else content.push({ line, lineNo: i + 1 });
    });
  const recordLine = content[0];
  if (!recordLine) return fail('no record line (only comments or blank lines)');
  const record = parseRecordLine(recordLine.line, recordLine.lineNo, fileName, fail);
  const signalLines = content.slice(1);
  if (signalLines.length !== record.nSignals) {
    const at = signalLines[record.nSignals]?.lineNo;
    fail(
      `the record line declares ${record.nSignals} signal(s) but ${signalLines.length} signal line(s) follow`,
      at,
    );
  }
  const signals = signalLines.map(({ line, lineNo }, i) => parseSignalLine(line, lineNo, i, fail));
  checkSignalGroups(signals, fileName);
  return { ...record, signals, comments };
}

type Fail = (detail: string, line?: number) => never;

function parseRecordLine(line: string, lineNo: number, fileName: string, fail: Fail) {
  const parts = tokens(line).map((t) => t.text);
  const [nameField, nSigField, fsField, nSampField, timeField, dateField, ...extra] = parts;
  if (nameField === undefined || nSigField === undefined) {
    return fail('record line needs at least a record name and a signal count', lineNo);
  }
  if (extra.length > 0)
    fail(`record line has unexpected extra fields: "${extra.join(' ')}"`, lineNo);
  const [recordName = '', segments] = nameField.split('/');
  if (segments !== undefined) {
    throw new WfdbError(
      fileName,
      'unsupported-format',
      `multi-segment record "${nameField}" is not supported`,
      lineNo,
    );
  }
  if (!RECORD_NAME_RE.test(recordName)) fail(`invalid record name "${recordName}"`, lineNo);
  const nSignals = parseInteger(nSigField, 'signal count', lineNo, fail, 0);
  let fsHz: Hertz = hz(DEFAULT_FS_HZ);
  let counterFreqHz: Hertz | undefined;
  let baseCounter: number | undefined;
  if (fsField !== undefined) {
    const m = FS_RE.exec(fsField);
    if (!m) return fail(`invalid sampling frequency "${fsField}"`, lineNo);
    fsHz = hz(Number(m[1]));
    if (!(fsHz > 0) || !Number.isFinite(fsHz))
      fail(`sampling frequency must be > 0, got "${fsField}"`, lineNo);
    if (m[2] !== undefined) {
      counterFreqHz = hz(Number(m[2]));
      if (!(counterFreqHz > 0) || !Number.isFinite(counterFreqHz)) {
        fail(`counter frequency must be > 0, got "${fsField}"`, lineNo);
      }
    }
    if (m[3] !== undefined) baseCounter = Number(m[3]);
  }
  const nSamples =
    nSampField === undefined ? 0 : parseInteger(nSampField, 'sample count', lineNo, fail, 0);
  if (timeField !== undefined && !TIME_RE.test(timeField)) {
    fail(`invalid base time "${timeField}" (expected HH:MM:SS)`, lineNo);
  }
  if (dateField !== undefined && !DATE_RE.test(dateField)) {
    fail(`invalid base date "${dateField}" (expected DD/MM/YYYY)`, lineNo);
  }
  return {
    recordName,
    nSignals,
    fsHz,
    ...(counterFreqHz === undefined ? {} : { counterFreqHz }),
    ...(baseCounter === undefined ? {} : { baseCounter }),
    nSamples,
    ...(timeField === undefined ? {} : { baseTime: timeField }),
    ...(dateField === undefined ? {} : { baseDate: dateField }),
  };
}

function parseInteger(
  text: string,
  what: string,
  lineNo: number,
  fail: Fail,
  min?: number,
): number {
  const value = Number(text);
  if (!INT_RE.test(text) || !Number.isSafeInteger(value)) {
    return fail(`${what} must be an integer, got "${text}"`, lineNo);
  }
  if (min !== undefined && value < min) fail(`${what} must be >= ${min}, got ${value}`, lineNo);
  return value;
}

function parseSignalLine(line: string, lineNo: number, index: number, fail: Fail): WfdbSignalSpec {
  const parts = tokens(line);
  const field = (i: number) => parts[i]?.text;
  const where = `signal ${index + 1}`;
  const fileField = field(0);
  const formatField = field(1);
  if (fileField === undefined || formatField === undefined) {
    return fail(`${where}: a signal line needs at least a file name and a format`, lineNo);
  }
  // Signal files live beside the header; a path here could reach outside the record's folder.
  if (/[/\\]/.test(fileField) || fileField === '.' || fileField === '..') {
    fail(
      `${where}: signal file "${fileField}" must be a plain file name in the header's folder`,
      lineNo,
    );
  }
  const fm = FORMAT_RE.exec(formatField);
  if (!fm) return fail(`${where}: invalid format field "${formatField}"`, lineNo);
  const format = Number(fm[1]);
  const samplesPerFrame = fm[2] === undefined ? 1 : Number(fm[2]);
  if (!Number.isSafeInteger(format)) fail(`${where}: invalid format "${fm[1]}"`, lineNo);
  if (!(samplesPerFrame >= 1) || !Number.isSafeInteger(samplesPerFrame)) {
    fail(`${where}: samples per frame must be >= 1, got "${formatField}"`, lineNo);
  }
  const skew = fm[3] === undefined ? undefined : Number(fm[3]);
  const byteOffset = fm[4] === undefined ? 0 : Number(fm[4]);
  if (!Number.isSafeInteger(byteOffset) || (skew !== undefined && !Number.isSafeInteger(skew))) {
    fail(`${where}: byte offset or skew out of range in "${formatField}"`, lineNo);
  }

  let adcGain = DEFAULT_ADC_GAIN;
  let baseline: number | undefined;
  let units = 'mV';
  const gainField = field(2);
  if (gainField !== undefined) {
    const gm = GAIN_RE.exec(gainField);
    if (!gm)
      return fail(
        `${where}: invalid gain field "${gainField}" (expected gain(baseline)/units)`,
        lineNo,
      );
    const gain = Number(gm[1]);
    if (!Number.isFinite(gain)) fail(`${where}: gain must be finite, got "${gm[1]}"`, lineNo);
    if (gain !== 0) adcGain = gain;
    if (gm[2] !== undefined) baseline = parseInteger(gm[2], `${where}: baseline`, lineNo, fail);
    if (gm[3] !== undefined) units = gm[3];
  }
  const intField = (i: number, what: string, min?: number) => {
    const text = field(i);
    return text === undefined
      ? undefined
      : parseInteger(text, `${where}: ${what}`, lineNo, fail, min);
  };
  const resolution = intField(3, 'ADC resolution', 0);
  const adcZero = intField(4, 'ADC zero') ?? 0;
  const initialValue = intField(5, 'initial value');
  const checksum = intField(6, 'checksum');
  const blockSize = intField(7, 'block size', 0) ?? 0;
  const descriptionStart = parts[8]?.index;
  const description = descriptionStart === undefined ? '' : line.slice(descriptionStart).trim();
  return {
    fileName: fileField,
    format,
    samplesPerFrame,
    ...(skew === undefined ? {} : { skew }),
    byteOffset,
    adcGain,
    baseline: baseline ?? adcZero,
    units,
    adcResolution:
      resolution === undefined || resolution === 0 ? defaultResolutionBits(format) : resolution,
    adcZero,
    ...(initialValue === undefined ? {} : { initialValue }),
    ...(checksum === undefined ? {} : { checksum }),
    blockSize,
    description,
    leadName: description === '' ? `signal ${index + 1}` : normaliseLeadName(description),
  };
}

// WFDB stores each file's signals as one interleaved group: one format, one offset, adjacent lines.
function checkSignalGroups(signals: readonly WfdbSignalSpec[], fileName: string): void {
  const firstOf = new Map<string, number>();
  signals.forEach((s, i) => {
    const first = firstOf.get(s.fileName);
    if (first === undefined) {
      firstOf.set(s.fileName, i);
      return;
    }
    const head = signals[first]!;
    const prev = signals[i - 1]!;
    const say = (detail: string) => {
      throw new WfdbError(
        fileName,
        'inconsistent',
        `signals ${first + 1} and ${i + 1} share ${s.fileName} but ${detail}`,
      );
    };
    if (prev.fileName !== s.fileName) say('are not on adjacent lines');
    if (head.format !== s.format) say(`have formats ${head.format} and ${s.format}`);
    if (head.byteOffset !== s.byteOffset)
      say(`have byte offsets ${head.byteOffset} and ${s.byteOffset}`);
  });
}

/** Prints a header in WFDB syntax (inverse of parseWfdbHeader); trailing fields stop at the last one given. */
export function formatWfdbHeader(header: WfdbHeader): string {
  const fs =
    String(header.fsHz) +
    (header.counterFreqHz === undefined
      ? ''
      : `/${header.counterFreqHz}${header.baseCounter === undefined ? '' : `(${header.baseCounter})`}`);
  const recordFields = [header.recordName, String(header.nSignals), fs, String(header.nSamples)];
  if (header.baseTime !== undefined) recordFields.push(header.baseTime);
  if (header.baseTime !== undefined && header.baseDate !== undefined)
    recordFields.push(header.baseDate);
  const lines = [recordFields.join(' '), ...header.signals.map(formatSignalLine)];
  for (const comment of header.comments) lines.push(`# ${comment}`);
  return `${lines.join('\n')}\n`;
}

function formatSignalLine(s: WfdbSignalSpec): string {
  const format =
    String(s.format) +
    (s.samplesPerFrame === 1 ? '' : `x${s.samplesPerFrame}`) +
    (s.skew === undefined ? '' : `:${s.skew}`) +
    (s.byteOffset === 0 ? '' : `+${s.byteOffset}`);
  const fields = [
    s.fileName,
    format,
    `${s.adcGain}(${s.baseline})/${s.units}`,
    String(s.adcResolution),
    String(s.adcZero),
  ];
  const needDescription = s.description !== '';
  const needBlock = needDescription || s.blockSize !== 0;
  const needChecksum = needBlock || s.checksum !== undefined;
  if (needChecksum || s.initialValue !== undefined)
    fields.push(String(s.initialValue ?? s.adcZero));
  if (needChecksum) fields.push(String(s.checksum ?? 0));
  if (needBlock) fields.push(String(s.blockSize));
  if (needDescription) fields.push(s.description);
  return fields.join(' ');
}
