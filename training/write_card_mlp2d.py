"""Write the model card public/models/mlp-<dataset>/README.md from the facts in its model.json.

  /usr/bin/python3 training/write_card_mlp2d.py moons [more ids ...]
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
    for ds in sys.argv[1:]:
        write(ds)
