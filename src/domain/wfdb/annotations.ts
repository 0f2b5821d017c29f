import type { Seconds } from '../units';
import { sec } from '../units';
import { WfdbError } from './errors';

/** One annotation from a MIT-format annotation file (`.atr`). */
export interface MitAnnotation {
  /** Sample index from the record's start (frames at the record's fs). */
  readonly sample: number;
  /** sample / fsHz. */
  readonly timeS: Seconds;
  /** WFDB annotation code (1 = N, 5 = V, 8 = A, 28 = rhythm change, ...). */
  readonly code: number;
  /** WFDB mnemonic (`N`, `V`, `A`, `+`, `~`, ...); `[code]` for codes WFDB leaves undefined. */
  readonly symbol: string;
  /** True for QRS (beat) annotation codes. */
  readonly isBeat: boolean;
  readonly subtype: number;
  readonly chan: number;
  readonly num: number;
  /** Auxiliary text (rhythm such as `(AFIB`), without the trailing NUL; undefined when none. */
  readonly aux?: string;
}

// WFDB ecgcodes.h mnemonics indexed by code (0..41); '' where the code is unused.
const SYMBOLS = [
  '',
  'N',
  'L',
  'R',
  'a',
  'V',
  'F',
  'J',
  'A',
  'S',
  'E',
  'j',
  '/',
  'Q',
  '~',
  '',
  '|',
  '',
  's',
  'T',
  '*',
  'D',
  '"',
  '=',
  'p',
  'B',
  '^',
  't',
  '+',
  'u',
  '?',
  '!',
  '[',
  ']',
  'e',
  'n',
  '@',
  'x',
  'f',
  '(',
  ')',
  'r',
];
// WFDB isqrs: the beat codes.
const BEAT_CODES = new Set([1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 25, 30, 34, 35, 38, 41]);

/** The WFDB mnemonic for an annotation code. */
export function annotationSymbol(code: number): string {
  const symbol = SYMBOLS[code];
  return symbol === undefined || symbol === '' ? `[${code}]` : symbol;
}

const SKIP = 59;
const NUM = 60;
const SUB = 61;
const CHN = 62;
const AUX = 63;

interface Draft {
  sample: number;
  code: number;
  subtype: number;
  chan: number;
  num: number;
  aux?: string;
}

/**
 * Parses a MIT-format annotation file (16-bit little-endian words: 6-bit code, 10-bit time
 * increment, with SKIP/NUM/SUB/CHN/AUX pseudo-codes). Throws WfdbError('truncated') when a word,
 * a SKIP interval or an AUX string runs past the end, or the end-of-file word is missing.
 */
export function parseMitAnnotations(
  bytes: Uint8Array,
  fsHz: number,
  fileName = 'annotations.atr',
): MitAnnotation[] {
  const drafts: Draft[] = [];
  const truncated = (detail: string): never => {
    throw new WfdbError(fileName, 'truncated', detail);
  };
  const pastEnd = (at: number, what: string) =>
    truncated(`${what} at byte ${at} runs past the end (${bytes.length} bytes)`);
  let time = 0;
  let chan = 0;
  let num = 0;
  let pos = 0;
  let ended = false;
  while (pos < bytes.length) {
    if (pos + 2 > bytes.length) pastEnd(pos, 'annotation word');
    const word = bytes[pos]! | (bytes[pos + 1]! << 8);
    pos += 2;
    const code = word >> 10;
    const value = word & 0x3ff;
    if (code === 0 && value === 0) {
      ended = true;
      break;
    }
    const current = drafts.at(-1);
    switch (code) {
      case SKIP: {
        if (pos + 4 > bytes.length) pastEnd(pos, 'SKIP interval');
        const high = bytes[pos]! | (bytes[pos + 1]! << 8);
        const low = bytes[pos + 2]! | (bytes[pos + 3]! << 8);
        time += (high << 16) | low | 0;
        pos += 4;
        break;
      }
      case NUM:
        num = (value << 22) >> 22;
        if (current) current.num = num;
        break;
      case SUB:
        if (current) current.subtype = value;
        break;
      case CHN:
        chan = value;
        if (current) current.chan = chan;
        break;
      case AUX: {
        if (pos + value > bytes.length) pastEnd(pos, `AUX string of ${value} bytes`);
        let text = '';
        for (let i = 0; i < value; i++) text += String.fromCharCode(bytes[pos + i]!);
        if (current) current.aux = text.replace(/\0+$/, '');
        pos += value + (value & 1);
        break;
      }
      default:
        time += value;
        drafts.push({ sample: time, code, subtype: 0, chan, num });
    }
  }
  if (!ended) truncated(`end-of-file word (0x0000) missing after ${bytes.length} bytes`);
  return drafts.map((d) => ({
    sample: d.sample,
    timeS: sec(d.sample / fsHz),
    code: d.code,
    symbol: annotationSymbol(d.code),
    isBeat: BEAT_CODES.has(d.code),
    subtype: d.subtype,
    chan: d.chan,
    num: d.num,
    ...(d.aux === undefined ? {} : { aux: d.aux }),
  }));
}
