"""Networks on S^2 and T^2 and their training targets (issue 20; the app's side: src/models/manifoldMlp.ts).

The network is MLP2D (mlp2d_model.py) on the embedded point: x in R^3 on S^2, (cos a, sin a, cos b, sin b)
in R^4 on T^2. Its output is a tangent vector: on S^2 the 3-vector projected onto T_x S^2 (v - <v, x> x),
on T^2 the two angle components. Two kinds (model.json `manifold.output`):

- "score": s(x, tau) ~ sqrt(tau) grad log p_tau(x), Brownian motion with generator Delta/2 from the data,
  trained by denoising score matching with the heat kernel's score as target (De Bortoli et al. 2022,
  RSGM, eq. (7) with lambda(tau) = tau). Time input 1000 log(tau / TAU_MIN) / log(TAU_MAX / TAU_MIN).
- "velocity": Riemannian flow matching with geodesic conditional paths from the uniform law (Chen &
  Lipman 2024, eq. (14)): x_t = exp_{x0}(t log_{x0} x1), u_t(x_t | x1) = log_{x_t}(x1) / (1 - t).
  Time input 1000 t.
"""
import math

import torch

from mlp2d_model import MLP2D

# Brownian-motion time range per manifold (src/core/manifold/lanes.ts TAU).
TAU = {"sphere": (1e-4, 6.0), "torus": (1e-4, 12.0)}
DIMS = {"sphere": (3, 3), "torus": (4, 2)}  # (network input, output)


def embed(manifold: str, x: torch.Tensor) -> torch.Tensor:
    if manifold == "sphere":
        return x
    return torch.stack([x[:, 0].cos(), x[:, 0].sin(), x[:, 1].cos(), x[:, 1].sin()], 1)


