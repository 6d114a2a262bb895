import { useMemo } from 'react';
import { useStore } from '../../state/store';
import { fitScale, gridLayout, type ImageTiles } from '../../viz/imageGrid';
import { Filmstrip } from '../images/Filmstrip';
import { ImageCanvas } from '../images/ImageCanvas';
import { frameImages } from '../images/imageFrames';
import { useFrameCount } from '../playground/useFrameCount';
import type { LatentFrames } from './latentFrames';

/**
 * The decoded x_t and x̂₀ of the first particles at the playback step (the image view's grid),
 * and the selected one's filmstrip over the run. Click a cell to select its particle.
 */
export function LatentImages({
  frames,
  height,
  width,
  cell,
  onCell,
}: {
  frames: LatentFrames;
  height: number;
  width: number;
  cell: number;
  onCell(cell: number): void;
}) {
  const count = useFrameCount(frames.images);
  const step = useStore((s) => Math.min(s.playback.step, Math.max(0, count - 1)));
  const frame = frames.images.at(step);
  const shown = useMemo(() => frameImages(frame), [frame]);
  const cells = shown?.cells ?? 0;
  const [xt, x0] = useMemo(() => {
    const tiles = (values: Float32Array | null | undefined): ImageTiles | null =>
      values && shown ? { values, cells: shown.cells, height, width, range: [-1, 1] } : null;
    return [tiles(shown?.xt), tiles(shown?.x0)];
  }, [shown, height, width]);
  const marks = useMemo(() => ({ selected: cell }), [cell]);
  if (cells === 0) return null;
  const cols = gridLayout(cells).cols;
  const scale = fitScale(cells, height, width, 220);
  return (
    <div className="latent-images" data-testid="latent-images" data-frames={count}>
      <div className="image-pair">
        <figure>
          <figcaption>
            decoded x<sub>t</sub>
          </figcaption>
          <ImageCanvas
            tiles={xt}
            marks={marks}
            scale={scale}
            cols={cols}
            label="The decoder's image of each particle's latent x_t at the playback step"
            testId="latent-grid-xt"
            onCell={onCell}
          />
        </figure>
        <figure>
          <figcaption>
            decoded x̂<sub>0</sub>
          </figcaption>
          <ImageCanvas
            tiles={x0}
            marks={marks}
            scale={scale}
            cols={cols}
            label="The decoder's image of each particle's x̂₀ estimate at the playback step"
            testId="latent-grid-x0"
            onCell={onCell}
          />
        </figure>
      </div>
      {cell < cells && (
        <Filmstrip
          frames={frames.images}
          cell={cell}
          height={height}
          width={width}
          label={`Particle ${cell}: decoded x_t (top) and x̂₀ (bottom) at every step`}
        />
      )}
    </div>
  );
}
