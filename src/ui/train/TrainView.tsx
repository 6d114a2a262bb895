/** Placeholder until the train view lands. */
export function TrainView() {
  return <p className="view-placeholder">The train view is being built.</p>;
}
