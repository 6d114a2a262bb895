"""Score mdlm-digits' guided samples with the shipped digits-classifier (its tfjs weights, converted
back to PyTorch): --per-class samples per class (100), MDLM ancestral sampling (discrete.py sample()), 64 steps,
classifier-free guidance w. Samples at levels 0..16 go in as the classifier was trained: v / 8 - 1,
bilinearly upsampled to 16x16 (data.py). Adds the result to public/models/mdlm-digits/model.json.

Usage (in training/): OMP_NUM_THREADS=1 python3 discrete_score_digits.py [--guidance 1] [--per-class 100]
"""
import argparse
import json
import os

import numpy as np
import torch
import torch.nn.functional as F

import discrete_common as dc
import discrete
from discrete_nets import Transformer
from nets import Classifier

MODELS = os.path.join(dc.ROOT, 'public', 'models')


def load_classifier():
    with open(os.path.join(MODELS, 'digits-classifier', 'model.json')) as f:
        j = json.load(f)
    topo = j['modelTopology']
    model = Classifier(topo['channels'], 10, topo['pool'], topo['inputShape'][0])
    blob = np.fromfile(os.path.join(MODELS, 'digits-classifier', 'weights.bin'), dtype='<f2')
    state, at = {}, 0
    for w in j['weightsManifest'][0]['weights']:
        n = int(np.prod(w['shape']))
        t = torch.from_numpy(blob[at:at + n].astype(np.float32)).view(w['shape'])
        at += n
        if t.ndim == 4:
            t = t.permute(3, 2, 0, 1)
        elif t.ndim == 2:
            t = t.t()
            if w['name'] == 'head.weight' and topo['pool'] == 'flatten':
                c = topo['channels'][-1]
                side = int(round((t.shape[1] // c) ** 0.5))
                t = t.view(t.shape[0], side, side, c).permute(0, 3, 1, 2).reshape(t.shape[0], -1)
        state[w['name']] = t
    model.load_state_dict(state)
    return model.eval()


def classify(model, levels):
    x = levels.view(-1, 1, 8, 8).float() / 8 - 1
    x = F.interpolate(x, size=(16, 16), mode='bilinear', align_corners=False).clamp(-1, 1)
    with torch.no_grad():
        return model(x).argmax(1)


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--guidance', type=float, default=1.0)
    parser.add_argument('--per-class', type=int, default=100)
    args = parser.parse_args()
    torch.set_num_threads(1)
    clf = load_classifier()
    (_, _), (hx, hy) = dc.load_digits()
    real = (classify(clf, hx) == hy).float().mean().item()
    print(f'digits-classifier on the 359 test images: {real:.4f}', flush=True)
    ckpt = torch.load(os.path.join(dc.CACHE_DIR, 'mdlm-digits.pt'))
    cfg = ckpt['config']
    model = Transformer(dc.DIGIT_MASK + 1, dc.DIGIT_LEVELS, dc.DIGIT_PIXELS, cfg['d'], cfg['layers'],
                        cfg['heads'], time=True, classes=dc.DIGIT_CLASSES)
    model.load_state_dict(ckpt['state_dict'])
    dc.round_to_float16(model).eval()
    s = discrete.setup('digits')
    y = torch.arange(10).repeat_interleave(args.per_class)
    x = discrete.sample(model, s, len(y), 64, 1, y, guidance=args.guidance)
    hit = classify(clf, x) == y
    per_class = [round(hit[y == c].float().mean().item(), 3) for c in range(10)]
    result = {'samples': len(y), 'steps': 64, 'guidance': args.guidance, 'seed': 1,
              'accuracy': round(hit.float().mean().item(), 4), 'perClass': per_class,
              'classifierOnTestImages': round(real, 4)}
    print(json.dumps(result))
    path = os.path.join(MODELS, 'mdlm-digits', 'model.json')
    with open(path) as f:
        j = json.load(f)
    j['figures'].setdefault('classifierScore', {})[str(args.guidance)] = result
    with open(path, 'w') as f:
        json.dump(j, f, separators=(',', ':'))


if __name__ == '__main__':
    main()
