"""Properties of quantization: int8 per-row and int4 per-group quantization of float32 weights against a
float64 reference, and dequantization of given codes. Codes are compared exactly, except that where
w / scale lies within 1e-3 of a half-integer without being one (a float32 computation may land on either
side) a code one step away is accepted; exact ties are built on purpose (power-of-two scales) and must
round half to even. Scales and dequantized values are compared with float32 tolerances. Weights are
echoed back, so writing into them is caught.
"""
import torch
from hypothesis import strategies as st

from judge.compare import tensor_close
from judge.harness import prop

seeds = st.integers(0, 2**31 - 1)
rows = st.integers(1, 8)
TIE_BAND = 1e-3  # |w / scale| this close to a half-integer (but not on it): either neighbouring code is fine


def make_weights(seed, out, n, zero_rows=True):
    """Gaussian weights with per-row spreads from 1e-3 to 1e2, an occasional outlier, and (optionally) all-zero rows."""
    g = torch.Generator().manual_seed(seed)
    w = torch.randn(out, n, generator=g, dtype=torch.float64)
    w = w * 10.0 ** torch.randint(-3, 3, (out, 1), generator=g)
    outlier = torch.rand(out, n, generator=g) < 0.02
    w = torch.where(outlier, w * 20, w)
    if zero_rows:
        w[torch.rand(out, generator=g) < 0.15] = 0.0
    return w.to(torch.float32)


def make_tie_weights(seed, out, n, levels):
    """Weights with exact ties: each row (or group) has absmax levels * 2**e, so scale = 2**e exactly and
    every value, a multiple of 2**(e-1), divides to an exact integer or half-integer (2.5, -3.5, 0.5, ...)."""
    g = torch.Generator().manual_seed(seed)
    e = torch.randint(-4, 4, (out, 1), generator=g).to(torch.float64)
    halves = torch.randint(-2 * levels, 2 * levels + 1, (out, n), generator=g).to(torch.float64)
    w = halves * 2.0 ** (e - 1)
    w[:, 0] = levels * 2.0 ** e[:, 0] * torch.where(torch.rand(out, generator=g) < 0.5, -1.0, 1.0)  # the absmax
    return w.to(torch.float32)


def _codes_reason(expected_codes, actual_codes, ratio, what):
    """None when codes agree, a code one step off only where the exact ratio is near (not on) a half-integer."""
    diff = (actual_codes.to(torch.int64) - expected_codes.to(torch.int64)).abs()
    frac = (ratio.abs() - ratio.abs().floor() - 0.5).abs()
    near_tie = (frac < TIE_BAND) & (frac > 0)
    bad = (diff > 1) | ((diff == 1) & ~near_tie)
    if bool(bad.any()):
        index = tuple(int(i) for i in bad.nonzero()[0])
        return (f"{what} at {index}: expected {int(expected_codes[index])}, got {int(actual_codes[index])} "
                f"(w / scale = {float(ratio[index]):.6g})")
    return None


def _tuple_reason(expected, actual, names):
    if type(actual) is not tuple or len(actual) != 2:
        return f"expected a tuple {names}, got {type(actual).__name__}"
    for e, a, name in zip(expected, actual, names[1:-1].split(", ")):
        if type(a) is not torch.Tensor:
            return f"{name}: expected a torch.Tensor, got a {type(a).__name__}"
        if a.dtype != e.dtype or tuple(a.shape) != tuple(e.shape):
            return (f"{name}: expected {str(e.dtype).removeprefix('torch.')} of shape {tuple(e.shape)}, "
                    f"got {str(a.dtype).removeprefix('torch.')} of shape {tuple(a.shape)}")
    return None


def int8_codes(w):
    """Comparator for quantize_int8(w): scale within float32 tolerance, codes exact up to near-ties."""
    w64 = w.to(torch.float64)

    def compare(expected, actual):
        reason = _tuple_reason(expected, actual, "(q, scale)")
        if reason:
            return reason
        reason = tensor_close()(expected[1], actual[1])
        if reason:
            return f"scale: {reason}"
        return _codes_reason(expected[0], actual[0], w64 / expected[1].to(torch.float64), "q")

    return compare


def unpack(packed):
    p = packed.to(torch.int64)
    return torch.stack([p & 15, p >> 4], dim=2).reshape(p.shape[0], -1)


def int4_codes(w, group_size):
    """Comparator for quantize_int4(w, group_size): scales within float32 tolerance, nibbles (unpacked low first)
    exact up to near-ties."""
    w64 = w.to(torch.float64)

    def compare(expected, actual):
        reason = _tuple_reason(expected, actual, "(packed, scales)")
        if reason:
            return reason
        reason = tensor_close()(expected[1], actual[1])
        if reason:
            return f"scales: {reason}"
        ratio = w64 / expected[1].to(torch.float64).repeat_interleave(group_size, dim=1)
        return _codes_reason(unpack(expected[0]), unpack(actual[0]), ratio, "nibble (value + 8)")

    return compare


@prop(seeds, rows, st.integers(1, 32), max_examples=150)
def int8_matches_reference(p, seed, out, n):
    """quantize_int8: per-row scale absmax / 127 of shape (out, 1), codes round(w / scale) as int8; rows of very
    different magnitudes (a per-tensor scale fails) and all-zero rows (scale 1, codes 0, never nan)."""
    w = make_weights(seed, out, n)
    p.call("quantize_int8", w).compare(int8_codes(w))


