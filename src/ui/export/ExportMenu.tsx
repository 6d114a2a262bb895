import { useState, type RefObject } from 'react';
import { useCustomData } from '../../state/customData';
import {
  particlesCsv,
  particlesJson,
  trajectoriesCsv,
  trajectoriesJson,
  type ExportLane,
} from '../../state/exportData';
import type { FrameBuffer, Particles } from '../../state/frames';
import { sceneFromParams } from '../../state/scene';
import { useStore } from '../../state/store';
import { figureCanvas, figureSvg } from '../../viz/figureExport';
import { createGifWriter } from '../../viz/gif';
import { useHidden } from '../useHidden';
import { canvasBlob, copyText, download } from './download';

/** At most this many GIF frames (longer runs take every k-th step). */
const MAX_GIF_FRAMES = 100;
/** GIF width in pixels at most. */
const GIF_WIDTH = 560;
const BASE_FPS = 12;

export interface ExportMenuProps {
  /** The element whose canvases and SVGs make up the figure. */
  figure: RefObject<HTMLElement | null>;
  /** The runs shown: [main] or [main, comparison]. */
  lanes: readonly { frames: FrameBuffer<Particles>; which: 1 | 2 }[];
  /** Whether the view plays back steps (trajectories and GIF make sense). */
  playback: boolean;
}

const text = (s: string, type: string) => new Blob([s], { type });

/** Export: figure as PNG / SVG, particles and trajectories as CSV / JSON, playback as GIF, the link. */
export function ExportMenu({ figure, lanes, playback }: ExportMenuProps) {
  const hidden = useHidden();
  const [status, setStatus] = useState('');
  const [gifProgress, setGifProgress] = useState<number | null>(null);
  if (hidden('export')) return null;

  const state = () => useStore.getState();
  const view = () => state().params.view;
  const step = () => Math.min(state().playback.step, Math.max(0, lanes[0].frames.count - 1));
  const exportLanes = (): ExportLane[] =>
    lanes.map(({ frames, which }) => {
      const { settings } = sceneFromParams(state().params, which);
      return { frames, sampler: settings.sampler, samplerParams: settings.samplerParams };
    });
  const header = () => {
    const p = state().params;
    const { settings } = sceneFromParams(p, 1);
    const custom = p.dataset === 'custom' ? Array.from(useCustomData.getState().points) : null;
    return {
      settings: {
        ...settings,
        model: custom ? 'exact' : p.model,
        ...(view() === 'forward' ? { t: p.t } : {}),
        ...(custom ? { customPoints: custom } : {}),
      },
      link: window.location.href,
    };
  };
  const base = () => `diffusion-${view()}-${state().params.sampler}-step${step()}`;
  const run = async (label: string, work: () => Promise<void> | void) => {
    try {
      await work();
      setStatus(label);
    } catch (e) {
      setStatus(`Export failed: ${(e as Error).message}`);
    }
  };
  const root = () => {
    if (!figure.current) throw new Error('the figure is not on screen');
    return figure.current;
  };
  const hasFrames = () => {
    if (lanes[0].frames.count === 0) throw new Error('nothing has been computed yet');
  };

  const gif = async () => {
    hasFrames();
    const frames = lanes[0].frames;
    const count = Math.min(...lanes.map((l) => l.frames.count));
    const stride = Math.ceil(count / MAX_GIF_FRAMES);
    const speed = state().params.speed;
    const writer = createGifWriter(Math.max(20, Math.round((1000 * stride) / (BASE_FPS * speed))));
    const before = state().playback;
    const steps = Array.from({ length: Math.ceil(count / stride) }, (_, i) => i * stride);
    if (steps[steps.length - 1] !== count - 1) steps.push(count - 1);
    try {
      for (const [i, s] of steps.entries()) {
        if (state().params.field) await Promise.all(lanes.map((l) => l.frames.fieldReady(s)));
        state().setPlayback({ step: s, playing: false });
        await new Promise((r) => requestAnimationFrame(r));
        writer.addFrame(await figureCanvas(root(), { scale: 1, maxWidth: GIF_WIDTH }));
        setGifProgress((i + 1) / steps.length);
      }
    } finally {
      state().setPlayback({ step: before.step, playing: false });
      setGifProgress(null);
    }
    download(writer.finish(), `diffusion-${view()}-${frames.total}steps.gif`);
  };

  const item = (label: string, testId: string, onClick: () => void, disabled = false) => (
    <button type="button" data-testid={testId} onClick={onClick} disabled={disabled}>
      {label}
    </button>
  );

  const menu = (
    <details className="export-menu" data-testid="export-menu">
      <summary>Export</summary>
      <div className="export-items">
        {item('Figure PNG', 'export-png', () =>
          run('Saved the figure as PNG', async () =>
            download(await canvasBlob(await figureCanvas(root())), `${base()}.png`),
          ),
        )}
        {item('Figure SVG', 'export-svg', () =>
          run('Saved the figure as SVG', () =>
            download(text(figureSvg(root()), 'image/svg+xml'), `${base()}.svg`),
          ),
        )}
        {item('Particles CSV', 'export-particles-csv', () =>
          run('Saved the particles as CSV', () => {
            hasFrames();
            const f = lanes[0].frames;
            download(text(particlesCsv(f.points(f.at(step())!)), 'text/csv'), `${base()}.csv`);
          }),
        )}
        {item('Particles JSON', 'export-particles-json', () =>
          run('Saved the particles as JSON', () => {
            hasFrames();
            const json = particlesJson(header(), exportLanes(), step());
            download(text(json, 'application/json'), `${base()}.json`);
          }),
        )}
        {playback &&
          item('Trajectories CSV', 'export-trajectories-csv', () =>
            run('Saved the trajectories as CSV', () => {
              hasFrames();
              const csv = trajectoriesCsv(exportLanes()[0]);
              download(text(csv, 'text/csv'), `${base()}-trajectories.csv`);
            }),
          )}
        {playback &&
          item('Trajectories JSON', 'export-trajectories-json', () =>
            run('Saved the trajectories as JSON', () => {
              hasFrames();
              const json = trajectoriesJson(header(), exportLanes()[0]);
              download(text(json, 'application/json'), `${base()}-trajectories.json`);
            }),
          )}
        {playback &&
          item(
            'Animated GIF',
            'export-gif',
            () => void run('Saved the playback as GIF', gif),
            gifProgress !== null,
          )}
      </div>
    </details>
  );
  const copyLink = async () => {
    const ok = await copyText(window.location.href);
    setStatus(ok ? 'Link copied' : `Copy this link: ${window.location.href}`);
  };

  return (
    <div className="export-bar">
      <button type="button" data-testid="copy-link" onClick={() => void copyLink()}>
        Copy link
      </button>
      {menu}
      {gifProgress !== null && (
        <progress
          value={gifProgress}
          max={1}
          aria-label="GIF encoding"
          data-testid="gif-progress"
        />
      )}
      <p className="export-status" role="status" data-testid="export-status">
        {status}
      </p>
    </div>
  );
}
