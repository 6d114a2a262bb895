import { useStore } from '../../state/store';
import { fitScale } from '../../viz/imageGrid';
import type { ImageSettings } from '../../state/images';
import type { LoadedImages } from '../../worker/protocol';
import { ImageCanvas } from './ImageCanvas';

/** What every panel that works on one test image gets: its settings, the images, the class names. */
export interface TestImagePanelProps {
  settings: ImageSettings;
  images: LoadedImages;
  names: string[];
}

/** The test image a panel shows: the URL's, clamped to the images the model ships. */
export function selectedImage({ settings, images }: TestImagePanelProps): number {
  return Math.min(settings.image, images.count - 1);
}

/** The shipped test images as a strip; click one, or focus the strip and use ←/→. */
export function TestImagePicker({
  images,
  selected,
  names,
}: {
  images: LoadedImages;
  selected: number;
  names: string[];
}) {
  const setParam = useStore((s) => s.setParam);
  const pick = (i: number) => setParam('image', Math.max(0, Math.min(images.count - 1, i)));
  const cols = Math.min(images.count, 20);
  return (
    <figure className="test-picker" data-testid="test-picker" data-selected={selected}>
      <figcaption>
        Test image {selected}: class {names[images.labels[selected]] ?? images.labels[selected]}{' '}
        <span className="muted">({images.count} test-split images ship with the model)</span>
      </figcaption>
      <ImageCanvas
        tiles={{
          values: images.pixels,
          cells: images.count,
          height: images.height,
          width: images.width,
          range: [-1, 1],
        }}
        marks={{ selected }}
        cols={cols}
        scale={fitScale(cols, images.height, images.width, 720, cols)}
        label="Test images; the selected one is outlined"
        onCell={pick}
        onKeyDown={(e) => {
          if (e.key === 'ArrowLeft') pick(selected - 1);
          else if (e.key === 'ArrowRight') pick(selected + 1);
          else return;
          e.preventDefault();
        }}
      />
    </figure>
  );
}