@prop(seeds, rows, st.integers(1, 16), max_examples=60)
def int8_ties(p, seed, out, n):
    """Exact ties (w / scale = 2.5, -3.5, 0.5, ...) round half to even, as torch.round does: 2.5 -> 2, -3.5 -> -4."""
    w = make_tie_weights(seed, out, n, 127)
    p.call("quantize_int8", w).compare(int8_codes(w))


@prop(seeds, rows, st.integers(1, 32), max_examples=80)
def int8_dequantize(p, seed, out, n):
    """dequantize_int8(q, scale) = q * scale as float32, for any int8 codes in [-127, 127] and positive scales."""
    g = torch.Generator().manual_seed(seed)
    q = torch.randint(-127, 128, (out, n), generator=g).to(torch.int8)
    scale = (torch.rand(out, 1, generator=g, dtype=torch.float64) * 10.0 ** torch.randint(-4, 2, (out, 1), generator=g)
             + 1e-6).to(torch.float32)
    p.call("dequantize_int8", q, scale).compare(tensor_close())


group_sizes = st.sampled_from([2, 4, 8, 16])


@prop(seeds, rows, st.integers(1, 4), group_sizes, max_examples=150)
def int4_matches_reference(p, seed, out, groups, group_size):
    """quantize_int4: scales absmax / 7 per group of group_size along each row, shape (out, in // group_size); codes
    round(w / scale) + 8 packed two per byte, element 2k in the low nibble; all-zero groups get scale 1."""
    w = make_weights(seed, out, groups * group_size)
    g = torch.Generator().manual_seed(seed + 7)
    w[torch.rand(out, groups * group_size, generator=g) < 0.05] = 0.0
    if groups > 1:  # an all-zero group inside a non-zero row
        w[0, :group_size] = 0.0
    p.call("quantize_int4", w, group_size).compare(int4_codes(w, group_size))


@prop(seeds, rows, st.integers(1, 4), group_sizes, max_examples=60)
def int4_ties(p, seed, out, groups, group_size):
    """Exact ties for int4 (scale a power of two, w / scale = 0.5, -2.5, 6.5, ...) round half to even."""
    w = make_tie_weights(seed, out * groups, group_size, 7).reshape(out, groups * group_size)
    p.call("quantize_int4", w, group_size).compare(int4_codes(w, group_size))


@prop(seeds, rows, st.integers(1, 4), group_sizes, max_examples=80)
def int4_dequantize(p, seed, out, groups, group_size):
    """dequantize_int4 unpacks low nibble first, subtracts 8, and multiplies each group by its own scale."""
    g = torch.Generator().manual_seed(seed)
    n = groups * group_size
    packed = torch.randint(0, 256, (out, n // 2), generator=g).to(torch.uint8)
    scales = (torch.rand(out, groups, generator=g, dtype=torch.float64) + 1e-3).to(torch.float32)
    p.call("dequantize_int4", packed, scales, group_size).compare(tensor_close())


@prop(seeds, st.integers(1, 3), st.sampled_from([2, 4, 6, 8, 12, 24]), st.sampled_from([-4, -2, 0, 1, 2, 3, 4, 5, 6, 8, 12, 24, 48]),
      max_examples=60)
def invalid_group_sizes(p, seed, out, n, group_size):
    """A group_size that is not a positive even divisor of `in` (0, negative, odd, not dividing, larger
    than the row) is a ValueError for quantize_int4 and dequantize_int4, as are scales whose shape does
    not fit; a valid one works as usual."""
    w = make_weights(seed, out, n)
    p.call("quantize_int4", w, group_size).compare(int4_codes(w, group_size))  # used only when both return
    g = torch.Generator().manual_seed(seed)
    packed = torch.randint(0, 256, (out, n // 2), generator=g).to(torch.uint8)
    for groups in sorted({max(1, n // max(group_size, 1)), 1, n // 2}):
        scales = (torch.rand(out, groups, generator=g, dtype=torch.float64) + 1e-3).to(torch.float32)
        p.call("dequantize_int4", packed, scales, group_size).compare(tensor_close())
    p.call("dequantize_int4", packed, torch.ones(out + 1, 1), n)


@prop(st.just(None), max_examples=1)
def group_size_edge_cases(p, _):
    """Odd group sizes that divide `in` (3 of 6, 1 of 2), 0, negative, not a divisor, larger than `in`,
    scales of the wrong shape: ValueError; group_size == in is valid."""
    for n, group_size in [(6, 3), (2, 1), (4, 0), (4, -2), (6, 4), (4, 8), (4, 4), (6, 2)]:
        w = make_weights(n + group_size, 2, n)
        p.call("quantize_int4", w, group_size).compare(int4_codes(w, group_size))
        packed = torch.arange(2 * (n // 2), dtype=torch.uint8).reshape(2, n // 2)
        scales = torch.ones(2, max(1, n // group_size) if group_size > 0 else 1)
        p.call("dequantize_int4", packed, scales, group_size).compare(tensor_close())
    packed = torch.zeros(2, 3, dtype=torch.uint8)
    for shape in [(2, 1), (2, 3), (1, 3), (3, 3), (2, 3, 1), (6,)]:
        p.call("dequantize_int4", packed, torch.ones(shape), 2).compare(tensor_close())


@prop(seeds, rows, st.integers(1, 4), group_sizes, max_examples=40)
def round_trip(p, seed, out, groups, group_size):
    """Both formats on one weight matrix, in the order a model loader uses them."""
    w = make_weights(seed, out, groups * group_size)
    p.call("quantize_int8", w).compare(int8_codes(w))
    p.call("quantize_int4", w, group_size).compare(int4_codes(w, group_size))
