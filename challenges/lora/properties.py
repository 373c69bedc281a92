"""Properties of lora: the LoRALinear object stays in the sandbox; support.py helpers drive it and return
plain data (outputs, gradients, parameter names and counts, merge results) that is compared here.

The frozen base nn.Linear is built by support.make_base from a drawn seed on both sides, so the
reference and the submission wrap identical weights. Adapter weights A, B and inputs x are drawn
here from a seed and loaded into lora_A / lora_B by the helpers, so outputs are deterministic.
Tensors are compared with tensor_close under the tolerances stated in spec.md.
"""
import math

import torch
from hypothesis import strategies as st

from judge.compare import exact, tensor_close
from judge.harness import prop

TOLERANCES = {"float32": (1e-4, 1e-4), "float64": (1e-10, 1e-8)}
_close = tensor_close(tolerances=TOLERANCES)


def close(expected, actual, path="result"):
    """Recursive: tensors within tolerance, dict keys / names / bools / ints exactly."""
    if type(expected) is torch.Tensor:
        reason = _close(expected, actual)
        return f"{path}: {reason}" if reason else None
    if type(expected) is dict and type(actual) is dict:
        if set(expected) != set(actual):
            return exact(expected, actual)
        for key in expected:
            reason = close(expected[key], actual[key], f"{path}[{key!r}]")
            if reason:
                return reason
        return None
    reason = exact(expected, actual)
    return f"{path}: {reason}" if reason else None


seeds = st.integers(0, 2**31 - 1)
features = st.integers(1, 12)
ranks = st.integers(1, 6)
alphas = st.sampled_from([0.5, 1.0, 2.0, 8.0, 16.0, 32.0])
dtypes = st.sampled_from(["float32", "float32", "float64"])
lead = st.sampled_from([(1,), (3,), (5,), (2, 3)])  # leading dims of x: rows, or (batch, seq)


def tensors(seed, dtype, in_f, out_f, r, lead_dims):
    g = torch.Generator().manual_seed(seed + 7)
    dt = getattr(torch, dtype)
    A = (torch.randn(r, in_f, generator=g) / math.sqrt(in_f)).to(dt)
    B = (torch.randn(out_f, r, generator=g) / math.sqrt(r)).to(dt)
    x = torch.randn(*lead_dims, in_f, generator=g).to(dt)
    return A, B, x


def build(p, seed, in_f, out_f, r, alpha, bias, dtype):
    base = p.support("make_base", seed, in_f, out_f, bias, dtype)
    return p.new("LoRALinear", base, r, alpha)


@prop(seeds, features, features, ranks, alphas, st.booleans(), dtypes, lead, max_examples=60)
def equals_base_at_init(p, seed, in_f, out_f, r, alpha, bias, dtype, lead_dims):
    """At construction lora_B is zeros and lora_A random (nn.Parameters of shape (r, in) and (out, r), the
    base's dtype), so the layer's output equals the base layer's output."""
    layer = build(p, seed, in_f, out_f, r, alpha, bias, dtype)
    _, _, x = tensors(seed, dtype, in_f, out_f, r, lead_dims)
    p.helper("initial_state", layer, x).compare(close)


@prop(seeds, features, features, ranks, alphas, st.booleans(), dtypes, lead, max_examples=120)
def matches_formula(p, seed, in_f, out_f, r, alpha, bias, dtype, lead_dims):
    """With given A and B: forward(x) = base(x) + (alpha / r) * x @ A.T @ B.T, for 2-D and 3-D x; loading
    a second adapter replaces the first."""
    layer = build(p, seed, in_f, out_f, r, alpha, bias, dtype)
    A, B, x = tensors(seed, dtype, in_f, out_f, r, lead_dims)
    p.helper("forward_with", layer, A, B, x).compare(close)
    A2, B2, _ = tensors(seed + 1, dtype, in_f, out_f, r, lead_dims)
    p.helper("forward_with", layer, A2, B2, x).compare(close)


@prop(seeds, features, features, ranks, alphas, st.booleans(), dtypes, lead, max_examples=80)
def gradients_only_on_adapter(p, seed, in_f, out_f, r, alpha, bias, dtype, lead_dims):
    """Backpropagating through forward: lora_A, lora_B and x get the right gradients, the base's
    parameters get none; exactly lora_A and lora_B train, r * (in + out) numbers in all."""
    layer = build(p, seed, in_f, out_f, r, alpha, bias, dtype)
    p.helper("trainable", layer)
    A, B, x = tensors(seed, dtype, in_f, out_f, r, lead_dims)
    g = torch.Generator().manual_seed(seed + 3)
    w = torch.randn(*lead_dims, out_f, generator=g).to(getattr(torch, dtype))
    p.helper("gradients", layer, A, B, x, w).compare(close)


@prop(seeds, features, features, ranks, alphas, st.booleans(), dtypes, lead, max_examples=80)
def merge_equivalent(p, seed, in_f, out_f, r, alpha, bias, dtype, lead_dims):
    """merge() returns a new nn.Linear (bias iff the base has one, no storage shared) whose outputs equal
    the LoRA layer's, and leaves the LoRA layer (weights, adapter, requires_grad flags) unchanged; a
    second merge after loading another adapter is again right."""
    layer = build(p, seed, in_f, out_f, r, alpha, bias, dtype)
    A, B, x = tensors(seed, dtype, in_f, out_f, r, lead_dims)
    p.helper("merge_check", layer, A, B, x).compare(close)
    A2, B2, _ = tensors(seed + 1, dtype, in_f, out_f, r, lead_dims)
    p.helper("merge_check", layer, A2, B2, x).compare(close)
    p.helper("trainable", layer)


@prop(seeds, features, features, alphas, max_examples=10)
def rank_below_one(p, seed, in_f, out_f, alpha):
    """r = 0 (and negative r) is rejected with ValueError."""
    base = p.support("make_base", seed, in_f, out_f, True, "float32")
    p.new("LoRALinear", base, 0, alpha)
    p.new("LoRALinear", base, -1, alpha)
