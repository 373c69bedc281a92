"""Shared with the sandbox: the plain baseline, benchmark inputs, and the long-sequence scenario
that builds its tensors inside the sandbox (they never cross the wire) and runs the submission there."""
import math

import torch


def baseline_attention(q, k, v, causal=False, block_size=64):
    """The textbook implementation in the input dtype (full score matrix): what speed and error are
    measured against. `block_size` is accepted and ignored."""
    scores = (q @ k.transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if causal:
        lq, lk = scores.shape[-2], scores.shape[-1]
        scores = scores.masked_fill(~torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril(), float("-inf"))
    return torch.softmax(scores, dim=-1) @ v


def bench_inputs(shape, seed):
    """Fresh q, k, v for one timed call: (B, H, L, d) float32, the same on both sides for a seed."""
    generator = torch.Generator().manual_seed(seed)
    size = (shape["B"], shape["H"], shape["L"], shape["d"])
    return tuple(torch.randn(size, generator=generator) for _ in range(3))


def long_inputs(seed, length, dim):
    """q, k, v of shape (length, dim), float32, from a seed: the same tensors on both sides."""
    generator = torch.Generator().manual_seed(seed)
    return tuple(torch.randn(length, dim, generator=generator) for _ in range(3))


def _out_of_memory(exc):
    text = str(exc)
    return isinstance(exc, RuntimeError) and ("can't allocate memory" in text or "out of memory" in text.lower())


def long_sequence(function, probe, seed, length, dim, causal, block_size, budget_bytes):
    """Run `function` on long inputs built here, on the device of `probe`, and return its output.

    Running out of memory is reported as MemoryError (the judge's MLE) whatever torch raised: the CPU
    allocator raises a RuntimeError, CUDA a torch.OutOfMemoryError. On a GPU, where the card has room
    for a full score matrix, the peak memory the call allocates beyond its inputs and output may be
    at most `budget_bytes`, else MemoryError too.
    """
    q, k, v = (t.to(probe.device) for t in long_inputs(seed, length, dim))
    cuda = probe.device.type == "cuda"
    if cuda:
        torch.cuda.synchronize()
        torch.cuda.empty_cache()
        torch.cuda.reset_peak_memory_stats()
        base = torch.cuda.memory_allocated()
    try:
        out = function(q, k, v, causal=causal, block_size=block_size)
    except RuntimeError as exc:
        if _out_of_memory(exc):
            raise MemoryError(f"out of memory at sequence length {length}: {str(exc)[:120]}") from None
        raise
    if cuda and type(out) is torch.Tensor:
        torch.cuda.synchronize()
        extra = torch.cuda.max_memory_allocated() - base - out.numel() * out.element_size()
        if extra > budget_bytes:
            raise MemoryError(f"the call allocated {extra / 2**20:.0f} MiB of GPU memory beyond its inputs and "
                              f"output at sequence length {length}; at most {budget_bytes / 2**20:.0f} MiB is allowed")
    return out
