# expect: MLE  materialises the whole (L x L) score matrix: right on short inputs, out of memory on the 8192-long sequence
import math

import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    work = torch.float64 if q.dtype == torch.float64 else torch.float32
    scores = (q.to(work) @ k.to(work).transpose(-2, -1)) / math.sqrt(q.shape[-1])
    if causal:
        lq, lk = scores.shape[-2], scores.shape[-1]
        scores = scores.masked_fill(~torch.ones(lq, lk, dtype=torch.bool, device=q.device).tril(), float("-inf"))
    return (torch.softmax(scores, dim=-1) @ v.to(work)).to(q.dtype)
