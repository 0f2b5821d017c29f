import path from 'node:path';
import type { DecodedRecord, DecodedSignal } from '../../domain/wfdb/decode';
import { verificationErrors } from '../../domain/wfdb/decode';
import { parseRecordArgs, readRecordOrExit } from './record-input';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';

const usage = 'ecg-workbench record <path-without-extension> [--json]';

/** Smallest and largest valid sample in mV (null when every sample is invalid) and the invalid count. */
function range(mv: Float32Array): { minMv: number | null; maxMv: number | null; invalid: number } {
  let min = Infinity;
  let max = -Infinity;
  let invalid = 0;
  for (let i = 0; i < mv.length; i++) {
    const v = mv[i]!;
    if (Number.isNaN(v)) invalid++;
    else {
      if (v < min) min = v;
      if (v > max) max = v;
    }
  }
  return invalid === mv.length
    ? { minMv: null, maxMv: null, invalid }
    : { minMv: min, maxMv: max, invalid };
}

const round = (v: number | null, digits = 4) => (v === null ? null : Number(v.toFixed(digits)));

const verdict = (ok: boolean | null) => (ok === null ? 'not given' : ok ? 'ok' : 'MISMATCH');

/** One lead's summary for the JSON output. */
function leadJson(s: DecodedSignal) {
  const { spec, verification: v } = s;
  const { minMv, maxMv, invalid } = range(s.mv);
  return {
    name: s.name,
    description: spec.description,
    fileName: spec.fileName,
    format: spec.format,
    samplesPerFrame: spec.samplesPerFrame,
    byteOffset: spec.byteOffset,
    adcGain: spec.adcGain,
    baseline: spec.baseline,
    units: spec.units,
    checksum: { header: spec.checksum ?? null, computed: v.checksumComputed, ok: v.checksumOk },
    initialValue: {
      header: spec.initialValue ?? null,
      first: v.firstAdc ?? null,
      ok: v.initialValueOk,
    },
    minMv: round(minMv),
    maxMv: round(maxMv),
    invalidSamples: invalid,
  };
}

/** The record summary as one JSON-ready object. */
export function recordSummary(headerPath: string, record: DecodedRecord) {
  const h = record.header;
  return {
    recordName: record.recordName,
    headerFile: headerPath,
    nSignals: h.nSignals,
    fsHz: record.fsHz,
    counterFreqHz: h.counterFreqHz ?? null,
    nSamples: record.nSamples,
    durationS: record.nSamples / record.fsHz,
    baseTime: h.baseTime ?? null,
    baseDate: h.baseDate ?? null,
    files: [...new Set(h.signals.map((s) => s.fileName))],
    comments: h.comments,
    verified: record.verified,
    leads: record.signals.map(leadJson),
  };
}

function table(rows: readonly (readonly string[])[]): string[] {
  const widths: number[] = [];
  for (const row of rows)
    row.forEach((cell, i) => (widths[i] = Math.max(widths[i] ?? 0, cell.length)));
  return rows.map((row) =>
    row
      .map((cell, i) => cell.padEnd(widths[i]!))
      .join('  ')
      .trimEnd(),
  );
}

/** The record summary as text for people: header facts, then one row per lead. */
export function formatRecordSummary(summary: ReturnType<typeof recordSummary>): string {
  const s = summary;
  const fs = `${s.fsHz} Hz${s.counterFreqHz === null ? '' : ` (counter ${s.counterFreqHz} Hz)`}`;
  const lines = [
    `record ${s.recordName} (${s.headerFile})`,
    `  ${s.nSignals} signals x ${s.nSamples} samples at ${fs}, duration ${s.durationS.toFixed(3)} s`,
  ];
  if (s.baseTime !== null || s.baseDate !== null) {
    lines.push(`  start ${[s.baseTime, s.baseDate].filter((x) => x !== null).join(' ')}`);
  }
  lines.push(`  files: ${s.files.join(', ')}`);
  if (s.comments.length > 0) lines.push(`  comments: ${s.comments.join(' | ')}`);
  lines.push('');
  lines.push(
    ...table([
      ['lead', 'file', 'format', 'gain', 'checksum', 'initial value', 'min mV', 'max mV'],
      ...s.leads.map((l) => [
        l.name,
        l.fileName,
        `${l.format}${l.samplesPerFrame > 1 ? `x${l.samplesPerFrame}` : ''}${l.byteOffset ? `+${l.byteOffset}` : ''}`,
        `${l.adcGain}(${l.baseline})/${l.units}`,
        verdict(l.checksum.ok),
        verdict(l.initialValue.ok),
        l.minMv === null ? '-' : l.minMv.toFixed(3),
        l.maxMv === null ? '-' : l.maxMv.toFixed(3),
      ]),
    ]),
  );
  lines.push(
    '',
    s.verified
      ? 'verdict: checksums and initial values match the header'
      : 'verdict: MISMATCH (see stderr)',
  );
  return lines.join('\n');
}

/** `record`: decodes one WFDB record and prints its header summary, verdicts and ranges. */
export const recordCommand: CliCommand = {
  name: 'record',
  summary: 'Decode a WFDB record: header summary, checksum verdict and min/max mV per lead',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    const parsed = parseRecordArgs('record', usage, args, io);
    if (typeof parsed === 'number') return parsed;
    const { base, json } = parsed;
    const record = await readRecordOrExit(base, io, { verify: false });
    if (typeof record === 'number') return record;
    const summary = recordSummary(path.resolve(`${base}.hea`), record);
    io.out(json ? JSON.stringify(summary) : formatRecordSummary(summary));
    if (record.verified) return EXIT.ok;
    for (const error of verificationErrors(record.signals)) io.err(error.message);
    return EXIT.invalid;
  },
};
