/**
 * Generates model answer files from real benchmark samples: a seeded mix of right, wrong and
 * oddly formatted replies, each question's verdict known by construction (so tests can compute
 * the expected metrics without the matcher).
 */
import { createPrng, type Prng } from '../domain/synth/prng';

/** A benchmark sample or answer file as plain JSON (either answer shape). */
type Json = Record<string, unknown>;
interface Question {
  question: string;
  options: string[];
  answer: string | string[];
  answer_idx?: number | number[];
  question_type: string;
  model_response?: string | null;
  options_restricted?: string[];
}

/** What a generated reply will score: known when it is written. */
export interface LoopVerdicts {
  readonly criterion: boolean;
  readonly finding: boolean;
  readonly grounding: readonly { readonly stage: string; readonly correct: boolean }[];
  readonly decision: boolean;
  readonly decisionIsFurther: boolean;
  /** The decision reply reads as the dx_label word (yes for true, no for false). */
  readonly decisionSaysDx: boolean;
}

/** Verdicts of a default-protocol file. */
export interface DefaultVerdicts {
  readonly mode: 'default';
  readonly idq: boolean;
  readonly loops: readonly LoopVerdicts[];
}

/** Verdicts of a forced-commit file: null where no reply was written. */
export interface ForcedVerdicts {
  readonly mode: 'forced-commit';
  readonly idq: boolean | null;
  readonly decisions: readonly (boolean | null)[];
}

/** One generated answer file. */
export interface GeneratedAnswer {
  readonly value: Json;
  readonly verdicts: DefaultVerdicts | ForcedVerdicts;
}

/** How a model answers: the share of right replies, and whether to write the list shape. */
export interface ModelStyle {
  readonly seed: number;
  readonly rightRate: number;
  readonly mode: 'default' | 'forced-commit';
  /** Write wave/measurement answers as one-element lists (the repository's releases). */
  readonly listShape?: boolean;
  /** Forced-commit: share of questions left without a reply. */
  readonly missingRate?: number;
  /** metadata.model to write. */
  readonly model: string;
}

const pick = <T>(rng: Prng, items: readonly T[]): T =>
  items[Math.floor(rng.uniform() * items.length)]!;
const FURTHER = 'Further findings are required to confirm the diagnosis';

function yesNoReply(rng: Prng, word: 'Yes' | 'No', right: boolean): string {
  const said: 'Yes' | 'No' = right ? word : word === 'Yes' ? 'No' : 'Yes';
  const low = said.toLowerCase();
  const forms = [said, `${said}.`, ` ${low} `, `**${said}**`, `The answer is ${low}`];
  if (said === 'No') forms.push('None', 'Normal');
  // An unreadable reply is wrong whatever the answer.
  if (!right && rng.uniform() < 0.2) return pick(rng, ['Maybe', 'I cannot tell']);
  return pick(rng, forms);
}

function otherOption(options: readonly string[], answer: string): string | null {
  const others = options.filter((o) => o.toLowerCase() !== answer.toLowerCase());
  return others[0] ?? null;
}

function criterionReply(rng: Prng, q: Question, right: boolean): [string, boolean] {
  const a = q.answer as string;
  if (right) return [pick(rng, [a, a.toLowerCase(), `- ${a}`, `  ${a}\n`]), true];
  const other = otherOption(q.options, a);
  const wrong = [`${a}.`, `The answer is: ${a}`];
  if (other) wrong.push(other);
  return [pick(rng, wrong), false];
}

const bare = (lead: string) => lead.replace(/^Lead /, '');

