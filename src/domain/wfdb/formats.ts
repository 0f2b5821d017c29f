/** The WFDB sample formats this reader decodes, with their storage size and invalid-sample sentinel. */
export interface WfdbFormatInfo {
  readonly format: number;
  /** Bytes needed to store n consecutive values of one file in this format. */
  readonly bytesFor: (nValues: number) => number;
  /** Default ADC resolution in bits when the header leaves it out. */
  readonly defaultResolutionBits: number;
  /** The ADC value WFDB writes for an invalid sample, or undefined when the format has none. */
  readonly invalidAdc: number | undefined;
}

const info = (
  format: number,
  bytesFor: (n: number) => number,
  defaultResolutionBits: number,
  invalidAdc: number | undefined,
): WfdbFormatInfo => ({ format, bytesFor, defaultResolutionBits, invalidAdc });

const FORMATS: ReadonlyMap<number, WfdbFormatInfo> = new Map(
  [
    info(0, () => 0, 12, undefined),
    info(8, (n) => n, 8, undefined),
    info(16, (n) => 2 * n, 16, -32768),
    info(24, (n) => 3 * n, 24, -8388608),
    info(32, (n) => 4 * n, 32, -2147483648),
    info(61, (n) => 2 * n, 16, -32768),
    info(80, (n) => n, 8, -128),
    info(160, (n) => 2 * n, 16, -32768),
    info(212, (n) => Math.ceil((3 * n) / 2), 12, -2048),
  ].map((f) => [f.format, f]),
);

// Formats the WFDB specification defines but this reader does not decode.
const KNOWN_UNSUPPORTED = new Set([310, 311, 508, 516, 524]);

/** Format numbers this reader decodes, ascending. */
export const SUPPORTED_FORMATS: readonly number[] = [...FORMATS.keys()].sort((a, b) => a - b);

/** Storage facts for a supported format, or undefined. */
export function formatInfo(format: number): WfdbFormatInfo | undefined {
  return FORMATS.get(format);
}

/** Why a format cannot be decoded (for the error message), or undefined when it can. */
export function unsupportedFormatReason(format: number): string | undefined {
  if (FORMATS.has(format)) return undefined;
  const supported = SUPPORTED_FORMATS.join(', ');
  return KNOWN_UNSUPPORTED.has(format)
    ? `format ${format} is a WFDB format this reader does not decode (supported: ${supported})`
    : `format ${format} is not a WFDB format (supported: ${supported})`;
}

/** Default ADC resolution (bits) for a format; 12 for unknown ones, as WFDB does. */
export function defaultResolutionBits(format: number): number {
  if (format === 310 || format === 311) return 10;
  return FORMATS.get(format)?.defaultResolutionBits ?? 12;
}
