# expect: WA  repeat_kv with x.repeat(1, n_rep, 1, 1): tiles the heads (h -> h % n_kv) instead of repeating each in a row
"""Reference KV cache: preallocated (B, H, S, D) buffers, appends of one or more positions, and causal
grouped-query attention of new queries over everything cached (float64 inside, rounded once)."""
import math

import torch


def repeat_kv(x, n_rep):
    return x.repeat(1, n_rep, 1, 1)  # (B, H, S, D) -> (B, H * n_rep, S, D), each head n_rep times in a row


class KVCache:
    def __init__(self, batch, max_seq, n_kv_heads, head_dim, dtype=torch.float32):
        self.max_seq, self.n_kv_heads = max_seq, n_kv_heads
        self.k = torch.zeros(batch, n_kv_heads, max_seq, head_dim, dtype=dtype)
        self.v = torch.zeros(batch, n_kv_heads, max_seq, head_dim, dtype=dtype)
        self.length = 0

    def append(self, k, v):
        new = k.shape[2]
        end = self.length + new
        if end > self.max_seq:
            raise ValueError(f"cache holds {self.max_seq} positions; {self.length} used, {new} more do not fit")
        self.k[:, :, self.length:end] = k
        self.v[:, :, self.length:end] = v
        self.length = end
        return self.k[:, :, :end].clone(), self.v[:, :, :end].clone()

    def attend(self, q):
        tq, d = q.shape[2], q.shape[3]
        n_rep = q.shape[1] // self.n_kv_heads
        k = repeat_kv(self.k[:, :, :self.length].to(torch.float64), n_rep)
        v = repeat_kv(self.v[:, :, :self.length].to(torch.float64), n_rep)
        scores = q.to(torch.float64) @ k.transpose(-2, -1) / math.sqrt(d)  # (B, Hq, tq, L)
        q_pos = torch.arange(self.length - tq, self.length)[:, None]  # the queries are the last tq positions
        k_pos = torch.arange(self.length)[None, :]
        scores = scores.masked_fill(k_pos > q_pos, float("-inf"))
        return (torch.softmax(scores, dim=-1) @ v).to(q.dtype)
