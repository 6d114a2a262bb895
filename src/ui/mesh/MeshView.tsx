/** Placeholder until the flow mesh view lands. */
export function MeshView() {
  return <p className="view-placeholder">The flow mesh view is being built.</p>;
}
