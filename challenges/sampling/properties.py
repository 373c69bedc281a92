"""Properties of sampling: the three filters compared exactly with transformers' warpers on inputs
without ties at the decision boundary (ties at the k-th value are built on purpose: they must stay),
and `sample` judged in layers on draws made inside the sandbox: the output's type and shape, no token
outside the filtered support, a G-test of the counts against the filtered distribution at a
false-reject probability of 1e-6 (fixed seeds: verdicts replay), and the same draws for the same seed.

Logits come from a drawn integer seed through a torch.Generator; the statistical comparator is
computed here, on the trusted side, from the reference's own filters.
"""
import math

import torch
from hypothesis import strategies as st

from judge.compare import tensor_close
from judge.harness import benchmark, load_reference, prop

_reference = load_reference(__file__)
DTYPES = {"float32": torch.float32, "float64": torch.float64}
ALPHA = 1e-6  # false-reject probability of one statistical verdict
MARGIN = 1e-3  # no cumulative probability within this distance of the top-p threshold
DRAWS = 10_000  # draws per distinct row

seeds = st.integers(0, 2**31 - 1)
rows = st.integers(1, 4)
vocabs = st.integers(2, 40)
dtypes = st.sampled_from(sorted(DTYPES))
temperatures = st.sampled_from([0.3, 0.5, 0.7, 1.0, 1.5, 2.0, 3.0])


def make_logits(seed, batch, vocab, dtype, spread=2.0, masked=0.0):
    """Distinct random logits; with `masked` > 0 about that share of entries is -inf (never a whole row)."""
    g = torch.Generator().manual_seed(seed)
    logits = (torch.randn(batch, vocab, generator=g, dtype=torch.float64) * spread).to(DTYPES[dtype])
    if masked:
        hide = torch.rand(batch, vocab, generator=g) < masked
        hide[torch.arange(batch), logits.argmax(dim=-1)] = False
        logits = logits.masked_fill(hide, float("-inf"))
    return logits


def safe_p(logits, p):
    """The nearest p to `p` whose threshold 1 - p is at least MARGIN from every ascending cumulative
    probability of every row (so float32 and float64 implementations agree on the kept set)."""
    ordered = torch.sort(logits.double(), dim=-1).values
    cumulative = torch.softmax(ordered, dim=-1).cumsum(dim=-1).flatten().tolist()
    for step in range(2000):
        for candidate in (p + step * 2e-4, p - step * 2e-4):
            if 0.02 <= candidate <= 0.98 and all(abs(c - (1 - candidate)) >= MARGIN for c in cumulative):
                return round(candidate, 6) if all(abs(c - (1 - round(candidate, 6))) >= MARGIN for c in cumulative) else candidate
    return 1.0


@prop(seeds, rows, vocabs, dtypes, temperatures, max_examples=60)
def temperature_divides(p, seed, batch, vocab, dtype, temperature):
    """apply_temperature(logits, T) is logits / T, a new tensor of the same dtype (inputs untouched)."""
    logits = make_logits(seed, batch, vocab, dtype, masked=0.2 if seed % 2 else 0.0)
    p.call("apply_temperature", logits, temperature).compare(tensor_close())


@prop(seeds, st.sampled_from([0.0, -1.0, -0.5]), max_examples=5)
def temperature_must_be_positive(p, seed, temperature):
    """A temperature of 0 or below is a ValueError (as transformers' warper; greedy is argmax, not T=0)."""
    p.call("apply_temperature", make_logits(seed, 1, 5, "float32"), temperature)


@prop(seeds, st.sampled_from([0, -1]), st.sampled_from([0.0, -0.5, 1.5, 2.0]), max_examples=12)
def invalid_arguments(p, seed, k, top_p):
    """k < 1, p outside (0, 1] and min_tokens_to_keep < 1 are ValueErrors; p = 1.0 is valid and keeps every
    token."""
    logits = make_logits(seed, 2, 6, "float32")
    p.call("top_k_filter", logits, k)
    p.call("top_p_filter", logits, top_p)
    p.call("top_p_filter", logits, 1.0)
    p.call("top_p_filter", logits, 0.5, min_tokens_to_keep=k)


