/** The minimal TextDecoder surface we need; typed here because domain/ has no DOM lib. */
interface Utf8Decoder {
  decode(input: Uint8Array): string;
}

type DecoderConstructor = new (
  label: string,
  options: { fatal: boolean; ignoreBOM: boolean },
) => Utf8Decoder;

const Decoder = (globalThis as unknown as { TextDecoder: DecoderConstructor }).TextDecoder;

// ignoreBOM keeps a U+FEFF in the text: only a BOM at the start of a file is stripped (by the
// line reader, with a warning); anywhere else it is content, and JSON.parse then rejects it.
const fatalDecoder = new Decoder('utf-8', { fatal: true, ignoreBOM: true });

/** Decodes UTF-8 strictly: the text, or null when the bytes are not valid UTF-8. */
export function decodeUtf8(bytes: Uint8Array): string | null {
  try {
    return fatalDecoder.decode(bytes);
  } catch {
    return null;
  }
}

/**
 * The 0-based offset of the first byte that makes bytes invalid UTF-8 (an unexpected
 * continuation byte, a truncated sequence, an overlong form, a surrogate or a value above
 * U+10FFFF), or -1 when all of bytes is valid.
 */
export function firstInvalidUtf8Offset(bytes: Uint8Array): number {
  let i = 0;
  while (i < bytes.length) {
    const b = bytes[i]!;
    if (b < 0x80) {
      i++;
      continue;
    }
    let need: number;
    let min: number;
    let cp: number;
    if (b >= 0xc2 && b <= 0xdf) {
      need = 1;
      min = 0x80;
      cp = b & 0x1f;
    } else if (b >= 0xe0 && b <= 0xef) {
      need = 2;
      min = 0x800;
      cp = b & 0x0f;
    } else if (b >= 0xf0 && b <= 0xf4) {
      need = 3;
      min = 0x10000;
      cp = b & 0x07;
    } else {
      return i;
    }
    for (let k = 1; k <= need; k++) {
      const c = bytes[i + k];
      if (c === undefined || (c & 0xc0) !== 0x80) return i;
      cp = (cp << 6) | (c & 0x3f);
    }
    if (cp < min || cp > 0x10ffff || (cp >= 0xd800 && cp <= 0xdfff)) return i;
    i += need + 1;
  }
  return -1;
}
