import type { Evaluation } from '../../../../shared/contract/evaluation';
import { HeadlineFigure } from './HeadlineFigure';
import { headline, percentText } from './figures';

/**
 * A split's headline figures: accuracy and macro-F1 with intervals and n, ECE, how many leaky
 * test images were left out, and, when some labels were set in views of the model's
 * predictions, the accuracy without them.
 */
export function SplitHeadline({ evaluation, title, note }: { evaluation: Evaluation | null; title: string; note: string | null }) {
  if (!evaluation) {
    return (
      <div className="split-headline">
        <h3>{title}</h3>
        <p className="muted">{note}</p>
      </div>
    );
  }
  const { split, count, chosenByModel: chosen } = evaluation;
  return (
    <div className="split-headline" aria-label={`${title} figures`}>
      <h3>{title}</h3>
      <div className="headline-row">
        <HeadlineFigure label="Accuracy" split={split} figure={headline(`${title} accuracy`, split, evaluation.accuracy, count)} />
        <HeadlineFigure label="Macro-F1" split={split} figure={headline(`${title} macro-F1`, split, evaluation.macroF1, count)} />
        <div className="headline-figure small-figure" title="Expected calibration error over 10 confidence bins: how far the model's confidence is from its accuracy">
          <span className="headline-label">ECE</span>
          <span className="headline-value">{evaluation.ece === null ? '—' : evaluation.ece.toFixed(3)}</span>
        </div>
      </div>
      {evaluation.macroF1 && evaluation.macroF1.classes < evaluation.perClass.length && (
        <p className="faint">Macro-F1 averages the {evaluation.macroF1.classes} classes that have {split} labels.</p>
      )}
      {evaluation.leakyExcluded ? (
        <p className="faint" role="note">
          {evaluation.leakyExcluded} labeled test image{evaluation.leakyExcluded === 1 ? ' is' : 's are'} left out: a near-copy sits in train or val (Data tab, duplicate groups), so the model has in effect seen {evaluation.leakyExcluded === 1 ? 'it' : 'them'}.
        </p>
      ) : null}
      {chosen.count > 0 && (
        <p className="warn-text" role="note">
          {chosen.count} of these {count} labels were set in views of the model’s predictions (drill-down, failure cases, gallery by confidence, suspected-label review): picked because the model disagreed, they flatter it once fixed. Without them: accuracy{' '}
          {percentText(chosen.accuracyWithout?.value)} (n = {chosen.countWithout}).
        </p>
      )}
    </div>
  );
}
