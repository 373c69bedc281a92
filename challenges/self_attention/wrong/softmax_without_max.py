# expect: WA  hand-written softmax exp(s) / sum(exp(s)) without subtracting the row maximum: overflows to inf/inf = nan
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None, causal=False):
    dtype = q.dtype
    work = torch.float64 if dtype == torch.float64 else torch.float32
    q, k, v = q.to(work), k.to(work), v.to(work)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    lq, lk = scores.shape[-2], scores.shape[-1]
    allowed = torch.ones(lq, lk, dtype=torch.bool, device=q.device)
    if causal:
        allowed = allowed.tril()
    if mask is not None:
        allowed = allowed & mask
    e = torch.exp(scores) * allowed
    weights = e / e.sum(dim=-1, keepdim=True)
    return (weights @ v).to(dtype)
