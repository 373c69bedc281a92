"""Properties of self_attention: differential against a float64 reference over float32, float16 and
bfloat16 (and float64 for very large scores), 0 to 2 leading batch dims, Lq != Lk, causal masking,
boolean masks of every broadcastable shape, and combinations; outputs compared with tensor_close
(per-dtype tolerances), inputs echoed back so an in-place change is caught.

Tensors are built from a drawn integer seed with a torch.Generator, not drawn value by value, so
hundreds of examples stay fast and a failure shrinks to small shapes.
"""
import torch
from hypothesis import strategies as st

from judge.compare import tensor_close
from judge.harness import benchmark, prop

NAME = "scaled_dot_product_attention"
DTYPES = {"float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}

seeds = st.integers(0, 2**31 - 1)
batch_dims = st.lists(st.integers(1, 3), max_size=2)  # 0, 1 or 2 leading dims, e.g. (batch, heads)
lengths = st.integers(1, 16)
dims = st.integers(1, 16)
dtypes = st.sampled_from(sorted(DTYPES))
spreads = st.sampled_from([0.5, 1.0, 2.0])  # standard deviation of q and k entries


def make_qkv(seed, batch, lq, lk, d, dv, dtype, spread):
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(*batch, lq, d, generator=g) * spread
    k = torch.randn(*batch, lk, d, generator=g) * spread
    v = torch.randn(*batch, lk, dv, generator=g)
    return q.to(dtype), k.to(dtype), v.to(dtype)


def make_mask(seed, shape, causal):
    """A random bool mask of `shape` (last dim Lk) where every row can still attend to some key.

    With `causal` key 0 is always allowed (the only key query 0 sees); otherwise one random key per row.
    """
    g = torch.Generator().manual_seed(seed + 1)
    mask = torch.rand(*shape, generator=g) < 0.6
    lk = shape[-1]
    if causal:
        mask[..., 0] = True
    else:
        keep = torch.randint(0, lk, shape[:-1] + (1,), generator=g)
        mask.scatter_(-1, keep, True)
    return mask


@prop(seeds, batch_dims, lengths, lengths, dims, dims, dtypes, spreads, max_examples=200)
def matches_reference(p, seed, batch, lq, lk, d, dv, dtype, spread):
    """No mask, not causal: softmax(q k^T / sqrt(d)) v in the input dtype, within its tolerance."""
    q, k, v = make_qkv(seed, batch, lq, lk, d, dv, DTYPES[dtype], spread)
    p.call(NAME, q, k, v).compare(tensor_close())


@prop(seeds, batch_dims, lengths, lengths, dims, dims, dtypes, spreads, max_examples=150)
def causal(p, seed, batch, lq, lk, d, dv, dtype, spread):
    """causal=True: query i attends to keys 0..i, also when Lq > Lk or Lq < Lk (top-left aligned)."""
    q, k, v = make_qkv(seed, batch, lq, lk, d, dv, DTYPES[dtype], spread)
    p.call(NAME, q, k, v, causal=True).compare(tensor_close())


@prop(seeds, batch_dims, lengths, lengths, dims, dims, dtypes, st.integers(0, 4), st.booleans(), max_examples=200)
def boolean_mask(p, seed, batch, lq, lk, d, dv, dtype, form, with_causal):
    """A bool mask (True = may attend) of a shape that broadcasts to (..., Lq, Lk), with or without causal."""
    q, k, v = make_qkv(seed, batch, lq, lk, d, dv, DTYPES[dtype], 1.0)
    shape = [  # full, shared by the batch, key padding per batch, one key-padding row, size-1 batch dims
        (*batch, lq, lk), (lq, lk), (*batch, 1, lk), (1, lk), (*[1] * len(batch), lq, lk),
    ][form]
    mask = make_mask(seed, tuple(shape), with_causal)
    if with_causal:
        p.call(NAME, q, k, v, mask=mask, causal=True).compare(tensor_close())
    else:
        p.call(NAME, q, k, v, mask=mask).compare(tensor_close())


@prop(seeds, lengths, lengths, dims, st.sampled_from([10.0, 30.0]), max_examples=40)
def large_scores(p, seed, lq, lk, d, spread):
    """float64 inputs with scores in the hundreds or thousands: exp() without subtracting the row maximum overflows."""
    q, k, v = make_qkv(seed, [2], lq, lk, d, d, torch.float64, spread)
    p.call(NAME, q, k, v).compare(tensor_close())
    p.call(NAME, q, k, v, causal=True).compare(tensor_close())


@prop(seeds, dims, dtypes, max_examples=30)
def single_key(p, seed, d, dtype):
    """One key: every query's output is that key's value row, whatever the scores."""
    q, k, v = make_qkv(seed, [], 5, 1, d, 3, DTYPES[dtype], 2.0)
    p.call(NAME, q, k, v).compare(tensor_close())
    p.call(NAME, q, k, v, causal=True).compare(tensor_close())


# `judge bench challenge self_attention sol.py`: the submission against the textbook baseline
# (support.baseline_attention) on these shapes, float32, causal; outputs checked every round.
BENCHMARK = benchmark(
    function="scaled_dot_product_attention", baseline="baseline_attention", inputs="bench_inputs",
    shapes=[{"B": 1, "H": 4, "L": 128, "d": 64}, {"B": 2, "H": 8, "L": 256, "d": 64}, {"B": 1, "H": 8, "L": 512, "d": 64}],
    kwargs={"causal": True}, repeat=5,
)
