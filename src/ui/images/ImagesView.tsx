/** Placeholder until the images view lands. */
export function ImagesView() {
  return <p className="view-placeholder">The images view is being built.</p>;
}
