/**
 * Whether a lead shows a per-lead finding, by the engine's median-beat numbers and the
 * thresholds the finding states, with margins (catalog.ts LEAD_MARGINS): "shows" and "absent"
 * only beyond them, "unclear" inside them or where the engine did not measure. ST findings are
 * not judged when the engine's QRS is wide (a lead's J point is uncertain there).
 */
import type { PreflagLeadEvidence } from '../../../schemas/preflags';
import type { Measurements } from '../../measure/types';
import type { LeadFinding, LeadParts } from '../../benchmark/grounding';
import { leadParts } from '../../benchmark/grounding';
import { LEAD_MARGINS, ST_MAX_QRS_MS } from './catalog';

type Verdict = PreflagLeadEvidence['verdict'];
interface Judged {
  readonly value: number | null;
  readonly unit: string;
  readonly threshold: number | null;
  readonly verdict: Verdict;
}

const unclear = (value: number | null, unit: string, threshold: number | null = null): Judged => ({
  value,
  unit,
  threshold,
  verdict: 'unclear',
});
const round3 = (x: number) => Math.round(x * 1000) / 1000;

/** Above `threshold + margin`: shows; below `threshold - margin`: absent. */
function beyond(value: number, threshold: number, margin: number): Verdict {
  if (value > threshold + margin) return 'shows';
  if (value < threshold - margin) return 'absent';
  return 'unclear';
}

function pathologicalQ(f: LeadFinding, p: LeadParts): Judged {
  const { rMv, qMs, qMv, negativeMv } = p;
  if (rMv === null || qMs === null || qMv === null || negativeMv === null || !f.q)
    return unclear(qMs, 'ms');
  const { minMs, depth } = f.q;
  // Deeper than each stated bound by `extra` (mV, and that fraction of R on top of the stated one).
  const deepEnough = (extraMv: number, extraFraction: number) =>
    (depth.mv === null || qMv > depth.mv + extraMv) &&
    (depth.fraction === null || qMv > (depth.fraction + extraFraction) * rMv);
  const qs = rMv < 0.05 && negativeMv >= 0.3;
  // A wording that bounds only the depth sets no duration threshold to show.
  const threshold = minMs > 0 ? minMs : null;
  if (qs || (qMs >= minMs + LEAD_MARGINS.qMs && qMv >= 0.1 && deepEnough(0.05, 0.05)))
    return { value: qMs, unit: 'ms', threshold, verdict: 'shows' };
  // A clear R with no Q of any size worth the name: no QS, no "deep S after a small r".
  const clearR = rMv >= 0.3 || rMv >= negativeMv;
  const noQ = qMs < minMs - LEAD_MARGINS.qMs || !deepEnough(-0.035, -0.05);
  if (clearR && noQ) return { value: qMs, unit: 'ms', threshold, verdict: 'absent' };
  return unclear(qMs, 'ms', threshold);
}

function dominance(p: LeadParts, upper: 'S' | 'R'): Judged {
  if (p.rMv === null || p.negativeMv === null) return unclear(null, 'mV');
  const diff = round3(upper === 'S' ? p.negativeMv - p.rMv : p.rMv - p.negativeMv);
  return {
    value: diff,
    unit: 'mV',
    threshold: 0,
    verdict: beyond(diff, 0, LEAD_MARGINS.dominanceMv),
  };
}

function judge(f: LeadFinding, lead: string, p: LeadParts, m: Measurements): Judged {
  const wideQrs = (m.global.qrs.value ?? 0) > ST_MAX_QRS_MS;
  switch (f.finding) {
    case 'st_elevation':
    case 'st_depression': {
      const threshold = f.stThresholdMv[lead as keyof LeadFinding['stThresholdMv']] ?? null;
      if (p.stJMv === null || threshold === null || wideQrs)
        return unclear(p.stJMv, 'mV', threshold);
      const level = f.finding === 'st_elevation' ? p.stJMv : -p.stJMv;
      return {
        value: p.stJMv,
        unit: 'mV',
        threshold,
        verdict: beyond(level, threshold, LEAD_MARGINS.stMv),
      };
    }
    case 't_inversion':
      if (p.tMv === null) return unclear(null, 'mV');
      return {
        value: p.tMv,
        unit: 'mV',
        threshold: 0,
        verdict: beyond(-p.tMv, 0, LEAD_MARGINS.tMv),
      };
    case 'lv_strain': {
      if (p.tMv === null || p.stJMv === null) return unclear(p.tMv, 'mV');
      const strain = p.tMv < -LEAD_MARGINS.tMv && p.stJMv < -LEAD_MARGINS.stMv && !wideQrs;
      const verdict: Verdict = strain ? 'shows' : p.tMv > LEAD_MARGINS.tMv ? 'absent' : 'unclear';
      return { value: p.tMv, unit: 'mV', threshold: 0, verdict };
    }
    case 'pathological_q':
      return pathologicalQ(f, p);
    case 'dominant_s':
      return dominance(p, 'S');
    case 'dominant_r':
      return dominance(p, 'R');
    case 'monophasic_r': {
      const { rMv, sMv, qMs, qMv } = p;
      if (rMv === null || sMv === null || qMs === null || qMv === null) return unclear(rMv, 'mV');
      const shows = rMv >= 0.3 && qMs === 0 && sMv <= 0.1 * rMv;
      const absent = rMv < 0.15 || sMv >= 0.5 * rMv || (qMs >= 20 && qMv >= 0.1);
      return {
        value: rMv,
        unit: 'mV',
        threshold: null,
        verdict: shows ? 'shows' : absent ? 'absent' : 'unclear',
      };
    }
    case 'qr_pattern':
    case 'rs_pattern': {
      // Only the clear opposite is judged: an S-dominant complex is no qR, an R-dominant one no rS.
      const d = dominance(p, f.finding === 'qr_pattern' ? 'R' : 'S');
      return { ...d, verdict: d.verdict === 'absent' ? 'absent' : 'unclear' };
    }
  }
}

/** A lead's evidence for a per-lead finding; `answered` says whether the sample counts it. */
export function leadEvidence(
  f: LeadFinding,
  lead: string,
  m: Measurements,
  answered: boolean,
): PreflagLeadEvidence {
  const p = leadParts(m, lead);
  const judged = p ? judge(f, lead, p, m) : unclear(null, 'mV');
  return {
    lead,
    ...judged,
    answered,
    parts: p ? { rMv: p.rMv, sMv: p.sMv, qMs: p.qMs, qMv: p.qMv, stJMv: p.stJMv, tMv: p.tMv } : {},
  };
}
