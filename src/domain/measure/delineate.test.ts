import { describe, expect, it } from 'vitest';
import { refineQrsBoundsAcrossLeads, TERMINAL_WAVE_MV } from './delineate';

const fsHz = 500;
const n = 1000;
const at = (ms: number) => Math.round((ms / 1000) * fsHz);

/** A smooth hump (raised cosine) of height mv from startMs to endMs, added onto x. */
function addHump(x: Float32Array, startMs: number, endMs: number, mv: number): Float32Array {
  const a = at(startMs);
  const b = at(endMs);
  for (let i = a; i <= b; i++)
    x[i]! += (mv * (1 - Math.cos((2 * Math.PI * (i - a)) / (b - a)))) / 2;
  return x;
}

/** Eight leads with the same QRS (a 1 mV hump from 500 to 580 ms), plus the extras given. */
function leadsWith(extra: (x: Float32Array, k: number) => void): Float32Array[] {
  return Array.from({ length: 8 }, (_, k) => {
    const x = addHump(new Float32Array(n), 500, 580, 1 - 0.05 * k);
    extra(x, k);
    return x;
  });
}

const composite = { onset: at(500), offset: at(580) };

describe('refineQrsBoundsAcrossLeads', () => {
  it("keeps a terminal wave that only one lead shows (an RBBB R' in V1)", () => {
    const leads = leadsWith((x, k) => {
      if (k === 0) addHump(x, 570, 600, 0.5);
    });
    const { offset } = refineQrsBoundsAcrossLeads(leads, composite, fsHz);
    expect(offset).toBeGreaterThanOrEqual(at(595));
    expect(offset).toBeLessThanOrEqual(at(610));
  });

  it(`ignores a late tail in one lead that moves less than ${TERMINAL_WAVE_MV} mV`, () => {
    const leads = leadsWith((x, k) => {
      if (k === 0) addHump(x, 575, 600, 0.03);
    });
    const plain = refineQrsBoundsAcrossLeads(
      leadsWith(() => {}),
      composite,
      fsHz,
    );
    expect(refineQrsBoundsAcrossLeads(leads, composite, fsHz).offset).toBe(plain.offset);
  });

  it('does not extrapolate an offset across a dip to a small late bump in three leads', () => {
    // The QRS ends at 580 ms in every lead; after a short pause three leads show a slow 0.03 mV
    // bump (586-606 ms). The offset may reach the bump's end, not a line drawn across the pause.
    const leads = leadsWith((x, k) => {
      if (k < 3) addHump(x, 586, 606, 0.03);
    });
    const { offset } = refineQrsBoundsAcrossLeads(leads, composite, fsHz);
    expect(offset).toBeLessThanOrEqual(at(606));
  });
});
