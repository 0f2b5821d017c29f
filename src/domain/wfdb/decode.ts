/** Decodes a WFDB record from its header and signal files. */
import type { DecodedRecord, DecodedSignal, DecodeOptions } from './decoded-record';
import { decodeFormat16, decodeGeneric, decodeNull } from './decode-signals';
import { WfdbError } from './errors';
import { formatInfo, unsupportedFormatReason } from './formats';
import type { WfdbHeader } from './header';
import {
  checkSize,
  fileBytes,
  groupSignals,
  isNull,
  noSkew,
  resolveSampleCount,
} from './signal-groups';
import { verificationErrors } from './signal-verification';

export type {
  DecodedRecord,
  DecodedSignal,
  DecodeOptions,
  SignalVerification,
} from './decoded-record';
export { verificationErrors } from './signal-verification';

/** Longest null (format 0) signal decoded, in samples: no file bounds it. */
const MAX_NULL_SIGNAL_SAMPLES = 2 ** 26;

/**
 * Decodes a record from its parsed header and its signal files (keyed by the file names the header
 * uses) into millivolts; throws WfdbError for missing, truncated or inconsistent files, and, unless
 * verify is false, for checksum or initial-value mismatches.
 */
export function decodeWfdbRecord(
  header: WfdbHeader,
  files: ReadonlyMap<string, Uint8Array>,
  opts: DecodeOptions = {},
): DecodedRecord {
  const groups = groupSignals(header);
  for (const g of groups) {
    if (isNull(g)) continue;
    const reason = unsupportedFormatReason(g.format);
    if (reason !== undefined) throw new WfdbError(g.fileName, 'unsupported-format', reason);
    fileBytes(g, header, files);
  }
  const nSamples = resolveSampleCount(header, groups, files);
  // Stored signals are bounded by their file sizes; null signals only by the header's word.
  const nullGroup = groups.find(isNull);
  if (nullGroup && nSamples > MAX_NULL_SIGNAL_SAMPLES) {
    throw new WfdbError(
      nullGroup.fileName,
      'inconsistent',
      `${nSamples} samples for a null (format 0) signal exceeds ${MAX_NULL_SIGNAL_SAMPLES}`,
    );
  }
  const signals: DecodedSignal[] = new Array<DecodedSignal>(header.signals.length);
  for (const g of groups) {
    if (isNull(g)) {
      decodeNull(header, g, nSamples, signals);
      continue;
    }
    const info = formatInfo(g.format)!;
    const bytes = fileBytes(g, header, files);
    checkSize(g, info, bytes, nSamples);
    if (g.format === 16 && g.frameSize === g.indices.length && noSkew(header, g))
      decodeFormat16(header, g, bytes, nSamples, signals);
    else decodeGeneric(header, g, info, bytes, nSamples, signals);
  }
  if (opts.verify ?? true) {
    const [first] = verificationErrors(signals);
    if (first) throw first;
  }
  const verified = signals.every(
    (s) => s.verification.checksumOk !== false && s.verification.initialValueOk !== false,
  );
  return { recordName: header.recordName, fsHz: header.fsHz, nSamples, signals, header, verified };
}
