# expect: WA  Hugging Face style additive float mask (0 where visible, -inf where hidden) instead of bool True/False
import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).tril()


def padding_mask(lengths, max_len):
    keep = torch.arange(max_len, device=lengths.device)[None, :] < lengths[:, None]
    return torch.zeros(keep.shape).masked_fill(~keep, float("-inf"))


def encoder_self_mask(lengths, max_len):
    valid = padding_mask(lengths, max_len) == 0
    return (valid[:, None, :, None] & valid[:, None, None, :])


def decoder_self_mask(lengths, max_len):
    return encoder_self_mask(lengths, max_len) & causal_mask(max_len).to(lengths.device)


def cross_attention_mask(tgt_lengths, src_lengths, tgt_len, src_len):
    q = padding_mask(tgt_lengths, tgt_len) == 0
    k = padding_mask(src_lengths, src_len) == 0
    return q[:, None, :, None] & k[:, None, None, :]

