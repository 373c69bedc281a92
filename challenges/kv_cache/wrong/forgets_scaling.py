# expect: WA  forgets the 1 / sqrt(head_dim) scaling of the scores
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
        end = self.length + k.shape[2]
        if end > self.max_seq:
            raise ValueError("cache full")
        self.k[:, :, self.length:end] = k
        self.v[:, :, self.length:end] = v
        self.length = end
        return self.k[:, :, :end].clone(), self.v[:, :, :end].clone()

    def attend(self, q):
        tq = q.shape[2]
        n_rep = q.shape[1] // self.n_kv_heads
        k = repeat_kv(self.k[:, :, :self.length].double(), n_rep)
        v = repeat_kv(self.v[:, :, :self.length].double(), n_rep)
        scores = q.double() @ k.transpose(-2, -1)
        mask = torch.ones(tq, self.length, dtype=torch.bool).tril(self.length - tq)
        return (torch.softmax(scores.masked_fill(~mask, float("-inf")), dim=-1) @ v).to(q.dtype)
