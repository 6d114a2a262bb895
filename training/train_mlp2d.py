"""Train the 2D eps-prediction MLP on one toy data set and export it to public/models.

  OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/train_mlp2d.py --dataset moons

Data: training/.cache/<dataset>.json, written by `npx tsx scripts/export-datasets.ts` from
the app's own generators. Objective: DDPM's simple loss ||eps - eps_theta(x_t, t)||^2 with
t ~ U[0, T-1] continuous (see mlp2d_model.py). The exported weights are an EMA of the
training weights. After export, 5,000 samples from 50 steps of DPM-Solver++(2M) are
compared with held-out data by sliced W1 (mlp2d_sample.py).
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
from mlp2d_export import export  # noqa: E402
from mlp2d_model import T, MLP2D, log_sigmas, sigma_of_t  # noqa: E402
from mlp2d_sample import sample, sliced_w1  # noqa: E402

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


def load_points(dataset: str, split: str) -> torch.Tensor:
    with open(os.path.join(ROOT, "training", ".cache", f"{dataset}-{split}.json")) as f:
        flat = json.load(f)["points"]
    return torch.tensor(flat, dtype=torch.float32).view(-1, 2)


def stf_targets(x0, sigma, data, reference):
    """Noised batch and its eps targets. With reference > 0, Xu et al. 2023 ("Stable Target
    Field", eq. 6): the target is the eps implied by the posterior mean of x0 over a reference
    batch (the training batch plus fresh data), which keeps E[target | x_t] (as the reference
    grows) but cuts the variance of the regression target, most at mid and high noise."""
    a = (1 / torch.sqrt(1 + sigma**2))[:, None].float()
    b = (sigma / torch.sqrt(1 + sigma**2))[:, None].float()
    eps = torch.randn_like(x0)
    xt = a * x0 + b * eps
    if reference == 0:
        return xt, eps
    ref = torch.cat([x0, data[torch.randint(len(data), (reference - len(x0),))]])
    # -|x_t - a r|^2 / 2b^2 up to a per-row constant, which softmax ignores
    logits = (xt @ ref.T) * (a / b**2) - (ref**2).sum(1) * (a**2 / (2 * b**2))
    x0_hat = torch.softmax(logits, dim=1) @ ref
    return xt, (xt - a * x0_hat) / b


REPEATS = 3


def evaluate(model, dataset: str) -> tuple[list[float], list[float]]:
    """Sliced W1 of 5,000 model samples (sampler seed k) to held-out block k, and of held-out
    block k + 5 to block k, for k < REPEATS: both figures carry the same sampling noise."""
    test = load_points(dataset, "test").double().view(10, 5000, 2)
    sw_model, sw_data = [], []
    for k in range(REPEATS):
        gen = sample(model, 5000, steps=50, seed=k).double()
        sw_model.append(sliced_w1(gen, test[k], seed=k))
        sw_data.append(sliced_w1(test[k + 5], test[k], seed=k))
    return sw_model, sw_data


def train(args) -> None:
    torch.set_num_threads(1)
    torch.manual_seed(args.seed)
    data = load_points(args.dataset, "train")
    model = MLP2D()
    ema = copy.deepcopy(model).requires_grad_(False)
    opt = torch.optim.AdamW(model.parameters(), lr=args.lr, weight_decay=0.0)
    ls = log_sigmas()
    losses = []
    start = time.time()
    for step in range(args.steps):
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in opt.param_groups:
            group["lr"] = lr
        x0 = data[torch.randint(len(data), (args.batch,))]
        t = torch.rand(args.batch, dtype=torch.float64) * (T - 1)
        sigma = sigma_of_t(t, ls)
        xt, target = stf_targets(x0, sigma, data, args.reference)
        loss = ((model(xt, t.float()) - target) ** 2).mean()
        opt.zero_grad(set_to_none=True)
        loss.backward()
        opt.step()
        with torch.no_grad():
            decay = min(args.ema, (1 + step) / (10 + step))
            for pe, p in zip(ema.parameters(), model.parameters()):
                pe.mul_(decay).add_(p, alpha=1 - decay)
        losses.append(loss.item())
        if step % 1000 == 0 or step == args.steps - 1:
            recent = sum(losses[-500:]) / len(losses[-500:])
            print(f"step {step} loss {recent:.4f} lr {lr:.2e} {time.time() - start:.0f}s", flush=True)
    wall = time.time() - start

    sw_model, sw_data = evaluate(ema, args.dataset)
    print(f"SW1 model->data {sw_model} data->data {sw_data}")
    ratio = sum(sw_model) / sum(sw_data)
    print(f"mean SW1 model->data {sum(sw_model) / REPEATS:.4f} data->data {sum(sw_data) / REPEATS:.4f} ratio {ratio:.2f}")

    params = sum(p.numel() for p in model.parameters())
    extra = {
        "training": {
            "command": f"OMP_WAIT_POLICY=ACTIVE /usr/bin/python3 training/train_mlp2d.py --dataset {args.dataset}"
            + ("" if args.steps == DEFAULT_STEPS else f" --steps {args.steps}"),
            "steps": args.steps,
            "batch": args.batch,
            "lr": args.lr,
            "ema": args.ema,
            "stfReference": args.reference,
            "seed": args.seed,
            "parameters": params,
            "wallSeconds": round(wall, 1),
            "finalLoss": round(sum(losses[-500:]) / len(losses[-500:]), 5),
            "threads": 1,
        },
        "evaluation": {
            "sampler": "DPM-Solver++(2M), 50 steps, Karras sigmas (rho 7) from sigma(T-1) to sigma(0), then 0",
            "points": 5000,
            "projections": 256,
            "repeats": REPEATS,
            "sw1ModelToData": [round(v, 5) for v in sw_model],
            "sw1DataToData": [round(v, 5) for v in sw_data],
        },
    }
    export(ema, os.path.join(ROOT, "public", "models", f"mlp-{args.dataset}"), args.dataset, args.seed, extra)


DEFAULT_STEPS = 2000

if __name__ == "__main__":
    p = argparse.ArgumentParser()
    p.add_argument("--dataset", required=True)
    p.add_argument("--steps", type=int, default=DEFAULT_STEPS)
    p.add_argument("--batch", type=int, default=256)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--reference", type=int, default=1024, help="STF reference batch size (0: plain eps loss)")
    train(p.parse_args())
