"""Properties of diffusion_forward: the beta schedule against torch.linspace in float32; q_sample against
a float64 reference over float32/float64 (tensor_close) and float16/bfloat16 (within 2x the error of a
plain same-dtype implementation, FlashAttention practice), for standard and arbitrary alphas_cumprod,
any number of trailing dims; diffusion_loss through a judge-supplied EpsModel (support.py) that records
its calls, so the x_t and t it was given, the loss value and the gradients reaching the model are all
compared. Inputs are echoed back, so writing into x0, t, noise or alphas_cumprod is a wrong answer.
"""
import torch
from hypothesis import strategies as st

from judge.compare import exact, tensor_close, within_baseline
from judge.harness import prop

DTYPES = {"float32": torch.float32, "float64": torch.float64, "float16": torch.float16, "bfloat16": torch.bfloat16}
SCHEDULE_TOL = {"float32": (1e-10, 1e-6)}  # betas are 1e-4 and up: the floor only keeps 0 from needing exactness

seeds = st.integers(0, 2**31 - 1)
steps = st.integers(1, 1000)
trailing = st.lists(st.integers(1, 5), max_size=3)  # dims after the batch dim: (B,), (B, D), (B, C, H, W)
batches = st.integers(1, 4)


def close(expected, actual, path="result"):
    """Recursive: tensors with tensor_close (per-dtype table), everything else exactly."""
    if type(expected) is torch.Tensor:
        reason = tensor_close()(expected, actual)
        return f"{path}: {reason}" if reason else None
    if type(expected) in (dict, list, tuple) and type(actual) is type(expected) and len(expected) == len(actual):
        if type(expected) is dict:
            if set(expected) != set(actual):
                return exact(expected, actual)
            pairs = [(f"{path}[{k!r}]", expected[k], actual[k]) for k in expected]
        else:
            pairs = [(f"{path}[{i}]", e, a) for i, (e, a) in enumerate(zip(expected, actual))]
        for where, e, a in pairs:
            reason = close(e, a, where)
            if reason:
                return reason
        return None
    reason = exact(expected, actual)
    return f"{path}: {reason}" if reason else None


def alphas(seed, T, kind, dtype):
    """alphas_cumprod: the standard linear schedule, or an arbitrary decreasing one with big steps."""
    if kind == "linear":
        a = torch.cumprod(1 - torch.linspace(1e-4, 0.02, T, dtype=torch.float32), 0)
    else:
        g = torch.Generator().manual_seed(seed + 5)
        a = torch.cumprod(1 - torch.rand(T, generator=g, dtype=torch.float64) * 0.3, 0)
    return a.to(DTYPES[dtype])


def inputs(seed, T, batch, dims, dtype):
    g = torch.Generator().manual_seed(seed)
    x0 = (torch.randn(batch, *dims, generator=g) * 1.5).to(DTYPES[dtype])
    noise = torch.randn(batch, *dims, generator=g).to(DTYPES[dtype])
    t = torch.randint(0, T, (batch,), generator=g)
    return x0, t, noise


def same_dtype_baseline(x0, t, noise, abar):
    """A plain implementation in x0's dtype: coefficients from float64, rounded to the dtype, then dtype arithmetic."""
    a = abar.double()[t].reshape((-1,) + (1,) * (x0.dim() - 1))
    return a.sqrt().to(x0.dtype) * x0 + (1 - a).sqrt().to(x0.dtype) * noise


@prop(steps, max_examples=40)
def default_schedule(p, T):
    """linear_beta_schedule(T): T float32 values from 1e-4 to 0.02 as torch.linspace (T = 1 gives [1e-4])."""
    p.call("linear_beta_schedule", T).compare(tensor_close(tolerances=SCHEDULE_TOL))


@prop(steps, st.sampled_from([1e-4, 5e-4, 0.00085, 0.001]), st.sampled_from([0.012, 0.02, 0.05]), max_examples=40)
def custom_schedule(p, T, start, end):
    """beta_start and beta_end passed positionally and as keywords."""
    p.call("linear_beta_schedule", T, start, end).compare(tensor_close(tolerances=SCHEDULE_TOL))
    p.call("linear_beta_schedule", T, beta_start=start, beta_end=end).compare(tensor_close(tolerances=SCHEDULE_TOL))


@prop(seeds, steps, batches, trailing, st.sampled_from(["float32", "float64"]), st.sampled_from(["linear", "random"]),
      st.sampled_from(["float32", "float64"]), max_examples=150)
def q_sample_matches(p, seed, T, batch, dims, dtype, kind, abar_dtype):
    """q_sample = sqrt(abar[t]) x0 + sqrt(1 - abar[t]) noise, abar[t] broadcast over all dims but the first,
    using the alphas_cumprod given (not a default schedule), in x0's dtype."""
    x0, t, noise = inputs(seed, T, batch, dims, dtype)
    p.call("q_sample", x0, t, noise, alphas(seed, T, kind, abar_dtype)).compare(tensor_close())


@prop(seeds, steps, batches, trailing, st.sampled_from(["float16", "bfloat16"]), st.sampled_from(["linear", "random"]),
      max_examples=60)
def q_sample_half(p, seed, T, batch, dims, dtype, kind):
    """float16 / bfloat16 x0 and noise: the result in that dtype, at most 2x the error of a plain same-dtype
    implementation (plus a rounding floor) against the float64 answer."""
    x0, t, noise = inputs(seed, T, batch, dims, dtype)
    abar = alphas(seed, T, kind, "float32")
    a = abar.double()[t].reshape((-1,) + (1,) * (x0.dim() - 1))
    ref64 = a.sqrt() * x0.double() + (1 - a).sqrt() * noise.double()
    p.call("q_sample", x0, t, noise, abar).compare(within_baseline(ref64, same_dtype_baseline(x0, t, noise, abar)))


@prop(seeds, st.integers(1, 8), batches, st.sampled_from([0, 1, 2]))
def q_sample_edges(p, seed, T, batch, extra):
    """t = 0 and t = T - 1 (first and last step), repeated timesteps in a batch."""
    g = torch.Generator().manual_seed(seed)
    dims = [3] * extra
    x0 = torch.randn(batch, *dims, generator=g)
    noise = torch.randn(batch, *dims, generator=g)
    abar = alphas(seed, T, "random", "float32")
    for value in (0, T - 1):
        p.call("q_sample", x0, torch.full((batch,), value, dtype=torch.long), noise, abar).compare(tensor_close())


@prop(seeds, steps, batches, trailing, st.sampled_from(["float32", "float64"]), st.sampled_from(["linear", "random"]),
      max_examples=120)
def loss_matches(p, seed, T, batch, dims, dtype, kind):
    """diffusion_loss calls eps_model(x_t, t) once with x_t = q_sample(...) and t, and returns the 0-dim mean
    of (prediction - noise)^2 over all elements, differentiable: backward gives the model its gradients."""
    model = p.support("EpsModel", seed, dtype)
    x0, t, noise = inputs(seed, T, batch, dims, dtype)
    loss = p.new("diffusion_loss", model, x0, t, noise, alphas(seed, T, kind, "float32"))
    p.helper("calls", model).compare(close)
    p.helper("loss_report", model, loss).compare(close)
