import type { WfdbHeader, WfdbSignalSpec } from './header';
import { formatWfdbHeader } from './header';
import type { EcgRecord } from './record';

/** Options for encodeWfdbRecord. */
export interface EncodeOptions {
  /** Record name written on the record line and used for the `.dat` file name. */
  readonly recordName: string;
  /** ADC units per millivolt (default 1000, as PTB-XL: 1 ADC unit = 1 uV). */
  readonly gainAdcPerMv?: number;
  /** Comment lines appended to the header (without `#`). */
  readonly comments?: readonly string[];
}

const INVALID_ADC = -32768;

/** Signed 16-bit value of a sum taken mod 2^16, as WFDB writes checksums. */
const toSigned16 = (sum: number) => ((sum & 0xffff) << 16) >> 16;

/**
 * Writes a record as WFDB format 16 (`<name>.hea` text and `<name>.dat` bytes) with correct
 * initial values and checksums; NaN samples become the invalid sentinel. Throws RangeError when a
 * value does not fit 16 bits at the chosen gain.
 */
export function encodeWfdbRecord(
  record: EcgRecord,
  opts: EncodeOptions,
): { header: string; dat: Uint8Array } {
  const gain = opts.gainAdcPerMv ?? 1000;
  if (!/^[\w.-]+$/.test(opts.recordName)) {
    throw new RangeError(`record name "${opts.recordName}" may hold only letters, digits, _ . -`);
  }
  if (!(gain > 0) || !Number.isFinite(gain)) throw new RangeError(`gain must be > 0, got ${gain}`);
  const nSig = record.signals.length;
  const n = record.nSamples;
  const dat = new Uint8Array(2 * nSig * n);
  const view = new DataView(dat.buffer);
  const fileName = `${opts.recordName}.dat`;
  const signals: WfdbSignalSpec[] = record.signals.map((signal, s) => {
    if (signal.mv.length !== n) {
      throw new RangeError(
        `signal ${s + 1} (${signal.name}) has ${signal.mv.length} samples, the record says ${n}`,
      );
    }
    let sum = 0;
    let first = 0;
    for (let t = 0; t < n; t++) {
      const value = signal.mv[t]!;
      const adc = Number.isNaN(value) ? INVALID_ADC : Math.round(value * gain);
      if (!Number.isNaN(value) && (adc < -32767 || adc > 32767)) {
        throw new RangeError(
          `signal ${s + 1} (${signal.name}) sample ${t}: ${value} mV x ${gain} = ${adc} ADC units does not fit 16 bits`,
        );
      }
      if (t === 0) first = adc;
      sum = (sum + adc) & 0xffff;
      view.setInt16(2 * (t * nSig + s), adc, true);
    }
    return {
      fileName,
      format: 16,
      samplesPerFrame: 1,
      byteOffset: 0,
      adcGain: gain,
      baseline: 0,
      units: 'mV',
      adcResolution: 16,
      adcZero: 0,
      initialValue: first,
      checksum: toSigned16(sum),
      blockSize: 0,
      description: signal.name,
      leadName: signal.name,
    };
  });
  const header: WfdbHeader = {
    recordName: opts.recordName,
    nSignals: nSig,
    fsHz: record.fsHz,
    nSamples: n,
    signals,
    comments: opts.comments ?? [],
  };
  return { header: formatWfdbHeader(header), dat };
}
