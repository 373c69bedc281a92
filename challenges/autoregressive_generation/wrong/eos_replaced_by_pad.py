# expect: WA  writes pad_token_id in place of the EOS a row emits (the EOS itself must be kept)
"""Reference greedy decoding, as transformers' generate(do_sample=False) without a KV cache: one model call
per new token on the whole sequence so far; finished rows are padded; stop when every row has finished."""
import torch


def generate(model, input_ids, max_new_tokens, eos_token_id, pad_token_id):
    ids = input_ids
    unfinished = torch.ones(ids.shape[0], dtype=torch.bool, device=ids.device)
    for _ in range(max_new_tokens):
        logits = model(ids)  # (B, T, V)
        next_tokens = logits[:, -1, :].argmax(dim=-1)
        unfinished = unfinished & (next_tokens != eos_token_id)
        next_tokens = torch.where(unfinished, next_tokens, torch.full_like(next_tokens, pad_token_id))
        ids = torch.cat([ids, next_tokens[:, None]], dim=1)
        unfinished = unfinished & (next_tokens != eos_token_id)
        if not unfinished.any():
            break
    return ids
