"""Reference sampling: temperature, top-k and top-p (nucleus) filters with the semantics of transformers'
TemperatureLogitsWarper, TopKLogitsWarper and TopPLogitsWarper, and a sampler that applies them in
that order and draws one token per row through the caller's generator."""
import torch


def apply_temperature(logits, temperature):
    if not temperature > 0:
        raise ValueError(f"temperature must be a positive float, got {temperature}")
    return logits / temperature


def top_k_filter(logits, k):
    if k < 1:
        raise ValueError(f"k must be a positive integer, got {k}")
    k = min(k, logits.shape[-1])
    kth = torch.topk(logits, k, dim=-1).values[..., -1:]  # the k-th largest value of each row
    return logits.masked_fill(logits < kth, float("-inf"))  # ties with the k-th value stay


def top_p_filter(logits, p, min_tokens_to_keep=1):
    if not 0 < p <= 1:
        raise ValueError(f"p must be in (0, 1], got {p}")
    if min_tokens_to_keep < 1:
        raise ValueError(f"min_tokens_to_keep must be at least 1, got {min_tokens_to_keep}")
    if p == 1.0:
        return logits.clone()  # keeps every token, also one whose probability underflows to 0.0
    ordered, order = torch.sort(logits, dim=-1)  # ascending
    cumulative = torch.softmax(ordered.to(torch.float64), dim=-1).cumsum(dim=-1)
    remove = cumulative <= 1 - p  # the least likely tokens whose total stays within 1 - p
    remove[..., -min_tokens_to_keep:] = False  # the crossing token (and the most likely ones) stay
    remove = remove.scatter(-1, order, remove)  # back to vocabulary order
    return logits.masked_fill(remove, float("-inf"))


def sample(logits, temperature=1.0, top_k=0, top_p=1.0, generator=None):
    if temperature != 1.0:
        logits = apply_temperature(logits, temperature)
    if top_k > 0:
        logits = top_k_filter(logits, top_k)
    if top_p < 1.0:
        logits = top_p_filter(logits, top_p)
    probs = torch.softmax(logits.to(torch.float64), dim=-1)
    return torch.multinomial(probs, 1, generator=generator).squeeze(-1)
