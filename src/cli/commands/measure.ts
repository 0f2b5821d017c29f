import { STANDARD_LEADS } from '../../domain/leads';
import { measureRecord } from '../../domain/measure/measure-record';
import type { Measured, Measurements } from '../../domain/measure/types';
import { benchmarkCheckUsage, runBenchmarkCheck } from './measure-benchmark';
import { parseRecordArgs, readRecordOrExit } from './record-input';
import type { CliCommand, CliIo } from '../command';
import { EXIT } from '../command';

const recordUsage = 'ecg-workbench measure <record-path-without-extension> [--json]';
const usage = `${recordUsage}\n       ${benchmarkCheckUsage}`;

/** The `measure --json` object: snake_case, units in the names, nulls explained in notes. */
export function measureSummary(m: Measurements) {
  const notes = [...m.notes];
  const value = (name: string, measured: Measured) => {
    if (measured.value === null) notes.push(`${name}: ${measured.note ?? 'not measured'}`);
    return measured.value;
  };
  const g = m.global;
  const leads: Record<string, Record<string, number | null>> = {};
  for (const lead of [
    ...STANDARD_LEADS,
    ...m.leadsUsed.filter((l) => !STANDARD_LEADS.includes(l as never)),
  ]) {
    const l = m.leads[lead];
    if (!l) continue;
    leads[lead] = {
      r_mv: l.rMv,
      s_mv: l.sMv,
      q_ms: l.qMs,
      q_mv: l.qMv,
      st_j_mv: l.stJMv,
      st_j60_mv: l.stJ60Mv,
      t_mv: l.tMv,
    };
    for (const note of l.notes) notes.push(`${lead}: ${note}`);
  }
  const missing = STANDARD_LEADS.filter((l) => !m.leads[l]);
  if (missing.length) notes.push(`leads not in the record: ${missing.join(', ')}`);
  return {
    record: m.recordName,
    fs_hz: m.fsHz,
    duration_s: m.durationS,
    heart_rate_bpm: value('heart_rate_bpm', g.heartRate),
    rr_ms: value('rr_ms', g.rrMean),
    rr_min_ms: value('rr_min_ms', g.rrMin),
    rr_max_ms: value('rr_max_ms', g.rrMax),
    rr_sd_ms: value('rr_sd_ms', g.rrSd),
    pr_ms: value('pr_ms', g.pr),
    qrs_ms: value('qrs_ms', g.qrs),
    qt_ms: value('qt_ms', g.qt),
    qtc_bazett_ms: value('qtc_bazett_ms', g.qtcBazett),
    qtc_fridericia_ms: value('qtc_fridericia_ms', g.qtcFridericia),
    qrs_axis_deg: value('qrs_axis_deg', g.qrsAxis),
    p_axis_deg: value('p_axis_deg', g.pAxis),
    t_axis_deg: value('t_axis_deg', g.tAxis),
    leads,
    beats: m.beats.map((b) => ({
      r_peak_s: b.rPeakS,
      qrs_onset_s: b.qrsOnsetS,
      qrs_offset_s: b.qrsOffsetS,
      qrs_ms: b.qrsMs,
      p_onset_s: b.pOnsetS,
      pr_ms: b.prMs,
      t_offset_s: b.tOffsetS,
      rr_before_ms: b.rrBeforeMs,
      premature: b.premature,
      ...(b.origin ? { origin: b.origin } : {}),
    })),
    median_beat_from: m.dominantBeats,
    notes,
  };
}

const show = (v: number | null, unit: string) => (v === null ? '-' : `${v} ${unit}`);

/** The measurements as text for people: globals, a per-lead table, premature beats, notes. */
export function formatMeasureSummary(s: ReturnType<typeof measureSummary>): string {
  const lines = [
    `record ${s.record}: ${s.beats.length} beats in ${s.duration_s.toFixed(1)} s at ${s.fs_hz} Hz`,
    `  heart rate ${show(s.heart_rate_bpm, 'bpm')}, RR ${show(s.rr_ms, 'ms')} (min ${show(s.rr_min_ms, 'ms')}, max ${show(s.rr_max_ms, 'ms')})`,
    `  PR ${show(s.pr_ms, 'ms')}, QRS ${show(s.qrs_ms, 'ms')}, QT ${show(s.qt_ms, 'ms')}, QTc Bazett ${show(s.qtc_bazett_ms, 'ms')}, Fridericia ${show(s.qtc_fridericia_ms, 'ms')}`,
    `  axes: QRS ${show(s.qrs_axis_deg, 'deg')}, P ${show(s.p_axis_deg, 'deg')}, T ${show(s.t_axis_deg, 'deg')}`,
    '',
    `  ${['lead', 'R mV', 'S mV', 'Q ms', 'Q mV', 'ST J mV', 'ST J+60 mV', 'T mV'].map((h) => h.padEnd(12)).join('')}`,
  ];
  for (const [lead, l] of Object.entries(s.leads)) {
    const cells = [l.r_mv, l.s_mv, l.q_ms, l.q_mv, l.st_j_mv, l.st_j60_mv, l.t_mv];
    lines.push(
      `  ${[lead, ...cells.map((c) => (c === null ? '-' : String(c)))].map((c) => c.padEnd(12)).join('')}`,
    );
  }
  const premature = s.beats.filter((b) => b.premature);
  lines.push(
    '',
    premature.length
      ? `  premature beats: ${premature.map((b) => `${b.r_peak_s} s (${b.origin ?? '?'})`).join(', ')}`
      : '  premature beats: none',
  );
  for (const note of s.notes) lines.push(`  note: ${note}`);
  return lines.join('\n');
}

/**
 * `measure`: detects beats and measures intervals, axes and amplitudes of one WFDB record; with
 * --benchmark, checks a benchmark file's grounding answers on the records of a folder.
 */
export const measureCommand: CliCommand = {
  name: 'measure',
  summary: 'Measure a WFDB record: beats, HR, PR, QRS, QT/QTc, axes, per-lead amplitudes',
  usage,
  async run(args: readonly string[], io: CliIo): Promise<number> {
    if (args.some((a) => a === '--benchmark' || a.startsWith('--benchmark='))) {
      return runBenchmarkCheck(args, io);
    }
    const parsed = parseRecordArgs('measure', usage, args, io);
    if (typeof parsed === 'number') return parsed;
    const { base, json } = parsed;
    const record = await readRecordOrExit(base, io, { verify: true });
    if (typeof record === 'number') return record;
    const summary = measureSummary(measureRecord(record));
    io.out(json ? JSON.stringify(summary) : formatMeasureSummary(summary));
    return EXIT.ok;
  },
};
