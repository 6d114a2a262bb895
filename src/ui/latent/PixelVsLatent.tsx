/**
 * Pixel against latent diffusion on Fashion-MNIST as measured by `latent-compare` (docs/LATENT.md,
 * "Pixel vs latent"): not run live in the page.
 */
const ROWS = [
  { method: 'pixel: fashion UNet', nfe: 50, ms: '3,253', agree: '100%', fd: '0.067' },
  {
    method: 'latent 16D: mlp-fashion-latent16d + fashion-vae16',
    nfe: 50,
    ms: '21.7',
    agree: '88%',
    fd: '0.113',
  },
  {
    method: 'latent 2D: mlp-fashion-latent2d + fashion-vae2',
    nfe: 50,
    ms: '25.1',
    agree: '76%',
    fd: '0.200',
  },
] as const;

export function PixelVsLatent() {
  return (
    <details className="latent-compare" data-testid="pixel-vs-latent">
      <summary>Pixel vs latent (measured, not live)</summary>
      <table className="latent-table">
        <caption className="muted">
          Fashion-MNIST, 100 class-conditional images (guidance w = 2, 50 DDIM steps), tfjs wasm in
          Node on a loaded 2-core machine; class agreement by the bundled classifier, FD the Fréchet
          distance of its features to 40 test images (two halves of those: 0.104). Measured with{' '}
          <code>npx diffusion-playground latent-compare</code>; docs/LATENT.md.
        </caption>
        <thead>
          <tr>
            <th scope="col">method</th>
            <th scope="col">NFE</th>
            <th scope="col">ms / image</th>
            <th scope="col">class agreement</th>
            <th scope="col">FD</th>
          </tr>
        </thead>
        <tbody>
          {ROWS.map((r) => (
            <tr key={r.method}>
              <th scope="row">{r.method}</th>
              <td>{r.nfe}</td>
              <td>{r.ms}</td>
              <td>{r.agree}</td>
              <td>{r.fd}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </details>
  );
}
