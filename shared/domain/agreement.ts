/**
 * Inter-annotator agreement, nominal categories. Pure functions over answers; values are
 * class ids (any strings). Both statistics are chance-corrected: 1 is perfect agreement,
 * 0 what chance alone would give, negative worse than chance; null when undefined (no
 * items, or every answer the same class so chance already explains it all).
 */

export interface KappaResult {
  kappa: number | null;
  /** Share of items both gave the same class. */
  observed: number | null;
  /** Items both annotators answered. */
  items: number;
}

/** Cohen's kappa for two annotators over the items both answered: [a's class, b's class] per item. */
export function cohensKappa(pairs: readonly (readonly [string, string])[]): KappaResult {
  const n = pairs.length;
  if (n === 0) return { kappa: null, observed: null, items: 0 };
  const a = new Map<string, number>();
  const b = new Map<string, number>();
  let agree = 0;
  for (const [x, y] of pairs) {
    if (x === y) agree += 1;
    a.set(x, (a.get(x) ?? 0) + 1);
    b.set(y, (b.get(y) ?? 0) + 1);
  }
  const observed = agree / n;
  let expected = 0;
  for (const [c, count] of a) expected += (count / n) * ((b.get(c) ?? 0) / n);
  return { kappa: expected === 1 ? null : (observed - expected) / (1 - expected), observed, items: n };
}

export interface AlphaResult {
  alpha: number | null;
  /** Units (items) with at least two answers: the only ones alpha can use. */
  items: number;
  /** Pairable values: answers on those items. */
  values: number;
}

/**
 * Krippendorff's alpha, nominal metric, for any number of annotators and missing answers.
 * `units` holds each item's answers (one per annotator who answered it); items with fewer
 * than two answers are left out. α = 1 − (n − 1) · Σ_{c≠k} o_ck / Σ_{c≠k} n_c·n_k, where
 * o is the coincidence matrix and n_c its marginals (Krippendorff 2011).
 */
export function krippendorffAlpha(units: readonly (readonly string[])[]): AlphaResult {
  const pairable = units.filter((u) => u.length >= 2);
  const marginals = new Map<string, number>();
  let disagreeing = 0;
  for (const unit of pairable) {
    const counts = new Map<string, number>();
    for (const value of unit) counts.set(value, (counts.get(value) ?? 0) + 1);
    const m = unit.length;
    // Σ_{c≠k} o_ck for this unit: ordered pairs of differing values, each weighted 1/(m−1).
    let same = 0;
    for (const count of counts.values()) same += count * (count - 1);
    disagreeing += (m * (m - 1) - same) / (m - 1);
    for (const [value, count] of counts) marginals.set(value, (marginals.get(value) ?? 0) + count);
  }
  let n = 0;
  let sameExpected = 0;
  for (const count of marginals.values()) {
    n += count;
    sameExpected += count * count;
  }
  const expectedDisagreeing = n * n - sameExpected; // Σ_{c≠k} n_c·n_k
  const alpha = n < 2 || expectedDisagreeing === 0 ? null : 1 - ((n - 1) * disagreeing) / expectedDisagreeing;
  return { alpha, items: pairable.length, values: n };
}

/** Alpha for one class against all others (each answer becomes "this class" or "another"). */
export function classAlpha(units: readonly (readonly string[])[], classId: string): AlphaResult & { classId: string } {
  const involved = units.filter((u) => u.length >= 2 && u.includes(classId));
  const binary = units.filter((u) => u.length >= 2).map((u) => u.map((v) => (v === classId ? 'yes' : 'no')));
  return { ...krippendorffAlpha(binary), items: involved.length, classId };
}

/** rows: a's class, columns: b's class, both in `classIds` order; answers outside it are left out. */
export function confusionBetween(pairs: readonly (readonly [string, string])[], classIds: readonly string[]): number[][] {
  const index = new Map(classIds.map((id, i) => [id, i]));
  const matrix = classIds.map(() => classIds.map(() => 0));
  for (const [x, y] of pairs) {
    const i = index.get(x);
    const j = index.get(y);
    if (i !== undefined && j !== undefined) matrix[i][j] += 1;
  }
  return matrix;
}
