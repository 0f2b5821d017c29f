/**
 * Finding rules about AV conduction, read from the P waves the engine finds (atrial-activity.ts):
 * whether every P wave conducts (first-degree block, path "1:1"), a P wave blocked inside the
 * long RR (second-degree block), and P waves independent of the QRS complexes (third-degree
 * block). A dense label, where there is one, says it first. Margins as in finding-rules.ts.
 */
import type { FindingContext } from './finding-rules';

/** How many bpm make one step of margin. */
const BPM = 10;

/** One conduction finding: its id, what it checks, its margin (> 0: shown; null: cannot tell). */
export interface ConductionRule {
  readonly id: string;
  readonly describe: string;
  readonly margin: (ctx: FindingContext) => number | null;
}

const conductionSays = (c: FindingContext, has: (conduction: readonly string[]) => boolean) =>
  c.label === null ? null : has(c.label.conduction) ? 1 : -1;

/** The beat (0-based) that ends the longest RR; null with fewer than 3 RRs. */
function longestRrBeat(c: FindingContext): number | null {
  const timed = c.m.beats.filter((b) => b.rrBeforeMs !== null);
  if (timed.length < 3) return null;
  return timed.reduce((a, b) => (b.rrBeforeMs! > a.rrBeforeMs! ? b : a)).index;
}

/**
 * +1 when the QRS complexes follow the P waves and none is left over; minus the count left over
 * (bar one after a premature beat, which may be blocked for being early); -1 when P waves and QRS
 * complexes are dissociated; null without P waves.
 */
function oneToOne(c: FindingContext): number | null {
  const { atrial } = c.m;
  if (atrial.rate.value === null && atrial.waves.length < 3) return null;
  if (!atrial.associated) return -1;
  const blocked = c.m.beats.filter((b) => b.nonConductedP && !b.premature).length;
  return blocked === 0 ? 1 : -blocked;
}

/** The conduction rule a finding question asks for; null when it asks about something else. */
export function conductionRule(question: string): ConductionRule | null {
  if (
    /every P wave, excluding those following premature beats, consistently followed by a QRS/i.test(
      question,
    )
  )
    return {
      id: 'one-to-one-conduction',
      describe:
        'the label says no second- or third-degree block, else every P wave found (bar those after a premature beat) is followed by a QRS at a steady PR',
      margin: (c) =>
        conductionSays(
          c,
          (l) => !l.includes('second_degree_av_block') && !l.includes('third_degree_av_block'),
        ) ?? oneToOne(c),
    };
  if (
    /non-conducted P wave, which is not caused by a premature beat, visible within the prolonged RR/i.test(
      question,
    )
  )
    return {
      id: 'non-conducted-p-in-long-rr',
      describe: 'a P wave no QRS follows inside the longest RR',
      margin: (c) => {
        if (c.m.atrial.waves.length < 3) return null;
        const long = longestRrBeat(c);
        if (long === null) return null;
        return c.m.beats[long - 1]!.nonConductedP ? 1 : -1;
      },
    };
  if (/atrial rhythm independent from the ventricular rhythm/i.test(question))
    return {
      id: 'av-dissociation',
      describe:
        'the label says third-degree block, else P waves at their own rate, not followed by the QRS complexes at a steady PR',
      margin: (c) => {
        const said = conductionSays(c, (l) => l.includes('third_degree_av_block'));
        if (said !== null) return said;
        const atrial = c.m.atrial.rate.value;
        const hr = c.m.global.heartRate.value;
        if (atrial === null) return null;
        if (c.m.atrial.associated) return -1;
        return hr === null ? null : Math.max(0.5, Math.abs(atrial - hr) / BPM);
      },
    };
  return null;
}
