import { useId, useState } from 'react';
import type { PredictQuestionSpec } from '../../state/course';

/**
 * "Predict, then run": the reader picks an answer and commits to it; the figure above then runs,
 * and once its run is done the answer and its explanation are revealed.
 */
export function PredictQuestion({
  question,
  chapter,
  chosen,
  onPredict,
  revealed,
}: {
  question: PredictQuestionSpec;
  chapter: string;
  chosen: number | null;
  onPredict(choice: number): void;
  revealed: boolean;
}) {
  const [pick, setPick] = useState<number | null>(null);
  const name = useId();
  const locked = chosen !== null;
  const right = chosen === question.answer;
  return (
    <section className="predict" aria-label="Predict, then run" data-testid={`predict-${chapter}`}>
      <fieldset disabled={locked}>
        <legend>
          <strong>Predict, then run.</strong> {question.prompt}
        </legend>
        {question.choices.map((c, i) => (
          <label key={c} className="predict-choice">
            <input
              type="radio"
              name={name}
              value={i}
              checked={(locked ? chosen : pick) === i}
              onChange={() => setPick(i)}
              data-testid={`predict-choice-${i}`}
            />
            {c}
          </label>
        ))}
        <button
          type="button"
          disabled={pick === null}
          onClick={() => pick !== null && onPredict(pick)}
          data-testid="predict-run"
        >
          Lock it in and run the figure
        </button>
      </fieldset>
      {locked && !revealed && (
        <p className="predict-wait" role="status">
          Running the figure… the answer appears when it is done.
        </p>
      )}
      {revealed && (
        <div
          className={`predict-answer ${right ? 'right' : 'wrong'}`}
          role="status"
          data-testid="predict-answer"
          data-correct={right}
        >
          <p>
            <strong>{right ? 'Right.' : 'Not quite.'}</strong> The answer:{' '}
            {question.choices[question.answer]}.
          </p>
          <p>{question.explanation}</p>
        </div>
      )}
    </section>
  );
}
