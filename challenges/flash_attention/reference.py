"""Reference attention for flash_attention: exact softmax(q k^T / sqrt(d)) v in float64, rounded once.

The trusted side only needs the exact answer, not the tiling: it takes the queries a slice of rows at
a time (attention rows are independent), so no more than a few million scores exist at once even
for the long sequences of the memory property. `block_size` does not change the result.
"""
import math

import torch

SCORES_AT_ONCE = 1 << 22  # about 32 MiB of float64 scores per slice of query rows


def flash_attention(q, k, v, causal=False, block_size=64):
    q64, k64, v64 = q.to(torch.float64), k.to(torch.float64), v.to(torch.float64)  # copies: inputs stay as they are
    lq, lk = q.shape[-2], k.shape[-2]
    rows = max(1, SCORES_AT_ONCE // lk)
    keys = torch.arange(lk, device=q.device)
    parts = []
    for start in range(0, lq, rows):
        scores = (q64[..., start:start + rows, :] @ k64.transpose(-2, -1)) / math.sqrt(q.shape[-1])
        if causal:  # key j is visible to query i iff j <= i (top-left aligned)
            queries = torch.arange(start, start + scores.shape[-2], device=q.device).unsqueeze(-1)
            scores = scores.masked_fill(keys > queries, float("-inf"))
        parts.append(torch.softmax(scores, dim=-1) @ v64)  # softmax subtracts the row maximum
    return torch.cat(parts, dim=-2).to(q.dtype)
