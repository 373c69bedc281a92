# expect: WA  keeps exactly k indices from torch.topk: values tied with the k-th largest are dropped
import torch


def apply_temperature(logits, temperature):
    if temperature <= 0 or temperature != temperature:
        raise ValueError("temperature must be positive")
    return logits / temperature


def top_k_filter(logits, k):
    if k <= 0:
        raise ValueError("k must be positive")
    if k >= logits.shape[-1]:
        return logits.clone()
    idx = torch.topk(logits, k, dim=-1).indices
    keep = torch.zeros_like(logits, dtype=torch.bool).scatter(-1, idx, True)
    return logits.masked_fill(~keep, float("-inf"))


def top_p_filter(logits, p, min_tokens_to_keep=1):
    if not (0 < p <= 1):
        raise ValueError("p must be in (0, 1]")
    vals, idx = torch.sort(logits, dim=-1, descending=True)
    probs = torch.softmax(vals.float(), dim=-1)
    before = probs.cumsum(-1) - probs  # mass strictly before each token
    keep = before < p
    keep[..., :min_tokens_to_keep] = True
    mask = torch.zeros_like(keep).scatter(-1, idx, keep)
    return logits.masked_fill(~mask, float("-inf"))


def sample(logits, temperature=1.0, top_k=0, top_p=1.0, generator=None):
    if temperature != 1.0:
        logits = apply_temperature(logits, temperature)
    if top_k:
        logits = top_k_filter(logits, top_k)
    if top_p < 1.0:
        logits = top_p_filter(logits, top_p)
    probs = torch.softmax(logits.double(), dim=-1)
    u = torch.rand(logits.shape[0], 1, generator=generator, dtype=torch.float64, device=logits.device)
    cdf = probs.cumsum(-1)
    idx = (cdf < u * cdf[..., -1:]).sum(-1)
    return idx.clamp(max=logits.shape[-1] - 1).to(torch.int64)
