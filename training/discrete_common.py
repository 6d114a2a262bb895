"""Shared pieces of the discrete models: data from public/data/, the cosine learning-rate loop and
the export to public/models/<id>/ (model.json in the tfjs weights-manifest format, float16 weights)."""
import json
import math
import os
import time

import torch

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), '..')
CACHE_DIR = os.path.join(os.path.dirname(os.path.abspath(__file__)), '.cache')
NAME_LENGTH, NAME_END, NAME_MASK, NAME_TOKENS = 12, 26, 27, 27
DIGIT_PIXELS, DIGIT_LEVELS, DIGIT_MASK, DIGIT_CLASSES = 64, 17, 17, 10
LETTERS = 'abcdefghijklmnopqrstuvwxyz'
EMBEDDINGS = ('tok_emb.weight', 'class_emb.weight', 'pos_emb')


def read_json(name):
    with open(os.path.join(ROOT, 'public', 'data', name)) as f:
        return json.load(f)


def encode_names(names):
    x = torch.full((len(names), NAME_LENGTH), NAME_END, dtype=torch.long)
    for i, n in enumerate(names):
        x[i, :len(n)] = torch.tensor([LETTERS.index(c) for c in n])
    return x


def decode_name(tokens):
    """Letters before the first END; None unless valid (no mask, nothing but END after the first END,
    at least one letter)."""
    tokens = list(tokens)
    end = tokens.index(NAME_END) if NAME_END in tokens else len(tokens)
    if end == 0 or any(t >= NAME_END for t in tokens[:end]) or any(t != NAME_END for t in tokens[end:]):
        return None
    return ''.join(LETTERS[t] for t in tokens[:end])


def load_names():
    d = read_json('names.json')
    return d['train'], d['heldOut']


def load_digits():
    d = read_json('digits8x8.json')
    x = torch.tensor(d['images'], dtype=torch.long)
    y = torch.tensor(d['labels'], dtype=torch.long)
    test = torch.zeros(len(y), dtype=torch.bool)
    test[d['testIndices']] = True
    return (x[~test], y[~test]), (x[test], y[test])


def train_loop(model, steps, lr, loss_fn, log_every=250):
    """AdamW with linear warm-up (100 steps) and cosine decay; returns (final loss, wall seconds)."""
    opt = torch.optim.AdamW(model.parameters(), lr=lr, weight_decay=0.01)
    sched = torch.optim.lr_scheduler.LambdaLR(
        opt, lambda s: min(1.0, (s + 1) / 100) * 0.5 * (1 + math.cos(math.pi * s / steps)))
    start, running = time.time(), None
    for step in range(steps):
        loss = loss_fn(step)
        opt.zero_grad()
        loss.backward()
        torch.nn.utils.clip_grad_norm_(model.parameters(), 1.0)
        opt.step()
        sched.step()
        running = loss.item() if running is None else 0.98 * running + 0.02 * loss.item()
        if step % log_every == 0 or step == steps - 1:
            print(f'step {step:5d} loss {running:.4f} ({time.time() - start:.0f} s)', flush=True)
    return running, time.time() - start


def round_to_float16(model):
    with torch.no_grad():
        for p in model.state_dict().values():
            p.copy_(p.half().float())
    return model


def write_model(model_id, model, meta):
    """Writes weights.bin (float16 via tfjs's quantization field) and model.json; Linear weights are
    stored [in, out] as tfjs matMul wants, embeddings [rows, width] as they are."""
    out_dir = os.path.join(ROOT, 'public', 'models', model_id)
    os.makedirs(out_dir, exist_ok=True)
    entries, chunks = [], []
    for name, tensor in model.state_dict().items():
        t = tensor if tensor.ndim != 2 or name in EMBEDDINGS else tensor.t()
        arr = t.contiguous().numpy().astype('<f2')
        entries.append({'name': name, 'shape': list(arr.shape), 'dtype': 'float32',
                        'quantization': {'dtype': 'float16', 'original_dtype': 'float32'}})
        chunks.append(arr.tobytes())
    with open(os.path.join(out_dir, 'weights.bin'), 'wb') as f:
        f.write(b''.join(chunks))
    meta['weightsManifest'] = [{'paths': ['weights.bin'], 'weights': entries}]
    with open(os.path.join(out_dir, 'model.json'), 'w') as f:
        json.dump(meta, f, separators=(',', ':'))
    print(f'wrote {out_dir}')
    return out_dir


def architecture(model, length, vocab_in, vocab_out):
    return {'kind': 'transformer', 'vocabIn': vocab_in, 'vocabOut': vocab_out, 'length': length,
            'width': model.d, 'layers': len(model.blocks), 'heads': model.blocks[0].heads,
            'time': model.time, 'classes': model.classes, 'causal': model.causal,
            'timeScale': 1000, 'layerNormEps': 1e-5, 'gelu': 'tanh'}


def test_vector(model, x, tau=None, y=None):
    """PyTorch's probabilities (softmax over vocabOut) in float64 for the float16-rounded weights."""
    with torch.no_grad():
        logits = model.double()(x, None if tau is None else tau.double(), y)
    model.float()
    v = {'tokens': x.flatten().tolist(), 'shape': list(x.shape),
         'probs': logits.softmax(-1).flatten().tolist()}
    if tau is not None:
        v['tau'] = tau.tolist()
    if y is not None:
        v['labels'] = y.tolist()
    return v
