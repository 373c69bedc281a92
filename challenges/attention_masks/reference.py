"""Reference attention masks (True = may attend), built by broadcasting index comparisons."""
import torch


def causal_mask(n):
    i = torch.arange(n)
    return i[None, :] <= i[:, None]  # [i, j] = j <= i


def padding_mask(lengths, max_len):
    positions = torch.arange(max_len, device=lengths.device)
    return positions[None, :] < lengths[:, None]  # [b, j] = j < lengths[b]


def encoder_self_mask(lengths, max_len):
    valid = padding_mask(lengths, max_len)  # (B, L)
    return (valid[:, :, None] & valid[:, None, :])[:, None]  # (B, 1, L, L): query and key both real


def decoder_self_mask(lengths, max_len):
    return encoder_self_mask(lengths, max_len) & causal_mask(max_len).to(lengths.device)


def cross_attention_mask(tgt_lengths, src_lengths, tgt_len, src_len):
    queries = padding_mask(tgt_lengths, tgt_len)  # (B, T)
    keys = padding_mask(src_lengths, src_len)  # (B, S)
    return (queries[:, :, None] & keys[:, None, :])[:, None]  # (B, 1, T, S)
