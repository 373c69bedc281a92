import torch
import torch.nn.functional as F


def scaled_dot_product_attention(q, k, v, mask=None, causal=False):
    lq, lk = q.shape[-2], k.shape[-2]
    allowed = torch.ones(lq, lk, dtype=torch.bool).tril() if causal else None
    if mask is not None:
        allowed = mask if allowed is None else allowed & mask
    if q.dtype in (torch.float16, torch.bfloat16):
        out = F.scaled_dot_product_attention(q.float(), k.float(), v.float(), attn_mask=allowed)
        return out.to(q.dtype)
    return F.scaled_dot_product_attention(q, k, v, attn_mask=allowed)
