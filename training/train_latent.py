"""Train a class-conditional latent denoiser: the MLP of mlp2d_model.py on the posterior means of a shipped
VAE (public/models/<vae>/, float16 weights as shipped) over the whole training split, with classifier-free
guidance (Ho & Salimans 2022: the label is replaced by the null class with probability --drop), and export
it to public/models/mlp-<dataset>-latent<d>d (manifest kind mlp2d; model.json names the autoencoder).

  OMP_NUM_THREADS=1 nice python3 training/train_latent.py --vae fashion-vae16

Objective: DDPM's simple loss ||eps - eps_theta(x_t, t, y)||^2, t ~ U[0, T-1] continuous, on the linear
schedule of mlp2d_model.py. The exported weights are an EMA of the training weights. Scored by sampling
--eval-per-class latents per class with 50 DDIM steps at guidance 1 and 2, decoding them with the VAE and
asking the bundled classifier whether it sees the requested class (latent_card.py writes the card).
"""
import argparse
import copy
import json
import math
import os
import sys
import time

import numpy as np
import torch

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from ema import step_with_ema  # noqa: E402
import data  # noqa: E402
import devices  # noqa: E402
from latent_card import write_card  # noqa: E402
from mlp2d_export import named_arrays  # noqa: E402
from mlp2d_model import BETA_END, BETA_START, LAYERS, T, TEMB_DIM, TIME_DIM, MLP2D, log_sigmas  # noqa: E402
from mlp2d_model import sigma_of_t, t_of_sigma  # noqa: E402
from vae import ROOT, VAE, predict, shipped_classifier  # noqa: E402

CLASSES = 10


def shipped_vae(vae_id: str) -> tuple[VAE, dict]:
    """The VAE of public/models/<vae_id> with its float16 weights as shipped (kernels stored [in, out])."""
    folder = os.path.join(ROOT, "public", "models", vae_id)
    with open(os.path.join(folder, "model.json")) as f:
        meta = json.load(f)
    topo = meta["modelTopology"]
    hw = topo["inputShape"][0]
    model = VAE(hw * hw, topo["latentDim"], tuple(topo["hidden"]))
    raw = np.fromfile(os.path.join(folder, "weights.bin"), dtype="<f2")
    state, offset = {}, 0
    for e in meta["weightsManifest"][0]["weights"]:
        n = int(np.prod(e["shape"]))
        t = torch.from_numpy(raw[offset : offset + n].astype(np.float32)).view(e["shape"])
        state[e["name"]] = t.t().contiguous() if t.ndim == 2 else t
        offset += n
    model.load_state_dict(state)
    return model.eval(), meta


@torch.no_grad()
def encode_all(vae: VAE, x: torch.Tensor, batch: int = 2000) -> torch.Tensor:
    return torch.cat([vae.encode(x[i : i + batch])[0] for i in range(0, len(x), batch)])


def guided_denoiser(model: MLP2D, classes: torch.Tensor, guidance: float):
    """D(x, sigma) in k-diffusion coordinates (x = x0 + sigma eps) with classifier-free guidance on eps:
    eps = eps_u + w (eps_c - eps_u), w = 1 the conditional model (src/models/guidedUnetDenoiser.ts)."""
    ls = log_sigmas()
    null = torch.full_like(classes, model.classes)

    def denoise(x: torch.Tensor, sigma: float) -> torch.Tensor:
        t = t_of_sigma(torch.tensor([sigma], dtype=torch.float64), ls).expand(x.shape[0]).float()
        xt = (x / math.sqrt(1 + sigma**2)).float()
        eps_c, eps_u = model(xt, t, classes).double(), model(xt, t, null).double()
        return x - sigma * (eps_u + guidance * (eps_c - eps_u))

    return denoise


