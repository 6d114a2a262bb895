"""Data loading for the image models: Fashion-MNIST (28x28) and sklearn digits (8x8 -> 16x16).

Images are returned as float32 tensors [N, 1, H, W] scaled to [-1, 1], labels as int64 [N].
"""
import gzip
import os

import numpy as np
import torch
import torch.nn.functional as F

FASHION_DIR = os.environ.get('FASHION_MNIST_DIR', '/usr/share/datasets/fashion-mnist')
FASHION_CLASSES = ['T-shirt/top', 'Trouser', 'Pullover', 'Dress', 'Coat',
                   'Sandal', 'Shirt', 'Sneaker', 'Bag', 'Ankle boot']
DIGITS_CLASSES = [str(d) for d in range(10)]
DIGITS_TEST_FRACTION = 0.2
DIGITS_SPLIT_SEED = 0


def _read_idx(path):
    with gzip.open(path, 'rb') as f:
        raw = f.read()
    ndim = raw[3]
    dims = [int.from_bytes(raw[4 + 4 * i: 8 + 4 * i], 'big') for i in range(ndim)]
    return np.frombuffer(raw, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def load_fashion(split):
    """split: 'train' (60,000 images) or 'test' (10,000 images)."""
    prefix = 'train' if split == 'train' else 't10k'
    images = _read_idx(os.path.join(FASHION_DIR, f'{prefix}-images-idx3-ubyte.gz'))
    labels = _read_idx(os.path.join(FASHION_DIR, f'{prefix}-labels-idx1-ubyte.gz'))
    x = torch.from_numpy(images.astype(np.float32) / 127.5 - 1.0).unsqueeze(1)
    return x, torch.from_numpy(labels.astype(np.int64))


def _digits_8x8():
    """(images [1797, 8, 8] in 0..16, labels) from sklearn, or from the .npz that DIGITS_NPZ names
    (written by `python3 data.py --export-digits FILE`, for machines without sklearn)."""
    path = os.environ.get('DIGITS_NPZ')
    if path:
        with np.load(path) as f:
            return f['images'], f['target']
    from sklearn.datasets import load_digits as sk_load_digits
    bunch = sk_load_digits()
    return bunch.images, bunch.target


def load_digits(split):
    """sklearn's 8x8 digits (values 0..16), bilinearly upsampled to 16x16; a fixed 80/20 split."""
    raw_images, raw_labels = _digits_8x8()
    images = torch.from_numpy(raw_images.astype(np.float32) / 8.0 - 1.0).unsqueeze(1)
    images = F.interpolate(images, size=(16, 16), mode='bilinear', align_corners=False).clamp(-1, 1)
    labels = torch.from_numpy(raw_labels.astype(np.int64))
    perm = torch.randperm(len(labels), generator=torch.Generator().manual_seed(DIGITS_SPLIT_SEED))
    n_test = int(round(len(labels) * DIGITS_TEST_FRACTION))
    idx = perm[n_test:] if split == 'train' else perm[:n_test]
    return images[idx], labels[idx]


def load(dataset, split):
    if dataset == 'fashion':
        return load_fashion(split)
    if dataset == 'digits':
        return load_digits(split)
    raise ValueError(f'unknown dataset {dataset}')


def class_names(dataset):
    return FASHION_CLASSES if dataset == 'fashion' else DIGITS_CLASSES


if __name__ == '__main__':
    import sys
    if len(sys.argv) == 3 and sys.argv[1] == '--export-digits':
        images, target = _digits_8x8()
        np.savez_compressed(sys.argv[2], images=images, target=target)
    else:
        sys.exit('usage: python3 data.py --export-digits FILE.npz')
