/**
 * Hands out a pass's samples to its reviewers, each sample to `perSample` different reviewers,
 * keeping every reviewer's load within one item of the others (and, for two per sample, every
 * pair of reviewers about as often together).
 */

/** What to hand out. */
export interface AssignInput {
  /** The pass's samples, in pass order. */
  readonly sampleIds: readonly string[];
  /** The reviewers to hand them to, in a stable order (ties go to the earlier one). */
  readonly reviewerIds: readonly string[];
  /** 1 for a single review, 2 for a blind double review. */
  readonly perSample: number;
  /**
   * Reviewers that stay on a sample whatever happens (they gave a verdict on it); they fill
   * its slots first, even if they are no longer in `reviewerIds`.
   */
  readonly kept?: ReadonlyMap<string, readonly string[]>;
  /** Who had each sample before; among equally loaded reviewers they keep it. */
  readonly previous?: ReadonlyMap<string, readonly string[]>;
}

/**
 * Sample id -> its reviewers. Greedy: each open slot goes to the least loaded reviewer not yet
 * on that sample (the previous holder, then the earlier reviewer, on a tie). Throws when there
 * are fewer reviewers than slots on a sample.
 */
export function assignReviewers(input: AssignInput): Map<string, string[]> {
  const load = new Map<string, number>(input.reviewerIds.map((id) => [id, 0]));
  for (const reviewers of input.kept?.values() ?? []) {
    for (const id of reviewers) if (load.has(id)) load.set(id, (load.get(id) ?? 0) + 1);
  }
  const rank = new Map(input.reviewerIds.map((id, index) => [id, index]));
  const result = new Map<string, string[]>();
  for (const sampleId of input.sampleIds) {
    const chosen = [...(input.kept?.get(sampleId) ?? [])];
    const before = new Set(input.previous?.get(sampleId) ?? []);
    while (chosen.length < input.perSample) {
      let best: string | undefined;
      for (const id of input.reviewerIds) {
        if (chosen.includes(id)) continue;
        if (best === undefined || better(id, best)) best = id;
      }
      if (best === undefined) {
        throw new Error(
          `Sample ${sampleId} needs ${input.perSample} different reviewers; only ${input.reviewerIds.length} given.`,
        );
      }
      chosen.push(best);
      load.set(best, (load.get(best) ?? 0) + 1);
    }
    result.set(sampleId, chosen);

    function better(candidate: string, current: string): boolean {
      const byLoad = (load.get(candidate) ?? 0) - (load.get(current) ?? 0);
      if (byLoad !== 0) return byLoad < 0;
      const byPrevious = Number(before.has(current)) - Number(before.has(candidate));
      if (byPrevious !== 0) return byPrevious < 0;
      return (rank.get(candidate) ?? 0) < (rank.get(current) ?? 0);
    }
  }
  return result;
}