function leadReply(rng: Prng, q: Question, right: boolean): [string, boolean] {
  const answer = q.answer as string[];
  if (right) {
    const names = answer.map(bare);
    const forms = [answer.join(', '), names.join(', '), names.join('/')];
    if (names.length > 1)
      forms.push(`Leads ${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);
    else forms.push(`Lead ${names[0]}`);
    return [pick(rng, forms), true];
  }
  const extra = q.options.find((o) => !answer.includes(o));
  const wrong: string[] = [];
  if (extra) wrong.push([...answer, extra].join(', '), extra);
  if (answer.length > 1) wrong.push(answer.slice(1).join(', '));
  if (wrong.length === 0) return [pick(rng, [answer.join(', ')]), true];
  return [pick(rng, wrong), false];
}

const single = (answer: string | string[]) => (typeof answer === 'string' ? answer : answer[0]!);

function waveReply(rng: Prng, q: Question, right: boolean): [string, boolean] {
  const a = single(q.answer);
  if (right) return [pick(rng, [a, a.toUpperCase(), ` ${a} `]), true];
  const wrong = [a.slice(1, -1)];
  const other = otherOption(q.options, a);
  if (other) wrong.push(other);
  return [pick(rng, wrong), false];
}

function measurementReply(rng: Prng, q: Question, right: boolean): [string, boolean] {
  const a = single(q.answer);
  const isRange = a.startsWith('[');
  if (right) return [pick(rng, isRange ? [a, a.slice(1, -1), a.toLowerCase()] : [a]), true];
  const wrong = [`${a} because it is what I measured`];
  const other = otherOption(q.options, a);
  if (other) wrong.push(other);
  const spaced = a.replace(/(\d)([a-zA-Z])/g, '$1 $2');
  if (isRange && spaced !== a) wrong.push(spaced.slice(1, -1));
  return [pick(rng, wrong), false];
}

function decisionReply(
  rng: Prng,
  q: Question,
  right: boolean,
  dxLabel: boolean,
): [string, boolean, boolean] {
  const a = q.answer as string;
  const dxWord = dxLabel ? 'yes' : 'no';
  if (right) {
    const reply =
      a === FURTHER ? pick(rng, [a, `${a}.`, a.toLowerCase()]) : yesNoReply(rng, a as 'Yes', true);
    return [reply, true, a.toLowerCase() === dxWord];
  }
  if (a === FURTHER) {
    const reply = pick(rng, ['Yes', 'No.', 'Unsure']);
    return [reply, false, reply.toLowerCase().replace('.', '') === dxWord];
  }
  const reply = pick(rng, [a === 'Yes' ? 'No' : 'Yes', FURTHER]);
  return [reply, false, reply.toLowerCase() === dxWord];
}

function toListShape(g: Question): void {
  if (g.question_type === 'lead_grounding' || Array.isArray(g.answer)) return;
  g.answer = [g.answer];
  g.answer_idx = [g.answer_idx as number];
}

/** Answers one benchmark sample (parsed JSON) as the model style says; the sample is not changed. */
export function generateAnswer(sample: Json, style: ModelStyle, rng: Prng): GeneratedAnswer {
  const value = structuredClone(sample) as {
    metadata: Json & { dx_label: boolean };
    data: {
      initial_diagnostic_question: Question;
      reasoning: Record<string, Question & Question[]>[];
    };
  };
  const dxLabel = value.metadata.dx_label;
  const right = () => rng.uniform() < style.rightRate;
  value.metadata['model'] = style.model;
  const idq = value.data.initial_diagnostic_question;
  const idqRight = right();
  const steps = value.data.reasoning as unknown as {
    criterion_selection: Question;
    finding_identification: Question;
    ecg_grounding: Question[];
    diagnostic_decision: Question;
  }[];

  if (style.mode === 'forced-commit') {
    value.metadata['inference_mode'] = 'forced-commit';
    const missing = () => rng.uniform() < (style.missingRate ?? 0);
    let idqVerdict: boolean | null = idqRight;
    if (missing()) idqVerdict = null;
    else idq.model_response = yesNoReply(rng, dxLabel ? 'Yes' : 'No', idqRight);
    const decisions = steps.map((step) => {
      step.diagnostic_decision.options_restricted = ['Yes', 'No'];
      if (missing()) return null;
      const ok = right();
      step.diagnostic_decision.model_response = yesNoReply(rng, dxLabel ? 'Yes' : 'No', ok);
      return ok;
    });
    return { value, verdicts: { mode: 'forced-commit', idq: idqVerdict, decisions } };
  }

  idq.model_response = yesNoReply(rng, dxLabel ? 'Yes' : 'No', idqRight);
  const loops = steps.map((step): LoopVerdicts => {
    const [criterion, cOk] = criterionReply(rng, step.criterion_selection, right());
    step.criterion_selection.model_response = criterion;
    const findingRight = right();
    step.finding_identification.model_response = yesNoReply(
      rng,
      step.finding_identification.answer as 'Yes',
      findingRight,
    );
    const grounding = step.ecg_grounding.map((g) => {
      if (style.listShape) toListShape(g);
      const [reply, ok] =
        g.question_type === 'lead_grounding'
          ? leadReply(rng, g, right())
          : g.question_type === 'wave_grounding'
            ? waveReply(rng, g, right())
            : measurementReply(rng, g, right());
      g.model_response = reply;
      return { stage: g.question_type, correct: ok };
    });
    const [decision, dOk, saysDx] = decisionReply(rng, step.diagnostic_decision, right(), dxLabel);
    step.diagnostic_decision.model_response = decision;
    return {
      criterion: cOk,
      finding: findingRight,
      grounding,
      decision: dOk,
      decisionIsFurther: step.diagnostic_decision.answer === FURTHER,
      decisionSaysDx: saysDx,
    };
  });
  return { value, verdicts: { mode: 'default', idq: idqRight, loops } };
}

/** Answers every sample with one model style (one seeded stream per model). */
export function generateAnswers(samples: readonly Json[], style: ModelStyle): GeneratedAnswer[] {
  const rng = createPrng(style.seed);
  return samples.map((s) => generateAnswer(s, style, rng));
}
