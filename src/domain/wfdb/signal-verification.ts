/** Checksums and initial values of decoded signals against their header. */
import type { DecodedSignal, SignalVerification } from './decoded-record';
import { WfdbError } from './errors';
import type { WfdbSignalSpec } from './header';

/** One signal's verdicts from its first ADC sample and computed checksum. */
export function verification(
  spec: WfdbSignalSpec,
  firstAdc: number | undefined,
  checksumComputed: number,
): SignalVerification {
  return {
    checksumOk:
      spec.checksum === undefined ? null : ((checksumComputed - spec.checksum) & 0xffff) === 0,
    checksumComputed,
    initialValueOk:
      spec.initialValue === undefined || spec.format === 8 || firstAdc === undefined
        ? null
        : firstAdc === spec.initialValue,
    firstAdc,
  };
}

/** Sum of the ADC samples mod 2^16. */
export function checksumOf(adc: Int32Array): number {
  let sum = 0;
  for (let i = 0; i < adc.length; i++) sum += adc[i]!;
  return sum & 0xffff;
}

/** One WfdbError per checksum or initial-value mismatch, in signal order (empty when all match). */
export function verificationErrors(signals: readonly DecodedSignal[]): WfdbError[] {
  const errors: WfdbError[] = [];
  signals.forEach((s, i) => {
    const { spec, verification: v } = s;
    const which = `signal ${i + 1} (${spec.leadName})`;
    if (v.checksumOk === false) {
      errors.push(
        new WfdbError(
          spec.fileName,
          'checksum-mismatch',
          `${which}: header checksum ${spec.checksum}, samples sum to ${v.checksumComputed} (mod 65536)`,
        ),
      );
    }
    if (v.initialValueOk === false) {
      errors.push(
        new WfdbError(
          spec.fileName,
          'initial-value-mismatch',
          `${which}: header initial value ${spec.initialValue}, first sample is ${v.firstAdc}`,
        ),
      );
    }
  });
  return errors;
}
