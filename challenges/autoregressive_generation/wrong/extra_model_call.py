# expect: WA  calls the model on the prompt once before the loop to "warm up": one call more than the tokens generated
import torch


def generate(model, input_ids, max_new_tokens, eos_token_id, pad_token_id):
    ids = input_ids
    unfinished = torch.ones(ids.shape[0], dtype=torch.bool)
    logits = model(ids)
    for step in range(max_new_tokens):
        if step > 0:
            logits = model(ids)
        next_tokens = logits[:, -1, :].argmax(dim=-1)
        next_tokens = torch.where(unfinished, next_tokens, torch.full_like(next_tokens, pad_token_id))
        ids = torch.cat([ids, next_tokens[:, None]], dim=1)
        unfinished = unfinished & (next_tokens != eos_token_id)
        if not unfinished.any():
            break
    return ids
