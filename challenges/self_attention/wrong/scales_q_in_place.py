# expect: WA  scales q in place (q.mul_): the right output, but the caller's q is changed
import math

import torch


def scaled_dot_product_attention(q, k, v, mask=None, causal=False):
    q.mul_(1.0 / math.sqrt(q.shape[-1]))  # saves a copy... of the caller's tensor
    dtype = q.dtype
    scores = q.to(torch.float32) @ k.to(torch.float32).transpose(-2, -1)
    lq, lk = scores.shape[-2], scores.shape[-1]
    if causal:
        scores = scores.masked_fill(~torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril(), float("-inf"))
    if mask is not None:
        scores = scores.masked_fill(~mask, float("-inf"))
    return (torch.softmax(scores, dim=-1) @ v.to(torch.float32)).to(dtype)
