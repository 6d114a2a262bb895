import { trainSession, type TrainSession } from '../../state/trainSession';

/**
 * Calls `draw` now, and then at most once per animation frame whenever `select` of the train
 * session changes (by identity): messages can arrive faster than frames, and most of them
 * (loss chunks) leave the snapshot views as they are. `delay` extra frames let several views
 * that change together draw in different frames, so no one frame's task grows long.
 * Returns the unsubscribe function.
 */
export function drawOnChange(
  select: (s: TrainSession) => unknown,
  draw: (s: TrainSession) => void,
  delay = 0,
): () => void {
  let frame = 0;
  let drawn = select(trainSession);
  const unsubscribe = trainSession.subscribe(() => {
    if (frame || select(trainSession) === drawn) return;
    let wait = delay;
    const tick = () => {
      if (wait-- > 0) {
        frame = requestAnimationFrame(tick);
        return;
      }
      frame = 0;
      drawn = select(trainSession);
      draw(trainSession);
    };
    frame = requestAnimationFrame(tick);
  });
  draw(trainSession);
  return () => {
    unsubscribe();
    cancelAnimationFrame(frame);
  };
}
