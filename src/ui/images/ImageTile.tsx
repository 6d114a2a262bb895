import { ImageCanvas } from './ImageCanvas';

/** One captioned grayscale image, about `size` pixels wide (values mapped from `range`). */
export function ImageTile(props: {
  label: string;
  values: Float32Array | undefined;
  range: [number, number];
  testId: string;
  height: number;
  width: number;
  size: number;
}) {
  const { label, values, range, testId, height, width, size } = props;
  return (
    <figure>
      <figcaption>{label}</figcaption>
      <ImageCanvas
        tiles={values ? { values, cells: 1, height, width, range } : null}
        scale={Math.floor(size / width)}
        label={label}
        testId={testId}
      />
    </figure>
  );
}
