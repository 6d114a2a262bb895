/**
 * The latent-diffusion autoencoders trained by training/train_vae.py (mirror of training/vae.py: VAE).
 * Encoder: flatten [B, H, W, 1] row-major -> Linear+ReLU (enc1, enc2) -> mu (enc_mu), logvar (enc_logvar).
 * Decoder: z -> Linear+ReLU (dec1, dec2) -> Linear (dec_out) -> 2·sigmoid − 1, reshaped to [B, H, W, 1].
 * Pixels are in [-1, 1]; the latent the app uses is the posterior mean mu.
 */
import * as tf from '@tensorflow/tfjs-core';
import { linear } from './tfLayers';

export interface AutoencoderTopology {
  kind: 'autoencoder';
  architecture: 'mlp-vae';
  latentDim: number;
  hidden: number[];
  inputShape: [number, number, number];
}

/** Throws unless `topo` describes an MLP VAE this module can run. */
export function checkAutoencoderTopology(
  topo: { kind: string } & Record<string, unknown>,
): AutoencoderTopology {
  const t = topo as unknown as AutoencoderTopology;
  if (t.kind !== 'autoencoder' || t.architecture !== 'mlp-vae')
    throw new Error(
      `vae: expected an 'autoencoder' of architecture 'mlp-vae', got ${t.kind}/${String(t.architecture)}`,
    );
  if (!Number.isInteger(t.latentDim) || t.latentDim < 1)
    throw new Error(`vae: latentDim must be a positive integer, got ${String(t.latentDim)}`);
  if (!Array.isArray(t.inputShape) || t.inputShape.length !== 3 || t.inputShape[2] !== 1)
    throw new Error(`vae: inputShape must be [H, W, 1], got ${JSON.stringify(t.inputShape)}`);
  return t;
}

/** Encoder and decoder over one set of decoded weights. Every method returns new tensors (caller disposes). */
export class LatentAutoencoder {
  readonly latentDim: number;
  readonly height: number;
  readonly width: number;

  constructor(
    private readonly weights: tf.NamedTensorMap,
    topo: AutoencoderTopology,
  ) {
    checkAutoencoderTopology(topo as unknown as { kind: string } & Record<string, unknown>);
    this.latentDim = topo.latentDim;
    [this.height, this.width] = topo.inputShape;
    const mu = weights['enc_mu.weight'];
    if (mu === undefined || mu.shape[1] !== this.latentDim)
      throw new Error(
        `vae: enc_mu.weight must be [*, ${this.latentDim}], got ${JSON.stringify(mu?.shape)}`,
      );
  }

  /** Posterior mean and log-variance, each [B, latentDim]. */
  encodeWithLogVar(x: tf.Tensor4D): { mu: tf.Tensor2D; logvar: tf.Tensor2D } {
    return tf.tidy(() => {
      const flat = tf.reshape(x, [x.shape[0], this.height * this.width]) as tf.Tensor2D;
      const h = tf.relu(linear(this.weights, 'enc2', tf.relu(linear(this.weights, 'enc1', flat))));
      return {
        mu: linear(this.weights, 'enc_mu', h),
        logvar: linear(this.weights, 'enc_logvar', h),
      };
    });
  }

  /** The latent the app uses: the posterior mean, [B, latentDim]. */
  encode(x: tf.Tensor4D): tf.Tensor2D {
    const { mu, logvar } = this.encodeWithLogVar(x);
    logvar.dispose();
    return mu;
  }

  /** Pixels in [-1, 1], [B, H, W, 1]. */
  decode(z: tf.Tensor2D): tf.Tensor4D {
    return tf.tidy(() => {
      const h = tf.relu(linear(this.weights, 'dec2', tf.relu(linear(this.weights, 'dec1', z))));
      const pixels = tf.sub(tf.mul(tf.sigmoid(linear(this.weights, 'dec_out', h)), 2), 1);
      return tf.reshape(pixels, [z.shape[0], this.height, this.width, 1]) as tf.Tensor4D;
    });
  }

  /** decode(encode(x)). */
  reconstruct(x: tf.Tensor4D): tf.Tensor4D {
    const z = this.encode(x);
    const out = this.decode(z);
    z.dispose();
    return out;
  }
}
