# expect: WA  unsqueezes the caller's lengths in place (lengths.unsqueeze_(1)) to broadcast: right masks, changed input
import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).tril()


def padding_mask(lengths, max_len):
    if lengths.dim() == 1:
        lengths.unsqueeze_(1)  # (B, 1) so it broadcasts against the positions
    return torch.arange(max_len, device=lengths.device)[None, :] < lengths


def encoder_self_mask(lengths, max_len):
    valid = padding_mask(lengths, max_len)
    return (valid[:, None, :, None] & valid[:, None, None, :])


def decoder_self_mask(lengths, max_len):
    return encoder_self_mask(lengths, max_len) & causal_mask(max_len).to(lengths.device)


def cross_attention_mask(tgt_lengths, src_lengths, tgt_len, src_len):
    q = padding_mask(tgt_lengths, tgt_len)
    k = padding_mask(src_lengths, src_len)
    return q[:, None, :, None] & k[:, None, None, :]

