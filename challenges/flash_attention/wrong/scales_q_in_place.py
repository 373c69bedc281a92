# expect: WA  scales q by 1/sqrt(d) in place, so the caller's tensor changes
import math
import torch


def flash_attention(q, k, v, causal=False, block_size=64):
    work = torch.float64 if q.dtype == torch.float64 else torch.float32
    qs = q.mul_(1.0 / math.sqrt(q.shape[-1])).to(work)
    kw, vw = k.to(work), v.to(work)
    lq, lk = q.shape[-2], k.shape[-2]
    out = torch.empty(*q.shape[:-1], v.shape[-1], dtype=work, device=q.device)
    for qs0 in range(0, lq, block_size):
        qb = qs[..., qs0:qs0 + block_size, :]
        nq = qb.shape[-2]
        m = torch.full((*qb.shape[:-1], 1), -math.inf, dtype=work, device=q.device)
        l = torch.zeros_like(m)
        acc = torch.zeros(*qb.shape[:-1], v.shape[-1], dtype=work, device=q.device)
        kend = min(lk, qs0 + nq) if causal else lk
        for ks0 in range(0, kend, block_size):
            s = qb @ kw[..., ks0:ks0 + block_size, :].transpose(-2, -1)
            if causal and ks0 + s.shape[-1] - 1 > qs0:
                qi = torch.arange(qs0, qs0 + nq, device=q.device).unsqueeze(-1)
                kj = torch.arange(ks0, ks0 + s.shape[-1], device=q.device)
                s = s.masked_fill(kj > qi, -math.inf)
            mn = torch.maximum(m, s.amax(-1, keepdim=True))
            pr = torch.exp(s - mn)
            c = torch.exp(m - mn)
            l = l * c + pr.sum(-1, keepdim=True)
            acc = acc * c + pr @ vw[..., ks0:ks0 + block_size, :]
            m = mn
        out[..., qs0:qs0 + nq, :] = acc / l
    return out.to(q.dtype)
