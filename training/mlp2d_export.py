"""Write a trained MLP2D as tfjs weights-manifest artifacts: model.json + weights.bin.

weights.bin is the float32 little-endian concatenation of the tensors in manifest order
(what tf.io.decodeWeights expects). Dense kernels are stored [in, out] so the forward pass
is x @ kernel + bias, as in tfjs.
"""
import json
import os

import numpy as np
import torch

from mlp2d_model import BETA_END, BETA_START, HIDDEN, LAYERS, T, TEMB_DIM, TIME_DIM, MLP2D


def named_arrays(model: MLP2D) -> list[tuple[str, np.ndarray]]:
    def dense(name, lin, bias=True):
        out = [(f"{name}/kernel", lin.weight.detach().numpy().T)]
        if bias:
            out.append((f"{name}/bias", lin.bias.detach().numpy()))
        return out

    arrays = dense("time_embed", model.time_embed) + dense("input", model.inp)
    for i, lin in enumerate(model.hidden):
        arrays += dense(f"hidden_{i}", lin)
    for i, lin in enumerate(model.time_proj):
        arrays += dense(f"time_proj_{i}", lin, bias=False)
    arrays += dense("output", model.out)
    return [(n, np.ascontiguousarray(a, dtype="<f4")) for n, a in arrays]


def test_vector(model: MLP2D, seed: int, output_key: str = "eps") -> dict:
    """Inputs spanning the schedule (integer and fractional t) and PyTorch's float32 outputs
    (under `output_key`: "eps", or "velocity" for flow models, whose t is 1000 tau)."""
    g = torch.Generator().manual_seed(seed + 12345)
    x = torch.randn(12, 2, generator=g) * 1.5
    t = torch.tensor([0, 0.5, 3.25, 10, 49.9, 100, 250, 400.75, 500, 750, 900, 999], dtype=torch.float32)
    with torch.no_grad():
        eps = model(x, t)
    return {"x": x.tolist(), "t": t.tolist(), output_key: eps.tolist()}


def export(model: MLP2D, out_dir: str, dataset: str, seed: int, extra: dict, output_key: str = "eps") -> None:
    os.makedirs(out_dir, exist_ok=True)
    arrays = named_arrays(model)
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for _, a in arrays:
            f.write(a.tobytes())
    doc = {
        "format": "tfjs-weights-manifest",
        "generatedBy": f"training/train_mlp2d.py (torch {torch.__version__})",
        "architecture": {
            "kind": "mlp2d",
            "timeEmbedding": "sinusoidal",
            "timeDim": TIME_DIM,
            "tembDim": TEMB_DIM,
            "hidden": HIDDEN,
            "layers": LAYERS,
            "activation": "silu",
        },
        "diffusion": {
            "parameterisation": "eps",
            "schedule": {"kind": "linear", "T": T, "beta_start": BETA_START, "beta_end": BETA_END},
            "timeInput": "continuous t in [0, T-1], log sigma interpolated between integers",
            "inputShape": [2],
            "dataset": dataset,
        },
        "weightsManifest": [
            {
                "paths": ["weights.bin"],
                "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in arrays],
            }
        ],
        "testVector": test_vector(model, seed, output_key),
        **extra,
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def load_exported(out_dir: str) -> MLP2D:
    """The MLP2D whose weights an export() wrote (the inverse of named_arrays)."""
    with open(os.path.join(out_dir, "model.json")) as f:
        specs = json.load(f)["weightsManifest"][0]["weights"]
    flat = np.fromfile(os.path.join(out_dir, "weights.bin"), dtype="<f4")
    arrays, offset = {}, 0
    for s in specs:
        n = int(np.prod(s["shape"]))
        arrays[s["name"]] = torch.tensor(flat[offset : offset + n].reshape(s["shape"]))
        offset += n
    model = MLP2D()
    layers = [("time_embed", model.time_embed), ("input", model.inp), ("output", model.out)]
    layers += [(f"hidden_{i}", lin) for i, lin in enumerate(model.hidden)]
    layers += [(f"time_proj_{i}", lin) for i, lin in enumerate(model.time_proj)]
    with torch.no_grad():
        for name, lin in layers:
            lin.weight.copy_(arrays[f"{name}/kernel"].T)
            if lin.bias is not None:
                lin.bias.copy_(arrays[f"{name}/bias"])
    return model
