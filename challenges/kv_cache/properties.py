"""Properties of kv_cache: repeat_kv against repeat_interleave exactly; decoding sessions on a KVCache
(a prefill of several positions, then steps of one or more) where every append's returned keys/values
are compared exactly and every attend(q) against causal, end-aligned, grouped-query attention computed in
float64 (tensor_close per dtype): incremental decoding must equal full causal attention over the whole
sequence at every step. Overflowing appends must raise ValueError and leave the cache as it was.
Inputs are echoed back, so writing into k, v or q is a wrong answer.
"""
import torch
from hypothesis import strategies as st

from judge.compare import tensor_close
from judge.harness import prop

seeds = st.integers(0, 2**31 - 1)
DT = {"float32": torch.float32, "float64": torch.float64}


@prop(seeds, st.integers(1, 3), st.integers(1, 4), st.integers(0, 5), st.integers(1, 6), st.integers(1, 4),
      max_examples=80)
def repeat_kv_matches(p, seed, batch, heads, seq, dim, n_rep):
    """repeat_kv(x, n_rep) repeats each head n_rep times in a row (head h -> heads h*n_rep .. h*n_rep+n_rep-1)."""
    x = torch.randn(batch, heads, seq, dim, generator=torch.Generator().manual_seed(seed))
    p.call("repeat_kv", x, n_rep)


@st.composite
def sessions(draw):
    batch = draw(st.integers(1, 3))
    n_kv = draw(st.integers(1, 3))
    n_rep = draw(st.sampled_from([1, 1, 2, 3, 4]))
    dim = draw(st.integers(1, 8))
    max_seq = draw(st.integers(1, 12))
    chunks = draw(st.lists(st.integers(1, 5), min_size=1, max_size=8))  # positions per append (may overflow)
    dtype = draw(st.sampled_from(["float32", "float32", "float64"]))
    return batch, n_kv, n_rep, dim, max_seq, chunks, dtype


@prop(seeds, sessions(), st.data(), max_examples=200)
def decoding_session(p, seed, session, data):
    """append chunks of k, v (returning everything cached so far), then attend with as many queries as
    positions just appended (prefill) or fewer: query i of tq sits at position len - tq + i and sees keys
    0..len - tq + i; query head h reads kv head h // n_rep. An append past max_seq raises ValueError and
    changes nothing."""
    batch, n_kv, n_rep, dim, max_seq, chunks, dtype = session
    g = torch.Generator().manual_seed(seed)
    dt = DT[dtype]
    if dtype == "float32" and data.draw(st.booleans()):
        cache = p.new("KVCache", batch, max_seq, n_kv, dim)  # the default dtype
    else:
        cache = p.new("KVCache", batch, max_seq, n_kv, dim, dtype=p.support("dtype", dtype))
    length = 0
    for new in chunks:
        k = torch.randn(batch, n_kv, new, dim, generator=g).to(dt)
        v = torch.randn(batch, n_kv, new, dim, generator=g).to(dt)
        cache.append(k, v)
        if length + new <= max_seq:
            length += new
        tq = data.draw(st.integers(1, max(1, min(length, new))))
        if length:
            q = (torch.randn(batch, n_kv * n_rep, tq, dim, generator=g) * 1.5).to(dt)
            cache.attend(q).compare(tensor_close())


@prop(seeds, st.integers(1, 2), st.integers(1, 2), st.integers(2, 8), max_examples=40)
def one_token_at_a_time(p, seed, n_kv, n_rep, steps):
    """Pure decoding from an empty cache filled exactly to max_seq, one position per step, then one more
    append that must fail with ValueError while the cache keeps answering as before."""
    g = torch.Generator().manual_seed(seed)
    cache = p.new("KVCache", 2, steps, n_kv, 4)
    for _ in range(steps):
        cache.append(torch.randn(2, n_kv, 1, 4, generator=g), torch.randn(2, n_kv, 1, 4, generator=g))
        cache.attend(torch.randn(2, n_kv * n_rep, 1, 4, generator=g)).compare(tensor_close())
    cache.append(torch.randn(2, n_kv, 1, 4, generator=g), torch.randn(2, n_kv, 1, 4, generator=g))
    cache.attend(torch.randn(2, n_kv * n_rep, steps, 4, generator=g)).compare(tensor_close())
