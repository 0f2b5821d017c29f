/** Decoders of one signal group into millivolts: the fast format-16 path, any other format, null signals. */
import type { DecodedSignal } from './decoded-record';
import type { WfdbFormatInfo } from './formats';
import type { WfdbHeader, WfdbSignalSpec } from './header';
import { mvPerUnit } from './physical';
import { decodeValues, int16View } from './sample-decoders';
import type { SignalGroup } from './signal-groups';
import { checksumOf, verification } from './signal-verification';

/** Physical values at the frame rate: mean of each frame's samples, shifted by skew, NaN where invalid. */
function toMillivolts(
  spec: WfdbSignalSpec,
  adc: Int32Array,
  nSamples: number,
  invalidAdc: number | undefined,
): Float32Array {
  const mv = new Float32Array(nSamples);
  const scale = mvPerUnit(spec.units) / spec.adcGain;
  const base = spec.baseline;
  const spf = spec.samplesPerFrame;
  const skew = spec.skew ?? 0;
  const invalid = invalidAdc ?? Number.NaN;
  for (let t = 0; t < nSamples; t++) {
    const frame = t + skew;
    if (frame >= nSamples) {
      mv[t] = Number.NaN;
      continue;
    }
    let sum = 0;
    for (let k = frame * spf, end = k + spf; k < end; k++) {
      const v = adc[k]!;
      sum += v === invalid ? Number.NaN : v;
    }
    mv[t] = (sum / spf - base) * scale;
  }
  return mv;
}

/** Copies one column of an interleaved Int16Array into its own Int32Array. */
function column16(i16: Int16Array, column: number, stride: number, nSamples: number): Int32Array {
  const adc = new Int32Array(nSamples);
  for (let t = 0, k = column; t < nSamples; t++, k += stride) adc[t] = i16[k]!;
  return adc;
}

/**
 * Converts one column of an interleaved Int16Array to mV in place and returns its plain sum
 * (exact in a double); stats[0] receives the column minimum. Kept a top-level function taking
 * arguments: V8 optimises that loop about 1.5x better than the same loop in a closure.
 */
function convertColumn16(
  i16: Int16Array,
  column: number,
  stride: number,
  nSamples: number,
  base: number,
  scale: number,
  mv: Float32Array,
  stats: Float64Array,
): number {
  let sum = 0;
  let min = 0;
  for (let t = 0, k = column; t < nSamples; t++, k += stride) {
    const v = i16[k]!;
    sum += v;
    if (v < min) min = v;
    mv[t] = (v - base) * scale;
  }
  stats[0] = min;
  return sum;
}

/**
 * Decodes format-16 files with one sample per frame straight from an Int16Array view into mV;
 * the per-signal ADC copy is made only when someone reads `adc`.
 */
export function decodeFormat16(
  header: WfdbHeader,
  g: SignalGroup,
  bytes: Uint8Array,
  nSamples: number,
  out: DecodedSignal[],
): void {
  const i16 = int16View(bytes, g.byteOffset, nSamples * g.frameSize);
  const stride = g.frameSize;
  const stats = new Float64Array(1);
  for (let column = 0; column < g.indices.length; column++) {
    const signalIndex = g.indices[column]!;
    const spec = header.signals[signalIndex]!;
    const mv = new Float32Array(nSamples);
    const scale = mvPerUnit(spec.units) / spec.adcGain;
    const sum = convertColumn16(i16, column, stride, nSamples, spec.baseline, scale, mv, stats);
    // The invalid sentinel is the int16 minimum, so the column minimum tells whether any is there.
    if (stats[0] === -32768) {
      for (let t = 0, k = column; t < nSamples; t++, k += stride) {
        if (i16[k] === -32768) mv[t] = Number.NaN;
      }
    }
    out[signalIndex] = lazyAdcSignal(spec, mv, i16, column, stride, nSamples, sum & 0xffff);
  }
}

function lazyAdcSignal(
  spec: WfdbSignalSpec,
  mv: Float32Array,
  i16: Int16Array,
  column: number,
  stride: number,
  nSamples: number,
  checksum: number,
): DecodedSignal {
  let adc: Int32Array | undefined;
  return {
    name: spec.leadName,
    mv,
    spec,
    get adc() {
      return (adc ??= column16(i16, column, stride, nSamples));
    },
    verification: verification(spec, nSamples > 0 ? i16[column] : undefined, checksum),
  };
}

/** Decodes a group of any supported format (several samples per frame, skew, format 8's differences). */
export function decodeGeneric(
  header: WfdbHeader,
  g: SignalGroup,
  info: WfdbFormatInfo,
  bytes: Uint8Array,
  nSamples: number,
  out: DecodedSignal[],
): void {
  const values = decodeValues(g.format, bytes, g.byteOffset, nSamples * g.frameSize, g.fileName);
  let column = 0;
  for (const signalIndex of g.indices) {
    const spec = header.signals[signalIndex]!;
    const spf = spec.samplesPerFrame;
    const adc = new Int32Array(nSamples * spf);
    for (let t = 0, k = 0; t < nSamples; t++) {
      const from = t * g.frameSize + column;
      for (let j = 0; j < spf; j++) adc[k++] = values[from + j]!;
    }
    if (g.format === 8) {
      let acc = spec.initialValue ?? spec.adcZero;
      for (let k = 0; k < adc.length; k++) adc[k] = acc += adc[k]!;
    }
    column += spf;
    const mv = toMillivolts(spec, adc, nSamples, info.invalidAdc);
    out[signalIndex] = {
      name: spec.leadName,
      mv,
      spec,
      adc,
      verification: verification(spec, adc[0], checksumOf(adc)),
    };
  }
}

/** Fills a null group's signals with NaN (no file, no samples). */
export function decodeNull(
  header: WfdbHeader,
  g: SignalGroup,
  nSamples: number,
  out: DecodedSignal[],
): void {
  for (const signalIndex of g.indices) {
    const spec = header.signals[signalIndex]!;
    const mv = new Float32Array(nSamples).fill(Number.NaN);
    const adc = new Int32Array(0);
    out[signalIndex] = {
      name: spec.leadName,
      mv,
      spec,
      adc,
      verification: {
        checksumOk: null,
        checksumComputed: 0,
        initialValueOk: null,
        firstAdc: undefined,
      },
    };
  }
}
