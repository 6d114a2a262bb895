/**
 * The train view's lesson preset, a link like every preset: a fixed number of steps from a fixed
 * seed on the WASM backend, so the same link gives the same network (loss by loss) each time.
 */
export const TRAIN_LESSON = {
  id: 'train-swissroll',
  title: 'Train a swiss roll in one minute',
  text:
    'A 64-wide, 3-layer MLP learns the swiss roll with the ε-prediction loss and pauses after ' +
    '3000 steps. Watch the error chart: the error at large t falls first, the fine structure at ' +
    'small t last.',
  hash:
    '#view=train&backend=wasm&dataset=swissroll&tobj=eps&tsched=linear&twidth=64&tdepth=3' +
    '&temb=sinusoidal&tlr=0.002&tbatch=256&tema=0.995&tseed=0&tstop=3000&tauto=1',
} as const;