@prop(seeds, rows, vocabs, dtypes, st.sampled_from([-120.0, -800.0, -1e4, -3e38]), st.integers(1, 3),
      max_examples=40)
def top_p_of_one_keeps_everything(p, seed, batch, vocab, dtype, far, min_keep):
    """p = 1.0 keeps every token, those whose probability underflows to 0.0 in float32 or float64 included
    (a logit `far` below its row's largest): the result equals the input, -inf entries stay -inf. A large
    min_tokens_to_keep (up to more than V) keeps everything as well."""
    logits = make_logits(seed, batch, vocab, dtype, masked=0.2 if seed % 2 else 0.0)
    low = torch.rand(batch, vocab, generator=torch.Generator().manual_seed(seed)) < 0.3
    low[torch.arange(batch), logits.argmax(dim=-1)] = False
    logits = torch.where(low & torch.isfinite(logits), torch.full_like(logits, far), logits)
    p.call("top_p_filter", logits, 1.0)
    p.call("top_p_filter", logits, 1.0, min_tokens_to_keep=min_keep)
    p.call("top_p_filter", logits, safe_p(logits, 0.5), min_tokens_to_keep=vocab + min_keep - 1)


@prop(seeds, rows, vocabs, dtypes, st.integers(1, 45), max_examples=120)
def top_k_matches(p, seed, batch, vocab, dtype, k):
    """Entries below the k-th largest of their row become -inf, the others keep their exact value;
    k >= V keeps everything; rows that already hold -inf stay valid."""
    logits = make_logits(seed, batch, vocab, dtype, masked=0.3 if seed % 3 == 0 else 0.0)
    p.call("top_k_filter", logits, k)


@prop(seeds, rows, vocabs, dtypes, st.integers(1, 40), st.integers(1, 4), max_examples=80)
def top_k_keeps_ties(p, seed, batch, vocab, dtype, k, extra):
    """Values tied with the k-th largest all stay (possibly more than k tokens), as in TopKLogitsWarper."""
    k = min(k, vocab)
    logits = make_logits(seed, batch, vocab, dtype)
    ordered = torch.sort(logits, dim=-1, descending=True)
    kth = ordered.values[:, k - 1:k]
    tied = ordered.indices[:, k - 1:min(vocab, k - 1 + extra + 1)]  # the k-th and up to `extra` after it
    logits = logits.scatter(-1, tied, kth.expand(-1, tied.shape[-1]))
    p.call("top_k_filter", logits, k)


@prop(seeds, rows, vocabs, dtypes, st.floats(0.05, 0.95), st.integers(1, 3), st.booleans(), max_examples=150)
def top_p_matches(p, seed, batch, vocab, dtype, top_p, min_keep, masked):
    """The smallest set of most probable tokens whose probability reaches p stays, the crossing token
    included, and at least `min_tokens_to_keep`; -inf entries (after top-k) have probability 0."""
    logits = make_logits(seed, batch, vocab, dtype, masked=0.3 if masked else 0.0)
    top_p = safe_p(logits, top_p)
    if min_keep == 1:
        p.call("top_p_filter", logits, top_p)
    else:
        p.call("top_p_filter", logits, top_p, min_tokens_to_keep=min_keep)


def target_distribution(logits, temperature, top_k, top_p):
    """The filtered distribution per row, from the reference's filters (float64 softmax)."""
    ref = _reference
    if temperature != 1.0:
        logits = ref["apply_temperature"](logits, temperature)
    if top_k > 0:
        logits = ref["top_k_filter"](logits, top_k)
    if top_p < 1.0:
        logits = ref["top_p_filter"](logits, top_p)
    return torch.softmax(logits.double(), dim=-1)


