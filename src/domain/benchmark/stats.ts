import type {
  BenchmarkSample,
  DataSource,
  GroundingType,
  TargetDx,
} from '../../schemas/benchmark-sample';
import { DATA_SOURCES, GROUNDING_TYPES, TARGET_DX } from '../../schemas/benchmark-sample';

/** Samples in one data_source x target_dx x dx_label x path_idx cell. */
export interface StatsCell {
  readonly data_source: DataSource;
  readonly target_dx: TargetDx;
  readonly dx_label: boolean;
  readonly path_idx: number;
  readonly count: number;
}

/** Counts over a set of samples (what `ecg-workbench stats` prints). */
export interface BenchmarkStats {
  readonly samples: number;
  /** Non-empty cells, ordered by data source, diagnosis (docs' order), label (true first), path. */
  readonly cells: readonly StatsCell[];
  /** Reasoning steps per sample: how many samples have n steps, keyed by n; min, max, mean. */
  readonly stepsPerSample: {
    readonly histogram: Readonly<Record<string, number>>;
    readonly min: number | null;
    readonly max: number | null;
    readonly mean: number | null;
  };
  /** Grounding questions by question_type, over all steps of all samples. */
  readonly groundingByType: Readonly<Record<GroundingType, number>> & { readonly total: number };
}

/** Accumulates stats one sample at a time (bounded memory: one counter per cell). */
export class StatsAccumulator {
  private samples = 0;
  private readonly cells = new Map<string, { key: Omit<StatsCell, 'count'>; count: number }>();
  private readonly steps = new Map<number, number>();
  private stepsTotal = 0;
  private readonly grounding: Record<GroundingType, number> = {
    lead_grounding: 0,
    wave_grounding: 0,
    measurement_grounding: 0,
  };

  /** Counts one sample (either answer shape). */
  add(sample: BenchmarkSample): void {
    const { data_source, target_dx, dx_label, path_idx } = sample.metadata;
    const cellKey = `${data_source}\u0000${target_dx}\u0000${String(dx_label)}\u0000${path_idx}`;
    const cell = this.cells.get(cellKey);
    if (cell) cell.count++;
    else this.cells.set(cellKey, { key: { data_source, target_dx, dx_label, path_idx }, count: 1 });
    this.samples++;
    const stepCount = sample.data.reasoning.length;
    this.steps.set(stepCount, (this.steps.get(stepCount) ?? 0) + 1);
    this.stepsTotal += stepCount;
    for (const step of sample.data.reasoning) {
      for (const question of step.ecg_grounding) this.grounding[question.question_type]++;
    }
  }

  /** The counts so far. */
  result(): BenchmarkStats {
    const cells = [...this.cells.values()]
      .map(({ key, count }) => ({ ...key, count }))
      .sort(compareCells);
    const stepCounts = [...this.steps.keys()].sort((a, b) => a - b);
    const histogram: Record<string, number> = {};
    for (const n of stepCounts) histogram[String(n)] = this.steps.get(n)!;
    let total = 0;
    for (const type of GROUNDING_TYPES) total += this.grounding[type];
    return {
      samples: this.samples,
      cells,
      stepsPerSample: {
        histogram,
        min: stepCounts[0] ?? null,
        max: stepCounts[stepCounts.length - 1] ?? null,
        mean: this.samples === 0 ? null : this.stepsTotal / this.samples,
      },
      groundingByType: { ...this.grounding, total },
    };
  }
}

function compareCells(a: StatsCell, b: StatsCell): number {
  return (
    DATA_SOURCES.indexOf(a.data_source) - DATA_SOURCES.indexOf(b.data_source) ||
    TARGET_DX.indexOf(a.target_dx) - TARGET_DX.indexOf(b.target_dx) ||
    Number(b.dx_label) - Number(a.dx_label) ||
    a.path_idx - b.path_idx
  );
}

/** Stats over a list of samples. */
export function computeStats(samples: Iterable<BenchmarkSample>): BenchmarkStats {
  const accumulator = new StatsAccumulator();
  for (const sample of samples) accumulator.add(sample);
  return accumulator.result();
}
