"""Reference attention: softmax(q k^T / sqrt(d), masked) v, computed in float64 and rounded once."""
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None, causal=False):
    q64, k64, v64 = q.to(torch.float64), k.to(torch.float64), v.to(torch.float64)  # copies: inputs stay as they are
    scores = (q64 @ k64.transpose(-2, -1)) / math.sqrt(q.shape[-1])  # (..., Lq, Lk)
    lq, lk = scores.shape[-2], scores.shape[-1]
    allowed = torch.ones(lq, lk, dtype=torch.bool, device=q.device)
    if causal:
        allowed = allowed.tril()  # key j is visible to query i iff j <= i (top-left aligned)
    if mask is not None:
        allowed = allowed & mask  # broadcasts to (..., Lq, Lk)
    scores = scores.masked_fill(~allowed, float("-inf"))
    weights = torch.softmax(scores, dim=-1)  # subtracts the row maximum: no overflow for large scores
    return (weights @ v64).to(q.dtype)
