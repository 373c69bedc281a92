"""Properties of flash_attention: differential against an exact float64 reference, with FlashAttention's
tolerance practice (the error may be at most twice the error of the plain full-matrix implementation
in the same dtype, plus a rounding floor), over float64/float32/float16/bfloat16, 0 to 2 batch dims,
Lq != Lk, causal masking, block sizes that do not divide the lengths, logits up to 1e4, and one long
sequence run inside the sandbox where a full score matrix does not fit in the memory limit.

Tensors are built from a drawn integer seed with a torch.Generator, so examples stay fast and a
failure shrinks to small shapes. Inputs are echoed back: writing into q, k or v is a wrong answer.
"""
import math

import torch
from hypothesis import strategies as st

from judge.compare import within_baseline
from judge.harness import benchmark, load_reference, load_support, prop

NAME = "flash_attention"
DTYPES = {"float64": torch.float64, "float32": torch.float32, "float16": torch.float16, "bfloat16": torch.bfloat16}
_support = load_support(__file__)
_reference = load_reference(__file__)

LONG_LENGTH = 8192  # a float32 score matrix of 8192 x 8192 is 256 MiB: more than the memory limit leaves
LONG_DIM = 16

seeds = st.integers(0, 2**31 - 1)
batch_dims = st.lists(st.integers(1, 3), max_size=2)  # 0, 1 or 2 leading dims, e.g. (batch, heads)
lengths = st.integers(1, 40)
dims = st.integers(1, 16)
dtypes = st.sampled_from(sorted(DTYPES))
blocks = st.sampled_from([1, 2, 3, 5, 8, 16, 64])


def make_qkv(seed, batch, lq, lk, d, dv, dtype, spread=1.0):
    g = torch.Generator().manual_seed(seed)
    q = torch.randn(*batch, lq, d, generator=g, dtype=torch.float64) * spread
    k = torch.randn(*batch, lk, d, generator=g, dtype=torch.float64) * spread
    v = torch.randn(*batch, lk, dv, generator=g, dtype=torch.float64)
    return q.to(dtype), k.to(dtype), v.to(dtype)


def judged(q, k, v, causal, floor=None):
    """The comparator for one call: error against float64 at most 2x the plain same-dtype implementation's
    plus a rounding floor (the dtype's, or `floor`)."""
    exact = _reference["flash_attention"](q.double(), k.double(), v.double(), causal=causal)
    plain = _support["baseline_attention"](q, k, v, causal=causal)
    return within_baseline(exact, plain, multiple=2.0, floor=floor)


def call(p, q, k, v, causal, block_size=None, floor=None):
    kwargs = {"causal": True} if causal else {}
    if block_size is not None:
        kwargs["block_size"] = block_size
    p.call(NAME, q, k, v, **kwargs).compare(judged(q, k, v, causal, floor))


@prop(seeds, batch_dims, lengths, lengths, dims, dims, dtypes, blocks, max_examples=200)
def matches_reference(p, seed, batch, lq, lk, d, dv, dtype, block_size):
    """Not causal, any block size (usually not dividing Lk): the same attention as the full softmax."""
    q, k, v = make_qkv(seed, batch, lq, lk, d, dv, DTYPES[dtype])
    call(p, q, k, v, False, block_size)


@prop(seeds, batch_dims, lengths, lengths, dims, dtypes, blocks, max_examples=200)
def causal(p, seed, batch, lq, lk, d, dtype, block_size):
    """causal=True, top-left aligned (key j visible to query i iff j <= i), also for Lq != Lk: blocks
    that lie wholly above the diagonal may be skipped, the diagonal blocks must be masked inside."""
    q, k, v = make_qkv(seed, batch, lq, lk, d, d, DTYPES[dtype])
    call(p, q, k, v, True, block_size)


@prop(seeds, st.integers(1, 200), st.integers(1, 200), st.booleans(), max_examples=60)
def default_block_size(p, seed, lq, lk, is_causal):
    """block_size left out (64): lengths around and past one or two blocks, with a partial last block."""
    q, k, v = make_qkv(seed, [2], lq, lk, 8, 8, torch.float32)
    call(p, q, k, v, is_causal)


@prop(seeds, lengths, lengths, dims, st.sampled_from([1e3, 1e4]), st.booleans(), blocks, max_examples=60)
def large_logits(p, seed, lq, lk, d, logit, is_causal, block_size):
    """float32 scores up to about 1e4 in magnitude: exp() of a score, or of a score minus a stale block
    maximum, overflows; the running maximum and the rescaling keep every value finite. A float32 score
    near 1e4 is only known to about 1e4 * 2**-23, and an implementation that scales q before the
    product rounds differently from the plain one, so the rounding floor is 4 * logit * 2**-23."""
    q, k, v = make_qkv(seed, [2], lq, lk, d, d, torch.float64)
    scale = math.sqrt(logit * math.sqrt(d) / max(float((q @ k.transpose(-2, -1)).abs().max()), 1e-9))
    q, k, v = (q * scale).float(), (k * scale).float(), v.float()
    call(p, q, k, v, is_causal, block_size, floor=4 * logit * 2**-23)


@prop(seeds, max_examples=1)
def long_sequence_memory(p, seed):
    """One long causal sequence (8192 x 16, float32) built inside the sandbox: the 256 MiB score matrix
    does not fit in the memory limit (MLE), a tiled implementation's blocks do. The output is compared
    with the float64 reference within the float32 baseline's error."""
    function = p.function(NAME)
    q, k, v = _support["long_inputs"](seed, LONG_LENGTH, LONG_DIM)
    plain = torch.cat([
        _plain_rows(q, k, v, start, 1024) for start in range(0, LONG_LENGTH, 1024)], dim=0)
    p.helper("long_sequence", function, torch.zeros(1), seed, LONG_LENGTH, LONG_DIM, True, 128,
             LONG_LENGTH * LONG_LENGTH).compare(lambda expected, actual: within_baseline(expected, plain)(expected, actual))


def _plain_rows(q, k, v, start, rows):
    """Rows start..start+rows of the plain float32 causal attention (rows are independent). The keys
    after the last of these rows are masked for every one of them: they are left out, which halves
    the work over the whole sequence and changes no weight (a masked score's weight is exactly 0)."""
    stop = min(start + rows, q.shape[0])
    width = min(k.shape[0], stop)
    scores = (q[start:stop] @ k[:width].transpose(-2, -1)) / math.sqrt(q.shape[-1])
    keys = torch.arange(width)
    queries = torch.arange(start, stop).unsqueeze(-1)
    return torch.softmax(scores.masked_fill(keys > queries, float("-inf")), dim=-1) @ v[:width]


# `judge bench challenge flash_attention sol.py`: the submission against the plain full-matrix
# baseline (support.baseline_attention) on these shapes, float32, causal; outputs checked every round.
BENCHMARK = benchmark(
    function="flash_attention", baseline="baseline_attention", inputs="bench_inputs",
    shapes=[{"B": 1, "H": 4, "L": 256, "d": 64}, {"B": 1, "H": 4, "L": 512, "d": 64}, {"B": 1, "H": 2, "L": 1024, "d": 64}],
    kwargs={"causal": True}, repeat=3,
)
