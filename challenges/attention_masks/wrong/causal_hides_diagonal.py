# expect: WA  strict causal mask (j < i, tril(-1)): a token cannot attend to itself and query 0 sees nothing
import torch


def causal_mask(n):
    return torch.ones(n, n, dtype=torch.bool).tril(-1)

def padding_mask(lengths, max_len):
    return torch.arange(max_len, device=lengths.device)[None, :] < lengths[:, None]


def encoder_self_mask(lengths, max_len):
    valid = padding_mask(lengths, max_len)
    return (valid[:, None, :, None] & valid[:, None, None, :])


def decoder_self_mask(lengths, max_len):
    return encoder_self_mask(lengths, max_len) & causal_mask(max_len).to(lengths.device)


def cross_attention_mask(tgt_lengths, src_lengths, tgt_len, src_len):
    q = padding_mask(tgt_lengths, tgt_len)
    k = padding_mask(src_lengths, src_len)
    return q[:, None, :, None] & k[:, None, None, :]