def ddim_sigmas(steps: int) -> list[float]:
    """DDIM's "leading" timesteps as diffusers spaces them (T/steps apart from 0), as sigmas, then 0."""
    ls = log_sigmas()
    ts = [(steps - 1 - i) * (T // steps) for i in range(steps)]
    return [float(ls[t].exp()) for t in ts] + [0.0]


@torch.no_grad()
def ddim(denoise, x: torch.Tensor, sigmas: list[float]) -> torch.Tensor:
    """Deterministic DDIM (Song et al. 2021, eq. 12 with eta 0) = Euler on the probability-flow ODE in sigma."""
    for s, s_next in zip(sigmas[:-1], sigmas[1:]):
        x0 = denoise(x, s)
        x = x0 + (s_next / s) * (x - x0)
    return x


@torch.no_grad()
def class_agreement(model, vae, classifier, dim, side, per_class, guidance, seed=0) -> float:
    labels = torch.arange(CLASSES).repeat_interleave(per_class)
    sig = ddim_sigmas(50)
    g = torch.Generator().manual_seed(seed)
    x = torch.randn(len(labels), dim, generator=g, dtype=torch.float64) * sig[0]
    z = ddim(guided_denoiser(model, labels, guidance), x, sig)
    images = vae.decode(z.float(), side)
    return (predict(classifier, images) == labels).float().mean().item()


def test_vector(model: MLP2D, dim: int, seed: int) -> dict:
    """Inputs spanning the schedule, every label including the null class, and PyTorch's float32 eps."""
    g = torch.Generator().manual_seed(seed + 12345)
    x = torch.randn(12, dim, generator=g) * 1.5
    t = torch.tensor([0, 0.5, 3.25, 10, 49.9, 100, 250, 400.75, 500, 750, 900, 999], dtype=torch.float32)
    y = torch.arange(12) % (model.classes + 1)
    with torch.no_grad():
        eps = model(x, t, y)
    return {"x": x.tolist(), "t": t.tolist(), "y": y.tolist(), "eps": eps.tolist()}


def export(model: MLP2D, out_dir: str, meta: dict) -> int:
    os.makedirs(out_dir, exist_ok=True)
    arrays = named_arrays(model)
    arrays.append(("class_embed/embeddings", np.ascontiguousarray(model.class_embed.weight.detach().numpy(), "<f4")))
    with open(os.path.join(out_dir, "weights.bin"), "wb") as f:
        for _, a in arrays:
            f.write(a.tobytes())
    meta["weightsManifest"] = [
        {"paths": ["weights.bin"], "weights": [{"name": n, "shape": list(a.shape), "dtype": "float32"} for n, a in arrays]}
    ]
    with open(os.path.join(out_dir, "model.json"), "w") as f:
        json.dump(meta, f, indent=1)
        f.write("\n")
    return sum(a.nbytes for _, a in arrays)


def main() -> None:
    p = argparse.ArgumentParser()
    p.add_argument("--vae", required=True, choices=["fashion-vae2", "fashion-vae16", "digits-vae2"])
    p.add_argument("--steps", type=int, default=6000)
    p.add_argument("--batch", type=int, default=512)
    p.add_argument("--lr", type=float, default=2e-3)
    p.add_argument("--hidden", type=int, default=256)
    p.add_argument("--drop", type=float, default=0.15, help="label dropout: the share of null-class labels")
    p.add_argument("--ema", type=float, default=0.999)
    p.add_argument("--seed", type=int, default=0)
    p.add_argument("--eval-per-class", type=int, default=200)
    args = p.parse_args()
    device = devices.pick(cpu_threads=1)
    torch.manual_seed(args.seed)
    vae, vae_meta = shipped_vae(args.vae)
    dataset, dim = vae_meta["dataset"], vae_meta["modelTopology"]["latentDim"]
    side = vae_meta["modelTopology"]["inputShape"][0]
    x_tr, y_tr = data.load(dataset, "train")
    z = encode_all(vae, x_tr)
    model = MLP2D(dim, dim, classes=CLASSES, hidden=args.hidden)
    ema = copy.deepcopy(model).requires_grad_(False)
    params, ema_params = list(model.parameters()), list(ema.parameters())
    opt = torch.optim.AdamW(params, lr=args.lr, weight_decay=0.0)
    ls = log_sigmas()
    start, recent = time.time(), []
    for step in range(args.steps):
        lr = args.lr * 0.5 * (1 + math.cos(math.pi * step / args.steps))
        for group in opt.param_groups:
            group["lr"] = lr
        idx = torch.randint(len(z), (args.batch,))
        x0, y = z[idx], y_tr[idx].clone()
        y[torch.rand(args.batch) < args.drop] = CLASSES
        t = torch.rand(args.batch, dtype=torch.float64) * (T - 1)
        sigma = sigma_of_t(t, ls)
        a = (1 / torch.sqrt(1 + sigma**2))[:, None].float()
        b = (sigma / torch.sqrt(1 + sigma**2))[:, None].float()
        eps = torch.randn_like(x0)
        loss = ((model(a * x0 + b * eps, t.float(), y) - eps) ** 2).mean()
        step_with_ema(opt, loss, params, ema_params, args.ema, step)
        recent = (recent + [loss.item()])[-500:]
        if step % 1000 == 0 or step == args.steps - 1:
            print(f"{args.vae} step {step} loss {sum(recent) / len(recent):.4f} {time.time() - start:.0f}s", flush=True)
    wall = time.time() - start
    ema.eval()

    classifier = shipped_classifier(dataset)
    agreement = {
        str(w): class_agreement(ema, vae, classifier, dim, side, args.eval_per_class, w) for w in (0.0, 1.0, 2.0, 4.0)
    }
    print(f"{args.vae} classifier agreement by guidance {agreement}", flush=True)
    flags = " ".join(f"--{k.replace('_', '-')} {v}" for k, v in vars(args).items() if k != "vae")
    model_id = f"mlp-{dataset}-latent{dim}d"
    meta = {
        "format": "tfjs-weights-manifest",
        "generatedBy": f"training/train_latent.py (torch {torch.__version__})",
        "architecture": {"kind": "mlp2d", "timeEmbedding": "sinusoidal", "inputDim": dim, "outputDim": dim,
                         "timeDim": TIME_DIM, "tembDim": TEMB_DIM, "hidden": args.hidden, "layers": LAYERS,
                         "classes": CLASSES, "activation": "silu"},
        "diffusion": {"parameterisation": "eps",
                      "schedule": {"kind": "linear", "T": T, "beta_start": BETA_START, "beta_end": BETA_END},
                      "timeInput": "continuous t in [0, T-1], log sigma interpolated between integers",
                      "inputShape": [dim], "dataset": f"{dataset}-latent{dim}d", "classes": CLASSES,
                      "nullClass": CLASSES},
        "autoencoder": args.vae,
        "classNames": vae_meta["classNames"],
        "testVector": test_vector(ema, dim, args.seed),
        "training": {"command": f"OMP_NUM_THREADS=1 nice python3 training/train_latent.py --vae {args.vae} {flags}",
                     "latents": len(z), "labelDropout": args.drop, "steps": args.steps, "batch": args.batch,
                     "lr": args.lr, "ema": args.ema, "seed": args.seed,
                     "parameters": sum(p.numel() for p in model.parameters()), "wallSeconds": round(wall, 1),
                     "finalLoss": round(sum(recent) / len(recent), 5), "hardware": devices.describe(device)},
        "evaluation": {"sampler": "DDIM (eta 0), 50 steps, leading spacing, x_T = sigma_max * N(0, I)",
                       "perClass": args.eval_per_class, "classifier": f"{dataset}-classifier",
                       "classAgreementByGuidance": {k: round(v, 4) for k, v in agreement.items()}},
    }
    out_dir = os.path.join(ROOT, "public", "models", model_id)
    nbytes = export(ema, out_dir, meta)
    write_card(out_dir, model_id, meta, nbytes)
    print(f"wrote {out_dir} ({nbytes} bytes)")


if __name__ == "__main__":
    main()
