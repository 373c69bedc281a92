# expect: WA  reads the mask backwards: hides the keys marked True (may attend) instead of the False ones
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None, causal=False):
    dtype = q.dtype
    q, k, v = q.to(torch.float32), k.to(torch.float32), v.to(torch.float32)
    scores = q @ k.transpose(-2, -1) / math.sqrt(q.shape[-1])
    lq, lk = scores.shape[-2], scores.shape[-1]
    if causal:
        scores = scores.masked_fill(~torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril(), float("-inf"))
    if mask is not None:
        scores = scores.masked_fill(mask, float("-inf"))
    weights = torch.softmax(scores, dim=-1)
    return (weights @ v).to(dtype)
