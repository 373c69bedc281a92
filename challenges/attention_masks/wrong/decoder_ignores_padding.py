# expect: WA  decoder mask is the causal triangle only, broadcast over the batch: padding ignored
import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).tril()


def padding_mask(lengths, max_len):
    return torch.arange(max_len, device=lengths.device)[None, :] < lengths[:, None]


def encoder_self_mask(lengths, max_len):
    valid = padding_mask(lengths, max_len)
    return (valid[:, None, :, None] & valid[:, None, None, :])


def decoder_self_mask(lengths, max_len):
    return causal_mask(max_len).expand(lengths.shape[0], 1, max_len, max_len)


def cross_attention_mask(tgt_lengths, src_lengths, tgt_len, src_len):
    q = padding_mask(tgt_lengths, tgt_len)
    k = padding_mask(src_lengths, src_len)
    return q[:, None, :, None] & k[:, None, None, :]

