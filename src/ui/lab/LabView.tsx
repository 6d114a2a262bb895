/** Placeholder until the sampler lab view lands. */
export function LabView() {
  return <p className="view-placeholder">The sampler lab view is being built.</p>;
}
