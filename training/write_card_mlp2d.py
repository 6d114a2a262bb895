"""Write the model card public/models/<mlp|fm>-<dataset>/README.md from the facts in its model.json.

  /usr/bin/python3 training/write_card_mlp2d.py moons [more ids ...]          (mlp-<dataset>)
  /usr/bin/python3 training/write_card_mlp2d.py --fm moons [more ids ...]     (fm-<dataset>)
"""
import json
import os
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))

CARD = """# mlp-{dataset}: eps-prediction MLP for the "{dataset}" toy data set

**Data.** The app's own seeded generator `sampleDataset('{dataset}', n, seed)` (src/core/data),
normalised to mean 0 and unit variance per coordinate on average; 50,000 training points (seed 1),
exported by `npx tsx scripts/export-datasets.ts`. The distribution is procedural (no third-party data).

**Diffusion.** Discrete VP (DDPM) schedule, linear betas {beta_start} .. {beta_end}, T = {T}.
The network predicts eps from (x_t, t), x_t = sqrt(abar_t) x0 + sqrt(1 - abar_t) eps. The time input
is continuous, t in [0, T - 1]: log sigma (sigma^2 = (1 - abar)/abar) is interpolated linearly between
integer timesteps, as k-diffusion's DiscreteSchedule and src/core/schedules/discreteVP.ts do, and
training draws t uniformly from that interval.

**Architecture.** temb = SiLU(Linear(sinusoidal_{timeDim}(t))); h = SiLU(Linear(x) + V_0 temb);
{hidden_layers} more layers h = SiLU(W_i h + b_i + V_i temb); eps = Linear(h). Width {hidden},
{params:,} parameters, float32 (weights.bin, {bin_bytes:,} bytes, tfjs weights-manifest format;
kernels stored [in, out]).

**Training.** `{command}`: {steps:,} AdamW steps, batch {batch}, learning rate {lr} with cosine decay to 0,
mean-squared error against Stable Target Field targets (Xu et al. 2023: the eps implied by the posterior
mean of x0 over a reference batch of {reference:,} data points that contains the training batch),
EMA {ema} of the weights (exported), seed {seed}, one CPU thread, {wall:.0f} s wall time (a shared
2-core machine). Final training loss (mean of the last 500 steps, against those targets): {loss:.4f}.

**Check.** {points:,} samples from {sampler}, compared with {points:,} held-out data points (seed 2)
by the sliced Wasserstein-1 distance over {projections} random directions, next to the distance between
two independent {points:,}-point blocks of held-out data. Both figures carry sampling noise of the same
size, so each is measured {repeats} times (sampler seed k against held-out block k; block k + 5 against
block k; k = 0 … {last}):

| | sliced W1, per repeat | mean |
|---|---|---|
| model samples vs data | {sw_model_list} | {sw_model:.4f} |
| two independent data samples | {sw_data_list} | {sw_data:.4f} |
| ratio of the means (requirement: at most 2) | | {ratio:.2f} |

**Test vector.** model.json's `testVector` holds 12 inputs (integer and fractional t from 0 to 999) and
PyTorch's float32 outputs; src/models/mlp2d.test.ts checks the tfjs forward pass against it.

**Licence.** MIT, like the rest of the project. **Intended use:** teaching and comparing samplers on 2D
data; it models nothing else.
"""


FM_CARD = """# fm-{dataset}: flow-matching (rectified-flow velocity) MLP for the "{dataset}" toy data set

**Data.** The app's own seeded generator `sampleDataset('{dataset}', n, seed)` (src/core/data),
normalised to mean 0 and unit variance per coordinate on average; 50,000 training points (seed 1),
exported by `npx tsx scripts/export-datasets.ts`. The distribution is procedural (no third-party data).

**Process.** Rectified flow / flow matching (Liu et al. 2023; Lipman et al. 2023 with sigma_min = 0):
x_tau = (1 - tau) x0 + tau eps, tau in [0, 1], data at tau = 0 and noise at tau = 1. The network predicts
the velocity v = eps - x0 from (x_tau, 1000 tau) (model.json `diffusion`: parameterisation `velocity`,
schedule `{{kind: 'flow', T: 1000}}`). In the app's k-diffusion coordinates tau = sigma / (1 + sigma),
x_tau = x / (1 + sigma) and the denoiser is D = (x - sigma v) / (1 + sigma) (src/core/denoisers/velocity.ts),
so every sampler and process can use it.

**Architecture.** The same network as the `mlp-*` models: temb = SiLU(Linear(sinusoidal_{timeDim}(1000 tau)));
h = SiLU(Linear(x) + V_0 temb); {hidden_layers} more layers h = SiLU(W_i h + b_i + V_i temb); v = Linear(h).
Width {hidden}, {params:,} parameters, float32 (weights.bin, {bin_bytes:,} bytes, tfjs weights-manifest
format; kernels stored [in, out]).

**Training.** `{command}`: {steps:,} AdamW steps, batch {batch}, learning rate {lr} with cosine decay to 0,
tau ~ U[0.001, 1], mean-squared error against Stable Target Field targets (Xu et al. 2023: eps - x0 with x0
the posterior mean over a reference batch of {reference:,} data points that contains the training batch),
EMA {ema} of the weights (exported), seed {seed}. Trained on {hardware}: {wall:.1f} s wall time (the ten
fm models one after another in one process; the first overlapped the end of a UNet training on the same
GPU). The same command runs
unchanged on a CPU, far slower (training/README.md). Final training loss (mean of the last 500 steps,
against those targets): {loss:.4f}.

**Check.** {points:,} samples from {sampler}, compared with {points:,} held-out data points
by the sliced Wasserstein-1 distance over {projections} random directions, next to the distance between
two independent {points:,}-point blocks of held-out data, {repeats} times each.

In training (PyTorch, held-out data seed 2: sampler seed k against block k; block k + 5 against block k):

| | sliced W1, per repeat | mean |
|---|---|---|
| model samples vs data | {sw_model_list} | {sw_model:.4f} |
| two independent data samples | {sw_data_list} | {sw_data:.4f} |
| ratio of the means (requirement: at most 2) | | {ratio:.2f} |

Through the CLI (TypeScript samplers, tfjs {cli_backend}):
`{cli_command}`, seeds {cli_seeds}, against `sampleDataset('{dataset}', 5000, 100 + seed)`; data
reference `sampleDataset('{dataset}', 5000, 200 + seed)` against the same blocks:

| | sliced W1, per repeat | mean |
|---|---|---|
| CLI samples vs data | {cli_model_list} | {cli_model:.4f} |
| two independent data samples | {cli_data_list} | {cli_data:.4f} |
| ratio of the means (requirement: at most 2) | | {cli_ratio:.2f} |

**Test vector.** model.json's `testVector` holds 12 inputs (time inputs 1000 tau from 0 to 999) and
PyTorch's float32 velocities; src/models/mlp2d.test.ts checks the tfjs forward pass against it.

**Licence.** MIT, like the rest of the project. **Intended use:** teaching and comparing flow matching
with diffusion on 2D data; it models nothing else.
"""


