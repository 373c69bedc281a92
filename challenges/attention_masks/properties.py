"""Properties of attention_masks: each mask compared exactly (dtype bool, shape, every entry) with
the reference over small random batches of lengths, including length 0, full-length rows and
padded lengths of 0; the lengths tensors are echoed back, so writing into them is caught.
"""
import torch
from hypothesis import strategies as st

from judge.harness import prop

sizes = st.integers(0, 24)


def batch_for(max_len):
    """(max_len, lengths): 1 to 5 lengths, each between 0 and max_len inclusive."""
    return st.tuples(st.just(max_len), st.lists(st.integers(0, max_len), min_size=1, max_size=5))


batches = st.integers(0, 16).flatmap(batch_for)


def lengths_tensor(lengths):
    return torch.tensor(lengths, dtype=torch.int64)


@prop(sizes, max_examples=40)
def causal(p, n):
    """causal_mask(n) is the lower triangle including the diagonal: query i sees keys 0..i, never a later one."""
    p.call("causal_mask", n)


@prop(batches, max_examples=150)
def padding(p, batch):
    """padding_mask marks the real positions j < lengths[b]; length 0 is an all-False row, length max_len all True."""
    max_len, lengths = batch
    p.call("padding_mask", lengths_tensor(lengths), max_len)


@prop(batches, max_examples=150)
def encoder_self(p, batch):
    """Encoder (BERT) self-attention: bidirectional among real tokens, with padded queries AND padded keys hidden,
    shape (B, 1, L, L) so it broadcasts over heads."""
    max_len, lengths = batch
    p.call("encoder_self_mask", lengths_tensor(lengths), max_len)


@prop(batches, max_examples=150)
def decoder_self(p, batch):
    """Decoder (GPT) self-attention: the encoder mask AND the causal rule j <= i; padding is still hidden."""
    max_len, lengths = batch
    p.call("decoder_self_mask", lengths_tensor(lengths), max_len)


@st.composite
def pairs(draw):
    """(tgt_len, src_len, tgt_lengths, src_lengths) with different padded lengths and independent lengths."""
    tgt_len, src_len = draw(st.integers(0, 16)), draw(st.integers(0, 16))
    b = draw(st.integers(1, 5))
    tgt = draw(st.lists(st.integers(0, tgt_len), min_size=b, max_size=b))
    src = draw(st.lists(st.integers(0, src_len), min_size=b, max_size=b))
    return tgt_len, src_len, tgt, src


@prop(pairs(), max_examples=150)
def cross_attention(p, pair):
    """Encoder-decoder cross-attention: real target queries see real source keys, (B, 1, T, S); T != S in
    general, so swapping target and source lengths or padded lengths is caught."""
    tgt_len, src_len, tgt, src = pair
    p.call("cross_attention_mask", lengths_tensor(tgt), lengths_tensor(src), tgt_len, src_len)


@prop(batches, max_examples=60)
def all_masks_one_batch(p, batch):
    """The five functions on one batch, in the order a model builds them (a submission keeping state between
    calls, or caching by batch size, is caught)."""
    max_len, lengths = batch
    p.call("causal_mask", max_len)
    p.call("padding_mask", lengths_tensor(lengths), max_len)
    p.call("encoder_self_mask", lengths_tensor(lengths), max_len)
    p.call("decoder_self_mask", lengths_tensor(lengths), max_len)
    p.call("cross_attention_mask", lengths_tensor(lengths), lengths_tensor(lengths[::-1]), max_len, max_len)
