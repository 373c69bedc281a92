"""Properties of autoregressive_generation: greedy decoding against the reference with judge-supplied
deterministic models (support.py) that record their calls, so the output ids, the number of model calls
and the exact ids passed on each call are all compared. A random causal TinyLM covers ordinary decoding
(EOS whenever argmax hits it); a ScriptedLM places EOS at chosen steps per row to cover padding after EOS,
stopping once every row has finished, and max_new_tokens as the cap. input_ids is echoed back, so
writing into it is a wrong answer.
"""
import torch
from hypothesis import strategies as st

from judge.harness import prop

seeds = st.integers(0, 2**31 - 1)


def prompt(seed, batch, length, vocab):
    g = torch.Generator().manual_seed(seed + 11)
    return torch.randint(0, vocab, (batch, length), generator=g)


@prop(seeds, st.integers(1, 4), st.integers(1, 6), st.integers(2, 10), st.integers(0, 10), st.data(),
      max_examples=150)
def tiny_lm(p, seed, batch, length, vocab, max_new, data):
    """Greedy argmax of the last position's logits, one model call on the whole sequence per new token."""
    eos = data.draw(st.integers(0, vocab - 1))
    pad = data.draw(st.integers(0, vocab - 1))
    model = p.support("TinyLM", seed, vocab)
    p.call("generate", model, prompt(seed, batch, length, vocab), max_new, eos, pad)
    p.helper("calls", model)


@st.composite
def scripts(draw):
    """Per-row token scripts over a vocab of 6 with EOS = 1, pad = 0: EOS at a drawn step or never;
    after EOS the script goes on with non-pad tokens, which must be replaced by pad."""
    batch = draw(st.integers(1, 4))
    max_new = draw(st.integers(1, 8))
    rows = []
    for _ in range(batch):
        row = draw(st.lists(st.integers(2, 5), min_size=max_new, max_size=max_new))
        at = draw(st.one_of(st.none(), st.integers(0, max_new - 1)))
        if at is not None:
            row[at] = 1
        rows.append(row)
    return rows, max_new


@prop(seeds, scripts(), st.integers(1, 4), st.sampled_from([(1, 0), (1, 1)]), max_examples=150)
def scripted_eos(p, seed, script_and_max, length, ids_pair):
    """A row that emitted EOS continues with pad_token_id; generation stops as soon as every row has
    finished (fewer than max_new_tokens columns), else after exactly max_new_tokens steps; pad may equal EOS."""
    script, max_new = script_and_max
    eos, pad = ids_pair
    if eos == pad:
        script = [[1 if tok == 0 else tok for tok in row] for row in script]
    model = p.support("ScriptedLM", script, 6, length, seed)
    p.call("generate", model, prompt(seed, len(script), length, 6), max_new, eos, pad)
    p.helper("calls", model)


@prop(seeds, st.integers(1, 3), st.integers(1, 4), max_examples=10)
def no_new_tokens(p, seed, batch, length):
    """max_new_tokens = 0: the prompt comes back unchanged (same shape, int64) and the model is never called."""
    model = p.support("TinyLM", seed, 5)
    p.call("generate", model, prompt(seed, batch, length, 5), 0, 1, 0)
    p.helper("calls", model)


@prop(seeds, st.integers(1, 3), st.integers(1, 4), st.integers(1, 6), max_examples=20)
def eos_in_prompt(p, seed, batch, length, max_new):
    """An EOS inside the prompt does not finish a row: only generated tokens count."""
    ids = prompt(seed, batch, length, 6)
    ids[:, -1] = 1
    script = [[2 + (seed + b + s) % 4 for s in range(max_new)] for b in range(batch)]
    model = p.support("ScriptedLM", script, 6, length, seed)
    p.call("generate", model, ids, max_new, 1, 0)
    p.helper("calls", model)
