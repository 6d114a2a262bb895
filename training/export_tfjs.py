"""Export a trained checkpoint to public/models/<name>/: model.json (tfjs weights manifest plus metadata
and a PyTorch-computed test vector) and weights.bin (float16 via tfjs's "quantization" field, which
tf.io.decodeWeights expands to float32; a plain "float16" dtype is not decodable by tfjs).

Layouts are converted for tfjs: conv weights OIHW -> HWIO, linear weights [out, in] -> [in, out].
Weight names are the PyTorch state_dict names.

Usage: python3 export_tfjs.py --model fashion|digits|digits-fm --kind unet
       python3 export_tfjs.py --model fashion|digits --kind classifier
"""
import argparse
import json
import os

import numpy as np
import torch

import configs
import data
import diffusion
import flow
from nets import Classifier, UNet

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')


def to_tfjs_layout(name, tensor):
    if tensor.ndim == 4:
        return tensor.permute(2, 3, 1, 0)
    if tensor.ndim == 2 and not name.startswith('class_emb'):
        return tensor.t()
    return tensor


def flatten_head_to_nhwc(model):
    """A 'flatten' classifier head reads PyTorch's (C, H, W) order; reorder its inputs to tfjs's (H, W, C)."""
    state = dict(model.state_dict())
    if getattr(model, 'pool', None) == 'flatten':
        w = state['head.weight']
        c = model.conv3.out_channels
        side = int(round((w.shape[1] // c) ** 0.5))
        state['head.weight'] = w.view(w.shape[0], c, side, side).permute(0, 2, 3, 1).reshape(w.shape[0], -1)
    return state


def write_weights(model, out_dir):
    entries, chunks = [], []
    for name, tensor in flatten_head_to_nhwc(model).items():
        arr = to_tfjs_layout(name, tensor).contiguous().numpy().astype('<f2')
        entries.append({'name': name, 'shape': list(arr.shape), 'dtype': 'float32',
                        'quantization': {'dtype': 'float16', 'original_dtype': 'float32'}})
        chunks.append(arr.tobytes())
    blob = b''.join(chunks)
    with open(os.path.join(out_dir, 'weights.bin'), 'wb') as f:
        f.write(blob)
    return [{'paths': ['weights.bin'], 'weights': entries}], len(blob)


def round_to_float16(model):
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(p.half().float())
    return model


def nhwc(t):
    return t.permute(0, 2, 3, 1).contiguous()


def unet_test_vector(model, hw):
    """Batch of 2: time inputs 10 and 700 (timesteps, or 1000 tau for flow models), labels 3 and the null
    class; expected output computed in float64."""
    g = torch.Generator().manual_seed(1234)
    x = torch.randn(2, 1, hw, hw, generator=g)
    t = torch.tensor([10, 700])
    y = torch.tensor([3, configs.NULL_CLASS])
    with torch.no_grad():
        out = model.double()(x.double(), t, y).float()
    model.float()
    return {'x': nhwc(x).flatten().tolist(), 'shape': [2, hw, hw, 1], 't': t.tolist(), 'labels': y.tolist(),
            'expected': nhwc(out).flatten().tolist()}


def classifier_test_vector(model, hw):
    g = torch.Generator().manual_seed(1234)
    x = torch.rand(2, 1, hw, hw, generator=g) * 2 - 1
    with torch.no_grad():
        out = model.double().eval()(x.double()).float()
    model.float()
    return {'x': nhwc(x).flatten().tolist(), 'shape': [2, hw, hw, 1], 'expected': out.flatten().tolist()}


def test_images(dataset, per_class=4):
    """The first `per_class` test-split images of each class, as uint8 rows (0 = -1, 255 = +1)."""
    x, y = data.load(dataset, 'test')
    picked = [i for c in range(configs.CLASSES) for i in torch.nonzero(y == c).flatten()[:per_class].tolist()]
    pixels = ((x[picked] + 1) * 127.5).round().clamp(0, 255).to(torch.uint8)
    return {'height': x.shape[2], 'width': x.shape[3], 'encoding': 'uint8 rows, value / 127.5 - 1 in [-1, 1]',
            'classNames': data.class_names(dataset), 'labels': y[picked].tolist(),
            'images': [p.flatten().tolist() for p in pixels]}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument('--model', choices=sorted(configs.UNET), required=True)
    parser.add_argument('--kind', choices=['unet', 'classifier'], required=True)
    args = parser.parse_args()
    ckpt = torch.load(os.path.join(configs.CACHE_DIR, f'{args.model}-{args.kind}.pt'), map_location='cpu')
    cfg = ckpt['config']
    dataset = configs.unet_config(args.model, cfg)['dataset'] if args.kind == 'unet' else args.model
    hw = 28 if dataset == 'fashion' else 16
    folder = args.model if args.kind == 'unet' else f'{args.model}-classifier'
    out_dir = os.path.join(ROOT, 'public', 'models', folder)
    os.makedirs(out_dir, exist_ok=True)
    meta = {'name': folder, 'dataset': dataset, 'classNames': data.class_names(dataset),
            'training': {'params': ckpt['params'], 'wall_s': round(ckpt['wall_s']),
                         'final_loss': round(ckpt['final_loss'], 5), 'config': cfg,
                         'hardware': ckpt.get('hardware', '2 shared CPU cores')}}
    if args.kind == 'unet':
        is_flow = configs.unet_config(args.model, cfg)['objective'] == 'flow'
        model = UNet(cfg['channels'], cfg['emb_dim'], configs.CLASSES)
        model.load_state_dict(ckpt['state_dict'])
        round_to_float16(model).eval()
        meta['modelTopology'] = {'kind': 'unet', 'channels': list(cfg['channels']), 'embDim': cfg['emb_dim'],
                                 'groups': 8, 'groupNormEps': 1e-5, 'timeEmbedding': 'sinusoidal [sin, cos]'}
        meta['diffusion'] = {'parameterisation': 'velocity' if is_flow else 'eps',
                             'schedule': flow.schedule_meta() if is_flow else diffusion.schedule_meta(),
                             'classes': configs.CLASSES, 'nullClass': configs.NULL_CLASS,
                             'inputShape': [hw, hw, 1], 'dataRange': [-1, 1]}
        meta['testVector'] = unet_test_vector(model, hw)
        if not is_flow:
            with open(os.path.join(out_dir, 'test-images.json'), 'w') as f:
                json.dump(test_images(dataset), f, separators=(',', ':'))
    else:
        model = Classifier(cfg['channels'], configs.CLASSES, cfg['pool'], cfg['hw'])
        model.load_state_dict(ckpt['state_dict'])
        round_to_float16(model).eval()
        meta['modelTopology'] = {'kind': 'classifier', 'channels': list(cfg['channels']), 'pool': cfg['pool'],
                                 'inputShape': [hw, hw, 1], 'dataRange': [-1, 1]}
        meta['training']['test_accuracy'] = ckpt['test_accuracy']
        meta['training']['test_size'] = ckpt['test_size']
        meta['testVector'] = classifier_test_vector(model, hw)
    meta['weightsManifest'], nbytes = write_weights(model, out_dir)
    with open(os.path.join(out_dir, 'model.json'), 'w') as f:
        json.dump(meta, f, separators=(',', ':'))
    print(f'wrote {out_dir}: weights.bin {nbytes} bytes')


if __name__ == '__main__':
    main()