def to_tangent(manifold: str, x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    if manifold == "sphere":
        return v - (v * x).sum(1, keepdim=True) * x
    return v


def wrap(a: torch.Tensor) -> torch.Tensor:
    """Angles to [-pi, pi)."""
    return torch.remainder(a + math.pi, 2 * math.pi) - math.pi


def time_input(manifold: str, output: str, t: torch.Tensor) -> torch.Tensor:
    if output == "velocity":
        return 1000.0 * t
    lo, hi = TAU[manifold]
    return 1000.0 * torch.log(t / lo) / math.log(hi / lo)


class ManifoldNet(torch.nn.Module):
    """The tangent field: MLP2D(embed(x), time_input(t)), projected onto T_x."""

    def __init__(self, manifold: str, output: str):
        super().__init__()
        self.manifold, self.output = manifold, output
        self.mlp = MLP2D(*DIMS[manifold])

    def forward(self, x: torch.Tensor, t: torch.Tensor) -> torch.Tensor:
        """x: float32 points [n, 3 | 2]; t: times [n] (the time input is formed in float64, as in the app)."""
        tin = time_input(self.manifold, self.output, t.double()).float()
        return to_tangent(self.manifold, x, self.mlp(embed(self.manifold, x), tin))


def random_tangent_unit(x: torch.Tensor) -> torch.Tensor:
    """A uniformly random unit vector of T_x S^2 (an ambient normal, projected, normalised)."""
    z = to_tangent("sphere", x, torch.randn_like(x))
    return z / z.norm(dim=1, keepdim=True)


def sphere_log(x: torch.Tensor, y: torch.Tensor) -> torch.Tensor:
    """log_x(y) = theta (y - c x) / |y - c x|, c = <x, y>, theta = arccos c."""
    c = (x * y).sum(1, keepdim=True).clamp(-1, 1)
    w = y - c * x
    n = w.norm(dim=1, keepdim=True)
    return torch.where(n > 1e-12, torch.atan2(n, c) * w / n.clamp_min(1e-12), torch.zeros_like(w))


def sphere_exp(x: torch.Tensor, v: torch.Tensor) -> torch.Tensor:
    n = v.norm(dim=1, keepdim=True)
    y = torch.cos(n) * x + torch.sinc(n / math.pi) * v
    return y / y.norm(dim=1, keepdim=True)


def fm_batch(manifold: str, x1: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
    """(x_t, t, u_t(x_t | x1)) with x0 uniform and t ~ U[0, 1) (Chen & Lipman 2024, eq. (14))."""
    n = len(x1)
    t = torch.rand(n, dtype=x1.dtype)
    if manifold == "sphere":
        x0 = torch.randn_like(x1)
        x0 = x0 / x0.norm(dim=1, keepdim=True)
        xt = sphere_exp(x0, t[:, None] * sphere_log(x0, x1))
        return xt, t, sphere_log(xt, x1) / (1 - t[:, None])
    x0 = (torch.rand_like(x1) * 2 - 1) * math.pi
    delta = wrap(x1 - x0)
    return wrap(x0 + t[:, None] * delta), t, delta


class SphereHeatTables:
    """The law of the polar angle theta of Brownian motion on S^2 after time tau (generator Delta/2) and
    d log k_tau / d theta, on a grid of TAUS times log-spaced in [TAU_MIN, TAU_MAX] (score training draws
    tau from this grid). The kernel is src/core/manifold/heatSphere.ts's: the Legendre series
    sum_l (2l+1)/(4 pi) e^{-l(l+1) tau/2} P_l(cos theta) (cut when the tail bound e^{-L(L+1)tau/2}/(2 pi tau)
    < 1e-13) from tau = 0.02 up, the Varadhan term (2 pi tau)^{-1} sqrt(theta/sin theta) e^{-theta^2/(2 tau)}
    below. theta's density is k_tau(theta) 2 pi sin theta on [0, min(pi, 12 sqrt tau)] (GRID points),
    sampled through a table of its quantiles (the inverse
    of its trapezoidal CDF at QUANTILES levels)."""

    TAUS, GRID, QUANTILES, VARADHAN_BELOW = 512, 2049, 4097, 0.02

    def __init__(self, tau_min: float, tau_max: float):
        d = torch.float64
        self.taus = torch.exp(torch.linspace(math.log(tau_min), math.log(tau_max), self.TAUS, dtype=d))
        q_theta, q_dlog = [], []
        u = (torch.arange(self.QUANTILES, dtype=d) + 0.5) / self.QUANTILES
        for tau in self.taus.tolist():
            theta = torch.linspace(0, min(math.pi, 12 * math.sqrt(tau)), self.GRID, dtype=d)
            logk, dlog = self._kernel(tau, theta)
            dens = torch.exp(logk - logk.max()) * torch.sin(theta)
            cdf = torch.cat([torch.zeros(1, dtype=d), torch.cumsum(0.5 * (dens[1:] + dens[:-1]), 0)])
            cdf = cdf / cdf[-1]
            i = (torch.searchsorted(cdf, u, right=True) - 1).clamp(0, self.GRID - 2)
            w = ((u - cdf[i]) / (cdf[i + 1] - cdf[i]).clamp_min(1e-300)).clamp(0, 1)
            q_theta.append((1 - w) * theta[i] + w * theta[i + 1])
            q_dlog.append((1 - w) * dlog[i] + w * dlog[i + 1])
        # theta and d log k / d theta at the quantiles (k + 1/2) / QUANTILES, flat [TAUS * QUANTILES]
        # (the outermost 1/(2 QUANTILES) of mass is clamped to them; theta = pi, where Varadhan's term fails, is never drawn)
        self.q_theta, self.q_dlog = torch.cat(q_theta), torch.cat(q_dlog)

    def _kernel(self, tau: float, theta: torch.Tensor) -> tuple[torch.Tensor, torch.Tensor]:
        """log k_tau(theta) and its derivative in theta: the series, or Varadhan's term below VARADHAN_BELOW
        and where the series falls under 1e-6 (its far tail, where rounding spoils d log k; heatSphere.ts
        switches its values at 1e-9)."""
        s = torch.sin(theta)
        ratio = torch.where(theta > 1e-8, theta / s.clamp_min(1e-300), torch.ones_like(theta))
        # d/dtheta [0.5 log(theta / sin theta)] = 1/(2 theta) - cot(theta)/2 -> theta/6 at 0
        half = torch.where(theta > 1e-4, 0.5 / theta.clamp_min(1e-300) - 0.5 * torch.cos(theta) / s.clamp_min(1e-300), theta / 6)
        v_log = -math.log(2 * math.pi * tau) + 0.5 * torch.log(ratio) - theta**2 / (2 * tau) + tau / 6
        v_dlog = half - theta / tau
        if tau < self.VARADHAN_BELOW:
            return v_log, v_dlog
        L = 1
        while math.exp(-L * (L + 1) * tau / 2) / (2 * math.pi * tau) >= 1e-13:
            L += 1
        c = torch.cos(theta)
        p_prev, p = torch.ones_like(c), c.clone()  # P_0, P_1
        dp_prev, dp = torch.zeros_like(c), torch.ones_like(c)  # P_0', P_1'
        k = torch.full_like(c, 1.0) / (4 * math.pi)
        dk = torch.zeros_like(c)
        for l in range(1, L + 1):
            a = (2 * l + 1) / (4 * math.pi) * math.exp(-l * (l + 1) * tau / 2)
            k, dk = k + a * p, dk + a * dp
            # Bonnet: (l+1) P_{l+1} = (2l+1) c P_l - l P_{l-1};  P'_{l+1} = P'_{l-1} + (2l+1) P_l
            p_prev, p, dp_prev, dp = p, ((2 * l + 1) * c * p - l * p_prev) / (l + 1), dp, dp_prev + (2 * l + 1) * p
        tail = k < 1e-6
        k = k.clamp_min(1e-300)
        return torch.where(tail, v_log, torch.log(k)), torch.where(tail, v_dlog, -s * dk / k)

    def sample(self, n: int) -> tuple[torch.Tensor, torch.Tensor, torch.Tensor]:
        """(tau, theta, d log k / d theta at theta) for n draws, tau uniform over the grid: theta by linear
        interpolation of the quantile table at a uniform level."""
        j = torch.randint(self.TAUS, (n,))
        pos = (torch.rand(n, dtype=torch.float64) * self.QUANTILES - 0.5).clamp(0, self.QUANTILES - 1)
        i = pos.floor().long().clamp(max=self.QUANTILES - 2)
        w = pos - i
        flat = j * self.QUANTILES + i
        theta = (1 - w) * self.q_theta[flat] + w * self.q_theta[flat + 1]
        d = (1 - w) * self.q_dlog[flat] + w * self.q_dlog[flat + 1]
        return self.taus[j], theta, d


def score_batch(manifold: str, x0: torch.Tensor, tables: SphereHeatTables | None):
    """(x_tau, tau, sqrt(tau) grad_x log k_tau(x_tau | x0)): the scaled denoising-score-matching target."""
    n = len(x0)
    if manifold == "sphere":
        tau, theta, dlog = tables.sample(n)
        e = random_tangent_unit(x0)
        th = theta[:, None]
        xt = torch.cos(th) * x0 + torch.sin(th) * e
        away = -torch.sin(th) * x0 + torch.cos(th) * e  # the unit direction of growing theta at x_tau
        return xt, tau, tau.sqrt()[:, None] * dlog[:, None] * away
    lo, hi = TAU[manifold]
    tau = torch.exp(math.log(lo) + (math.log(hi) - math.log(lo)) * torch.rand(n, dtype=torch.float64))
    xt = wrap(x0 + tau.sqrt()[:, None] * torch.randn_like(x0))
    # Wrapped normal per angle: score = sum_k w_k (-(delta + 2 pi k)/tau), w_k ~ e^{-(delta + 2 pi k)^2 / 2 tau}
    delta = wrap(xt - x0)[:, :, None] + 2 * math.pi * torch.arange(-6, 7, dtype=torch.float64)
    w = torch.softmax(-(delta**2) / (2 * tau[:, None, None]), dim=2)
    score = (w * -delta).sum(2) / tau[:, None]
    return xt, tau, tau.sqrt()[:, None] * score
