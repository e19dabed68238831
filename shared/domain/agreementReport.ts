import { classAlpha, cohensKappa, confusionBetween, krippendorffAlpha } from './agreement';
import type { Answer, LabelBook } from './labelJournal';

/** Below this many items a figure is shown muted: it says little yet. */
export const agreementMinItems = 10;

export interface PairAgreement {
  a: string;
  b: string;
  items: number;
  kappa: number | null;
  observed: number | null;
  /** rows: a's class, columns: b's class, in the report's `classIds` order. */
  confusion: number[][];
}

export interface ModelAgreement {
  annotator: string;
  /** This person's answers the model did not learn from. */
  items: number;
  /** Share of those where the model's top class is the person's. */
  agreement: number | null;
  kappa: number | null;
}

/**
 * How far the team agrees: Krippendorff's alpha over every item two or more people
 * answered independently (overlap samples and conflicts), per class (that class against
 * the rest), Cohen's kappa and the confusion matrix per pair of people, and each person
 * against the latest model on answers it did not learn from.
 */
export interface AgreementReport {
  classIds: string[];
  /** Items with two or more independent answers. */
  items: number;
  alpha: number | null;
  perClass: { classId: string; items: number; alpha: number | null }[];
  pairs: PairAgreement[];
  model: { runId: string | null; people: ModelAgreement[] };
  minItems: number;
}

export interface AgreementModel {
  runId: string;
  /** The model's top class for a sample (null: not scored). */
  predicted(sampleId: string): string | null;
  /** Whether the model trained on this answer (it then agrees by construction). */
  learnedFrom(sampleId: string, answer: Answer): boolean;
}

export function agreementReport(book: LabelBook, classIds: readonly string[], model: AgreementModel | null): AgreementReport {
  const known = new Set(classIds);
  const units: { sampleId: string; answers: Answer[] }[] = [];
  const everyAnswer: { sampleId: string; answer: Answer }[] = [];
  for (const sampleId of book.decidedSampleIds()) {
    const answers = book.answersOf(sampleId).filter((a) => a.classId !== null && known.has(a.classId));
    for (const answer of answers) everyAnswer.push({ sampleId, answer });
    const independent = answers.filter((a) => a.independent);
    if (independent.length >= 2) units.push({ sampleId, answers: independent });
  }
  const values = units.map((u) => u.answers.map((a) => a.classId!));
  const overall = krippendorffAlpha(values);
  return {
    classIds: [...classIds],
    items: overall.items,
    alpha: overall.alpha,
    perClass: classIds.map((classId) => {
      const { items, alpha } = classAlpha(values, classId);
      return { classId, items, alpha };
    }),
    pairs: pairAgreements(units, classIds),
    model: { runId: model?.runId ?? null, people: model ? modelAgreements(everyAnswer, model) : [] },
    minItems: agreementMinItems,
  };
}

function pairAgreements(units: readonly { answers: Answer[] }[], classIds: readonly string[]): PairAgreement[] {
  const byPair = new Map<string, { a: string; b: string; pairs: [string, string][] }>();
  for (const unit of units) {
    const sorted = [...unit.answers].sort((x, y) => x.annotator.localeCompare(y.annotator));
    for (let i = 0; i < sorted.length; i++) {
      for (let j = i + 1; j < sorted.length; j++) {
        const key = `${sorted[i].annotator}\u0000${sorted[j].annotator}`;
        const entry = byPair.get(key) ?? { a: sorted[i].annotator, b: sorted[j].annotator, pairs: [] };
        entry.pairs.push([sorted[i].classId!, sorted[j].classId!]);
        byPair.set(key, entry);
      }
    }
  }
  return [...byPair.values()]
    .map(({ a, b, pairs }) => ({ a, b, ...cohensKappa(pairs), confusion: confusionBetween(pairs, classIds) }))
    .sort((x, y) => y.items - x.items || x.a.localeCompare(y.a) || x.b.localeCompare(y.b));
}

function modelAgreements(answers: readonly { sampleId: string; answer: Answer }[], model: AgreementModel): ModelAgreement[] {
  const byPerson = new Map<string, [string, string][]>();
  for (const { sampleId, answer } of answers) {
    const predicted = model.predicted(sampleId);
    if (predicted === null || model.learnedFrom(sampleId, answer)) continue;
    byPerson.set(answer.annotator, [...(byPerson.get(answer.annotator) ?? []), [answer.classId!, predicted]]);
  }
  return [...byPerson]
    .map(([annotator, pairs]) => {
      const { kappa, observed, items } = cohensKappa(pairs);
      return { annotator, items, agreement: observed, kappa };
    })
    .sort((x, y) => y.items - x.items || x.annotator.localeCompare(y.annotator));
}
