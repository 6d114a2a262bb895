import { writeFile } from 'node:fs/promises';
import { Flags, parseFlags, UsageError } from './args';
import { dataCommand } from './data';
import { discreteSampleCommand } from './discrete';
import { discreteSamplerIds } from './discreteOptions';
import { gridCommand } from './grid';
import { isLatentSample, latentSampleCommand } from './latent';
import { DEFAULT_MODELS_DIR } from './modelFiles';
import { likelihoodCommand } from './likelihood';
import { listCommand } from './list';
import { sampleCommand } from './sample';

export interface CliIO {
  stdout(text: string): void;
  stderr(text: string): void;
}

const USAGE =
  'usage: diffusion-playground list | data --dataset ID --n N --seed S | sample [options] | grid [options] | likelihood --model ID --n N [options] | latent-compare [options] | speedup-table [options]; see docs/CLI.md';

const HELP = `${USAGE}
  sample --discrete names|digits [--model exact|<network id>] [--sampler ID] [--steps N]
         [-n N] [--seed S] [--class C] [--guidance W] [--prefix LETTERS] [--param key=value]
    discrete samplers: ${discreteSamplerIds()}
  sample --model fashion-latent2d|fashion-latent16d [--sampler ID] [--steps N] [-n N] [--seed S]
         [--sigma-max S] [--backend cpu|wasm]   (exact latent denoiser + decoder; docs/LATENT.md)
  sample --model mlp-fashion-latent2d|mlp-fashion-latent16d|mlp-digits-latent2d [--class C]
         [--guidance W] [--truncate S|t=T] [--sampler ID] [--steps N] [-n N] [--seed S]
  latent-compare [--per-class N] [--steps N] [--guidance W] [--truncate S,...] [--seed S]
         [--truncate-from prior|latent]
         [--backend cpu|wasm]   (pixel vs latent diffusion on Fashion-MNIST; docs/LATENT.md)
  speedup-table [--datasets gaussians8,moons,swissroll] [--nfe 1,2,4,8,16]
         [--teacher-nfe 1,2,4,8,16,32,64] [--n N] [--repeats R] [--projections P]
         [--paths P] [--path-steps S] [--backend cpu|wasm]   (sliced W1 vs NFE; docs/SPEEDUP.md)
  likelihood --model digits|fashion [--n N] [--probes P] [--steps S] [--seed S]
         [--elbo-terms K] [--elbo-samples M] [--backend cpu|wasm]
`;

/** Whether a `sample` command line asks for the discrete data sets (`--discrete`). */
function isDiscrete(argv: readonly string[]): boolean {
  return argv.some((a) => a === '--discrete' || a.startsWith('--discrete='));
}

/** The value after `--out` (or `--out=`), if any: every command writes its JSON there. */
function outPath(argv: readonly string[]): string | undefined {
  for (let i = 0; i < argv.length; i++) {
    if (argv[i] === '--out') return argv[i + 1];
    if (argv[i].startsWith('--out=')) return argv[i].slice('--out='.length);
  }
  return undefined;
}

async function run(argv: readonly string[]): Promise<{ json: object; pretty: boolean }> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'list': {
      const f = new Flags(parseFlags(rest, { models: 'string', out: 'string' }));
      return { json: await listCommand(f.string('models', DEFAULT_MODELS_DIR)), pretty: true };
    }
    case 'data':
      return { json: dataCommand(rest), pretty: false };
    case 'grid':
      return { json: gridCommand(rest), pretty: true };
    case 'sample':
      return {
        json: isDiscrete(rest)
          ? await discreteSampleCommand(rest)
          : isLatentSample(rest)
            ? await latentSampleCommand(rest)
            : await sampleCommand(rest),
        pretty: false,
      };
    case 'likelihood':
      return { json: await likelihoodCommand(rest), pretty: false };
    case 'speedup-table':
      return {
        json: await (await import('./speedupTable')).speedupTableCommand(rest),
        pretty: true,
      };
    case 'latent-compare':
      return {
        json: await (await import('./latentCompare')).latentCompareCommand(rest),
        pretty: true,
      };
    case undefined:
      throw new UsageError(`no command; ${USAGE}`);
    default:
      throw new UsageError(`unknown command "${command}"; ${USAGE}`);
  }
}

/**
 * The headless CLI: prints (or writes to --out) one JSON document and returns the exit code:
 * 0 on success, 2 for a bad command line, 1 for any other failure. Errors are one line on
 * stderr starting with "error: ".
 */
export async function main(argv: readonly string[], io: CliIO): Promise<number> {
  if (argv.length === 1 && ['help', '--help', '-h'].includes(argv[0])) {
    io.stdout(HELP);
    return 0;
  }
  try {
    const { json, pretty } = await run(argv);
    const text = `${JSON.stringify(json, null, pretty ? 2 : undefined)}\n`;
    const out = outPath(argv.slice(1));
    if (out) await writeFile(out, text);
    else io.stdout(text);
    return 0;
  } catch (e) {
    const message = (e instanceof Error ? e.message : String(e)).replace(/\s*\n\s*/g, ' ');
    io.stderr(`error: ${message}\n`);
    return e instanceof UsageError ? 2 : 1;
  }
}
