/** Placeholder until the schedules view lands. */
export function ScheduleInspector() {
  return <p className="view-placeholder">The schedules view is being built.</p>;
}
