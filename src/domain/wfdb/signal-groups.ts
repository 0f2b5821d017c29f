/** How a record's signals sit in its files: groups per file, the sample count, and size checks. */
import { WfdbError } from './errors';
import { formatInfo } from './formats';
import type { WfdbFormatInfo } from './formats';
import type { WfdbHeader } from './header';

/** Signals stored one after another in one file, interleaved frame by frame. */
export interface SignalGroup {
  readonly fileName: string;
  readonly format: number;
  readonly byteOffset: number;
  readonly indices: readonly number[];
  readonly frameSize: number;
}

/** Groups consecutive signals of the header that share a file. */
export function groupSignals(header: WfdbHeader): SignalGroup[] {
  const groups: {
    fileName: string;
    format: number;
    byteOffset: number;
    indices: number[];
    frameSize: number;
  }[] = [];
  header.signals.forEach((s, i) => {
    const last = groups.at(-1);
    if (last && last.fileName === s.fileName) {
      last.indices.push(i);
      last.frameSize += s.samplesPerFrame;
    } else {
      groups.push({
        fileName: s.fileName,
        format: s.format,
        byteOffset: s.byteOffset,
        indices: [i],
        frameSize: s.samplesPerFrame,
      });
    }
  });
  return groups;
}

/** True when no signal of the group is skewed. */
export const noSkew = (header: WfdbHeader, g: SignalGroup) =>
  g.indices.every((i) => !header.signals[i]?.skew);

/** True for a null (format 0 or file "~") group, which has no file. */
export const isNull = (g: SignalGroup) => g.format === 0 || g.fileName === '~';

function describeLayout(g: SignalGroup, nSamples: number): string {
  const spf = g.frameSize === g.indices.length ? '' : ` (${g.frameSize} values per frame)`;
  const offset = g.byteOffset === 0 ? '' : `, ${g.byteOffset}-byte offset`;
  const signals = g.indices.length === 1 ? '1 signal' : `${g.indices.length} signals`;
  return `${signals} x ${nSamples} samples${spf} (format ${g.format}${offset})`;
}

/** Frames in a group's file when the header gives no sample count; the size must fit exactly. */
function framesFromSize(g: SignalGroup, info: WfdbFormatInfo, bytes: Uint8Array): number {
  const available = bytes.length - g.byteOffset;
  const perFrame = info.bytesFor(2 * g.frameSize) / 2;
  const frames = available > 0 ? Math.floor(available / perFrame) : 0;
  if (g.byteOffset + info.bytesFor(frames * g.frameSize) !== bytes.length) {
    throw new WfdbError(
      g.fileName,
      'inconsistent',
      `the header gives no sample count and ${bytes.length} bytes is not a whole number of frames (format ${g.format})`,
    );
  }
  return frames;
}

/** Samples per signal: the header's count, else what the files' sizes hold (they must agree). */
export function resolveSampleCount(
  header: WfdbHeader,
  groups: readonly SignalGroup[],
  files: ReadonlyMap<string, Uint8Array>,
): number {
  if (header.nSamples > 0) return header.nSamples;
  let n: number | undefined;
  for (const g of groups) {
    if (isNull(g)) continue;
    const info = formatInfo(g.format);
    const bytes = files.get(g.fileName);
    if (!info || !bytes) continue;
    const frames = framesFromSize(g, info, bytes);
    if (n !== undefined && n !== frames) {
      throw new WfdbError(
        g.fileName,
        'inconsistent',
        `holds ${frames} frames but another file of the record holds ${n}`,
      );
    }
    n = frames;
  }
  return n ?? 0;
}

/** The group's file bytes; throws missing-file when they were not provided. */
export function fileBytes(
  g: SignalGroup,
  header: WfdbHeader,
  files: ReadonlyMap<string, Uint8Array>,
): Uint8Array {
  const bytes = files.get(g.fileName);
  if (bytes) return bytes;
  const first = g.indices[0]! + 1;
  const last = g.indices.at(-1)! + 1;
  throw new WfdbError(
    g.fileName,
    'missing-file',
    `record ${header.recordName} stores signal${first === last ? ` ${first}` : `s ${first}-${last}`} in it, but the file was not provided`,
  );
}

/** Throws truncated or inconsistent when the file's size is not what the header implies. */
export function checkSize(
  g: SignalGroup,
  info: WfdbFormatInfo,
  bytes: Uint8Array,
  nSamples: number,
): void {
  const expected = g.byteOffset + info.bytesFor(nSamples * g.frameSize);
  if (bytes.length === expected) return;
  const layout = describeLayout(g, nSamples);
  if (bytes.length < expected) {
    throw new WfdbError(
      g.fileName,
      'truncated',
      `expected ${expected} bytes for ${layout}, found ${bytes.length}`,
    );
  }
  throw new WfdbError(
    g.fileName,
    'inconsistent',
    `expected ${expected} bytes for ${layout}, found ${bytes.length} (${bytes.length - expected} bytes more than the header accounts for)`,
  );
}
