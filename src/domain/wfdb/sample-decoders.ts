import { WfdbError } from './errors';

const littleEndianHost = new Uint8Array(new Uint16Array([1]).buffer)[0] === 1;

/** A view of bytes as little-endian 16-bit integers without copying when alignment allows. */
export function int16View(bytes: Uint8Array, byteOffset: number, count: number): Int16Array {
  if (!littleEndianHost) {
    const out = new Int16Array(count);
    const view = new DataView(bytes.buffer, bytes.byteOffset + byteOffset, count * 2);
    for (let i = 0; i < count; i++) out[i] = view.getInt16(2 * i, true);
    return out;
  }
  const start = bytes.byteOffset + byteOffset;
  if (start % 2 === 0) return new Int16Array(bytes.buffer, start, count);
  return new Int16Array(bytes.slice(byteOffset, byteOffset + 2 * count).buffer);
}

/**
 * Decodes nValues consecutive stored values of one signal file (all its signals interleaved)
 * into ADC units; format 8 yields the stored first differences, which the caller accumulates.
 */
export function decodeValues(
  format: number,
  bytes: Uint8Array,
  byteOffset: number,
  nValues: number,
  fileName: string,
): Int32Array {
  const out = new Int32Array(nValues);
  const b = bytes;
  const o = byteOffset;
  const view = new DataView(b.buffer, b.byteOffset, b.byteLength);
  switch (format) {
    case 16:
      out.set(int16View(b, o, nValues));
      break;
    case 61:
      for (let i = 0; i < nValues; i++) out[i] = view.getInt16(o + 2 * i, false);
      break;
    case 160:
      for (let i = 0; i < nValues; i++) out[i] = view.getUint16(o + 2 * i, true) - 32768;
      break;
    case 80:
      for (let i = 0; i < nValues; i++) out[i] = b[o + i]! - 128;
      break;
    case 8:
      for (let i = 0; i < nValues; i++) out[i] = (b[o + i]! << 24) >> 24;
      break;
    case 24:
      for (let i = 0, p = o; i < nValues; i++, p += 3) {
        out[i] = ((b[p]! | (b[p + 1]! << 8) | (b[p + 2]! << 16)) << 8) >> 8;
      }
      break;
    case 32:
      for (let i = 0; i < nValues; i++) out[i] = view.getInt32(o + 4 * i, true);
      break;
    case 212:
      for (let i = 0, p = o; i < nValues; i += 2, p += 3) {
        const mid = b[p + 1]!;
        out[i] = ((b[p]! | ((mid & 0x0f) << 8)) << 20) >> 20;
        if (i + 1 < nValues) out[i + 1] = ((b[p + 2]! | ((mid & 0xf0) << 4)) << 20) >> 20;
      }
      break;
    default:
      throw new WfdbError(fileName, 'unsupported-format', `no decoder for format ${format}`);
  }
  return out;
}
