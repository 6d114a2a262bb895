import type { ReactNode } from 'react';
import type { FigureProps } from './figureProps';
import { FigureFrame } from './FigureFrame';
import type { FigureRun } from './useFigureRun';

/**
 * A course figure whose strip is a "Reverse step" slider over the run's frames 0..last and a
 * readout `step s / total`, then `detail` (the step's σ or t); the rest is FigureFrame's.
 */
export function FigureStepSlider({
  figure,
  run,
  plotsRef,
  kind,
  legend,
  last,
  step,
  total,
  detail,
  onStep,
  children,
}: {
  figure: FigureProps;
  run: FigureRun;
  plotsRef: React.RefObject<HTMLDivElement | null>;
  kind: string;
  legend: readonly (readonly [key: string, label: string])[];
  /** The last frame's index (-1 before the first frame). */
  last: number;
  /** The shown frame's index. */
  step: number;
  /** The run's step count. */
  total: number;
  detail?: ReactNode;
  onStep: (step: number) => void;
  children: ReactNode;
}) {
  const controls = (
    <>
      <input
        type="range"
        min={0}
        max={Math.max(0, last)}
        value={step}
        disabled={last < 1}
        aria-label="Reverse step"
        onChange={(e) => onStep(Number(e.target.value))}
      />
      <span className="playback-readout">
        step {step} / {total}
        {detail}
      </span>
    </>
  );
  return (
    <FigureFrame
      chapter={figure.chapter}
      spec={figure.spec}
      question={figure.question}
      present={figure.present}
      run={run}
      plotsRef={plotsRef}
      kind={kind}
      step={step}
      frames={last + 1}
      legend={legend}
      controls={controls}
    >
      {children}
    </FigureFrame>
  );
}
