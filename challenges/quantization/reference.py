"""Reference weight quantization: symmetric int8 per output row and int4 per group, packed two per byte.

Computed in float64 from the float32 weights; the codes are then exact (w / scale never exceeds the
clamp range, since scale is the absolute maximum over the codes' row or group, so no clamp is needed).
"""
import torch


def _scale(absmax, levels):
    # an all-zero row or group gets scale 1 (its codes are then 0) instead of 0/0 = nan
    return torch.where(absmax == 0, torch.ones_like(absmax), absmax / levels)


def quantize_int8(w):
    w64 = w.to(torch.float64)
    scale = _scale(w64.abs().amax(dim=1, keepdim=True), 127)  # (out, 1)
    q = torch.round(w64 / scale)  # round half to even; |w / scale| <= 127
    return q.to(torch.int8), scale.to(torch.float32)


def dequantize_int8(q, scale):
    return (q.to(torch.float64) * scale.to(torch.float64)).to(torch.float32)


def _check_group_size(n, group_size):
    # groups of an even size that tile the row exactly; anything else is a ValueError, never a reshape error
    if group_size < 2 or group_size % 2 or n % group_size:
        raise ValueError("group_size must be a positive even divisor of the row length")


def quantize_int4(w, group_size):
    out, n = w.shape
    _check_group_size(n, group_size)
    groups = w.to(torch.float64).reshape(out, n // group_size, group_size)
    scales = _scale(groups.abs().amax(dim=2), 7)  # (out, n // group_size)
    q = torch.round(groups / scales[:, :, None]).reshape(out, n).to(torch.int64) + 8  # 1 .. 15
    packed = q[:, 0::2] | (q[:, 1::2] << 4)  # element 2k in the low nibble, 2k + 1 in the high one
    return packed.to(torch.uint8), scales.to(torch.float32)


def dequantize_int4(packed, scales, group_size):
    p = packed.to(torch.int64)
    out = p.shape[0]
    _check_group_size(2 * p.shape[1], group_size)
    if tuple(scales.shape) != (out, 2 * p.shape[1] // group_size):
        raise ValueError("scales must have the shape (out, in // group_size)")
    q = torch.stack([p & 15, p >> 4], dim=2).reshape(out, -1) - 8  # (out, in): low nibble first
    per_element = scales.to(torch.float64).repeat_interleave(group_size, dim=1)
    return (q.to(torch.float64) * per_element).to(torch.float32)
