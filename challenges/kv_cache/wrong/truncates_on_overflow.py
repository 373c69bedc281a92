# expect: WA  on overflow keeps the positions that fit and silently drops the rest instead of raising ValueError
import math

import torch


def repeat_kv(x, n_rep):
    return x.repeat_interleave(n_rep, dim=1)


class KVCache:
    def __init__(self, batch, max_seq, n_kv_heads, head_dim, dtype=torch.float32):
        self.max_seq, self.n_kv_heads = max_seq, n_kv_heads
        self.k = torch.zeros(batch, n_kv_heads, max_seq, head_dim, dtype=dtype)
        self.v = torch.zeros(batch, n_kv_heads, max_seq, head_dim, dtype=dtype)
        self.length = 0

    def append(self, k, v):
        fit = min(k.shape[2], self.max_seq - self.length)
        self.k[:, :, self.length:self.length + fit] = k[:, :, :fit]
        self.v[:, :, self.length:self.length + fit] = v[:, :, :fit]
        self.length += fit
        return self.k[:, :, :self.length].clone(), self.v[:, :, :self.length].clone()

    def attend(self, q):
        tq, d = q.shape[2], q.shape[3]
        n_rep = q.shape[1] // self.n_kv_heads
        k = repeat_kv(self.k[:, :, :self.length].double(), n_rep)
        v = repeat_kv(self.v[:, :, :self.length].double(), n_rep)
        scores = q.double() @ k.transpose(-2, -1) / math.sqrt(d)
        mask = torch.ones(tq, self.length, dtype=torch.bool).tril(self.length - tq)
        return (torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1) @ v).to(q.dtype)