def g_test(counts, probs):
    """None when the counts fit `probs`, else why not: support first, then a G-test with bins of
    expected count below 5 pooled, rejecting at p-value < ALPHA / rows."""
    total = sum(counts)
    for token, (seen, prob) in enumerate(zip(counts, probs)):
        if prob == 0 and seen:
            return f"token {token} was drawn {seen} times but the filters remove it"
    bins, pooled = [], [0, 0.0]
    for seen, prob in zip(counts, probs):
        if prob > 0:
            if total * prob >= 5:
                bins.append([seen, total * prob])
            else:
                pooled[0] += seen
                pooled[1] += total * prob
    if pooled[1] > 0:
        if pooled[1] >= 5 or not bins:
            bins.append(pooled)
        else:
            smallest = min(bins, key=lambda b: b[1])
            smallest[0] += pooled[0]
            smallest[1] += pooled[1]
    if len(bins) < 2:
        return None
    g = 2 * sum(o * math.log(o / e) for o, e in bins if o)
    df = len(bins) - 1
    pvalue = float(torch.special.gammaincc(torch.tensor(df / 2, dtype=torch.float64),
                                           torch.tensor(g / 2, dtype=torch.float64)))
    if pvalue >= ALPHA:
        return None
    worst = max(range(len(counts)), key=lambda t: abs(counts[t] - total * probs[t]) / math.sqrt(total * probs[t] + 1))
    return (f"the draws do not follow the filtered distribution: G = {g:.1f} on {df} degrees of freedom, "
            f"p-value {pvalue:.2g} < {ALPHA:g}; e.g. token {worst} drawn {counts[worst]} times, "
            f"expected about {total * probs[worst]:.0f}")


def judge_draws(logits, temperature, top_k, top_p):
    probs = target_distribution(logits, temperature, top_k, top_p).tolist()

    def compare(expected, actual):
        if type(actual) is not dict or set(actual) != {"problem", "counts", "repeatable"}:
            return "malformed helper result"
        if actual["problem"]:
            return actual["problem"]
        for row, (counts, row_probs) in enumerate(zip(actual["counts"], probs)):
            reason = g_test(counts, [x for x in row_probs])
            if reason:
                return f"row {row}: {reason}"
        if actual["repeatable"] is not True:
            return "two generators seeded alike gave different draws (draw through `generator`)"
        return None

    return compare


@prop(seeds, rows, vocabs, temperatures, st.integers(0, 12), st.sampled_from([1.0, 1.0, 0.3, 0.6, 0.8, 0.9]),
      max_examples=40)
def sample_distribution(p, seed, batch, vocab, temperature, top_k, top_p):
    """sample(): temperature, then top-k, then top-p on the renormalised result, then one draw per row
    through `generator`. 10,000 draws per row, judged as described in the module docstring."""
    logits = make_logits(seed, batch, vocab, "float32")
    if top_p < 1.0:
        filtered = logits if temperature == 1.0 else _reference["apply_temperature"](logits, temperature)
        filtered = filtered if top_k == 0 else _reference["top_k_filter"](filtered, top_k)
        top_p = safe_p(filtered, top_p)
    sampler = p.function("sample")
    p.helper("draw_counts", sampler, logits, DRAWS, seed, temperature, top_k, top_p).compare(
        judge_draws(logits, temperature, top_k, top_p))


def in_top_k(expected, actual):
    """Benchmark check: bench_inputs sorts every row in descending order, so with top_k=50 a drawn token
    must be one of the columns 0..49 (draws are random: the reference's own draw is not compared)."""
    if type(actual) is not torch.Tensor or actual.dtype != torch.int64 or actual.shape != expected.shape:
        return f"expected an int64 tensor of shape {tuple(expected.shape)}"
    if bool((actual < 0).any()) or bool((actual >= 50).any()):
        return "a drawn token lies outside the top-50 tokens"
    return None


# `judge bench challenge sampling sol.py`: sample() against the plain sort-based baseline
# (support.baseline_sample) on LLM-sized vocabularies, temperature 0.8, top-k 50, top-p 0.9.
BENCHMARK = benchmark(
    function="sample", baseline="baseline_sample", inputs="bench_inputs",
    shapes=[{"B": 16, "V": 32000}, {"B": 64, "V": 32000}, {"B": 4, "V": 128256}],
    kwargs={"temperature": 0.8, "top_k": 50, "top_p": 0.9}, repeat=3, compare=in_top_k,
)
