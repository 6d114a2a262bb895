import { trainSession, type TrainSession } from '../../state/trainSession';

/**
 * Calls `draw` now, and then at most once per animation frame whenever `select` of the train
 * session changes (by identity): messages can arrive faster than frames, and most of them
 * (loss chunks) leave the snapshot views as they are. `delay` extra frames let several views
 * that change together draw in different frames, so no one frame's task grows long. The worker
 * rests until every scheduled draw is made (TrainSession.willDraw). Returns the unsubscribe
 * function.
 */
export function drawOnChange(
  select: (s: TrainSession) => unknown,
  draw: (s: TrainSession) => void,
  delay = 0,
): () => void {
  let frame = 0;
  let made = () => {};
  let drawn = select(trainSession);
  const unsubscribe = trainSession.subscribe(() => {
    if (frame || select(trainSession) === drawn) return;
    // A hidden page has no frames: the worker's wait for it times out instead.
    if (!document.hidden) made = trainSession.willDraw();
    let wait = delay;
    const tick = () => {
      if (wait-- > 0) {
        frame = requestAnimationFrame(tick);
        return;
      }
      frame = 0;
      drawn = select(trainSession);
      draw(trainSession);
      made();
    };
    frame = requestAnimationFrame(tick);
  });
  draw(trainSession);
  return () => {
    unsubscribe();
    cancelAnimationFrame(frame);
    made();
  };
}