def write_fm(dataset: str) -> None:
    folder = os.path.join(ROOT, "public", "models", f"fm-{dataset}")
    with open(os.path.join(folder, "model.json")) as f:
        m = json.load(f)
    tr, ev, arch, cli = m["training"], m["evaluation"], m["architecture"], m["cliEvaluation"]
    text = FM_CARD.format(
        dataset=dataset,
        timeDim=arch["timeDim"],
        hidden=arch["hidden"],
        hidden_layers=arch["layers"] - 1,
        params=tr["parameters"],
        bin_bytes=os.path.getsize(os.path.join(folder, "weights.bin")),
        command=tr["command"],
        steps=tr["steps"],
        batch=tr["batch"],
        lr=tr["lr"],
        ema=tr["ema"],
        reference=tr["stfReference"],
        seed=tr["seed"],
        hardware=tr["hardware"],
        wall=tr["wallSeconds"],
        loss=tr["finalLoss"],
        points=ev["points"],
        sampler=ev["sampler"],
        projections=ev["projections"],
        repeats=ev["repeats"],
        sw_model_list=", ".join(f"{v:.4f}" for v in ev["sw1ModelToData"]),
        sw_data_list=", ".join(f"{v:.4f}" for v in ev["sw1DataToData"]),
        sw_model=sum(ev["sw1ModelToData"]) / ev["repeats"],
        sw_data=sum(ev["sw1DataToData"]) / ev["repeats"],
        ratio=sum(ev["sw1ModelToData"]) / sum(ev["sw1DataToData"]),
        cli_backend=cli["backend"],
        cli_command=cli["command"],
        cli_seeds=", ".join(str(v) for v in cli["seeds"]),
        cli_model_list=", ".join(f"{v:.4f}" for v in cli["sw1ModelToData"]),
        cli_data_list=", ".join(f"{v:.4f}" for v in cli["sw1DataToData"]),
        cli_model=sum(cli["sw1ModelToData"]) / len(cli["seeds"]),
        cli_data=sum(cli["sw1DataToData"]) / len(cli["seeds"]),
        cli_ratio=sum(cli["sw1ModelToData"]) / sum(cli["sw1DataToData"]),
    )
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(text)


def write(dataset: str) -> None:
    folder = os.path.join(ROOT, "public", "models", f"mlp-{dataset}")
    with open(os.path.join(folder, "model.json")) as f:
        m = json.load(f)
    tr, ev, sch, arch = m["training"], m["evaluation"], m["diffusion"]["schedule"], m["architecture"]
    text = CARD.format(
        dataset=dataset,
        beta_start=sch["beta_start"],
        beta_end=sch["beta_end"],
        T=sch["T"],
        timeDim=arch["timeDim"],
        hidden=arch["hidden"],
        hidden_layers=arch["layers"] - 1,
        params=tr["parameters"],
        bin_bytes=os.path.getsize(os.path.join(folder, "weights.bin")),
        command=tr["command"],
        steps=tr["steps"],
        batch=tr["batch"],
        lr=tr["lr"],
        ema=tr["ema"],
        reference=tr["stfReference"],
        seed=tr["seed"],
        wall=tr["wallSeconds"],
        loss=tr["finalLoss"],
        points=ev["points"],
        sampler=ev["sampler"],
        projections=ev["projections"],
        repeats=ev["repeats"],
        last=ev["repeats"] - 1,
        sw_model_list=", ".join(f"{v:.4f}" for v in ev["sw1ModelToData"]),
        sw_data_list=", ".join(f"{v:.4f}" for v in ev["sw1DataToData"]),
        sw_model=sum(ev["sw1ModelToData"]) / ev["repeats"],
        sw_data=sum(ev["sw1DataToData"]) / ev["repeats"],
        ratio=sum(ev["sw1ModelToData"]) / sum(ev["sw1DataToData"]),
    )
    with open(os.path.join(folder, "README.md"), "w") as f:
        f.write(text)


if __name__ == "__main__":
    fm = sys.argv[1:2] == ["--fm"]
    for ds in sys.argv[2:] if fm else sys.argv[1:]:
        (write_fm if fm else write)(ds)
