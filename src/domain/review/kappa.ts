/**
 * Cohen's kappa for two reviewers' pass/flag verdicts on the same items, with the counts behind
 * it, so a reader can check the figure by hand.
 */

/** One reviewer's verdict on one item. */
export type Rating = 'pass' | 'flag';

/** The 2x2 table: first reviewer's verdict, then the second's. */
export interface AgreementTable {
  readonly passPass: number;
  readonly passFlag: number;
  readonly flagPass: number;
  readonly flagFlag: number;
}

/** Kappa with its counts; kappa is null (with the reason) when it is undefined. */
export interface KappaResult {
  /** Items both reviewers rated. */
  readonly n: number;
  readonly table: AgreementTable;
  /** Share of items with the same verdict (null when n = 0). */
  readonly observedAgreement: number | null;
  /** Agreement expected by chance from each reviewer's own flag rate (null when n = 0). */
  readonly expectedAgreement: number | null;
  readonly kappa: number | null;
  /** Why kappa is null, in words; null when kappa is a number. */
  readonly undefinedReason: string | null;
}

/** An empty 2x2 table. */
export const EMPTY_TABLE: AgreementTable = { passPass: 0, passFlag: 0, flagPass: 0, flagFlag: 0 };

/** The table with one more pair of ratings (first reviewer, second reviewer). */
export function addPair(table: AgreementTable, first: Rating, second: Rating): AgreementTable {
  if (first === 'pass') {
    return second === 'pass'
      ? { ...table, passPass: table.passPass + 1 }
      : { ...table, passFlag: table.passFlag + 1 };
  }
  return second === 'pass'
    ? { ...table, flagPass: table.flagPass + 1 }
    : { ...table, flagFlag: table.flagFlag + 1 };
}

/** The 2x2 table of a list of rating pairs. */
export function tallyPairs(pairs: Iterable<readonly [Rating, Rating]>): AgreementTable {
  let table = EMPTY_TABLE;
  for (const [first, second] of pairs) table = addPair(table, first, second);
  return table;
}

/**
 * Cohen's kappa = (po - pe) / (1 - pe), where po is the observed agreement and pe the agreement
 * expected from the two reviewers' marginal rates. Undefined (null, with the reason) when no item
 * was rated by both, or when pe = 1: both gave one and the same verdict to every item, so
 * chance alone explains the agreement and the ratio is 0/0.
 */
export function cohensKappa(table: AgreementTable): KappaResult {
  const n = table.passPass + table.passFlag + table.flagPass + table.flagFlag;
  if (n === 0) {
    return {
      n,
      table,
      observedAgreement: null,
      expectedAgreement: null,
      kappa: null,
      undefinedReason: 'no item was rated by both reviewers',
    };
  }
  const observed = (table.passPass + table.flagFlag) / n;
  const firstPass = (table.passPass + table.passFlag) / n;
  const secondPass = (table.passPass + table.flagPass) / n;
  const expected = firstPass * secondPass + (1 - firstPass) * (1 - secondPass);
  // pe is 1 exactly when every item sits in one diagonal cell; compare counts, not floats.
  if (table.passPass === n || table.flagFlag === n) {
    const verdict = table.passPass === n ? 'pass' : 'flag';
    return {
      n,
      table,
      observedAgreement: observed,
      expectedAgreement: 1,
      kappa: null,
      undefinedReason: `expected agreement is 1: both reviewers said "${verdict}" to all ${n} items, so kappa is undefined (0/0)`,
    };
  }
  return {
    n,
    table,
    observedAgreement: observed,
    expectedAgreement: expected,
    kappa: (observed - expected) / (1 - expected),
    undefinedReason: null,
  };
}
