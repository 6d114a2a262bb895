/** A progress bar with a short label, shown while a run is computing. */
export function RunProgress({ value, max, label }: { value: number; max: number; label: string }) {
  return (
    <div className="progress-line" data-testid="run-progress">
      <progress max={max} value={value} aria-label={label} /> {label}: {value} / {max}
    </div>
  );
}
