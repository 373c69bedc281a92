# expect: WA  int8 quantization scales w in place (w.mul_) to save a copy: right codes, but the caller's weights are changed
import torch


def quantize_int8(w):
    absmax = w.abs().max(dim=-1, keepdim=True).values
    inv = torch.where(absmax > 0, 127.0 / absmax, torch.zeros_like(absmax))  # multiply instead of divide
    q = torch.clamp(torch.round(w.mul_(inv)), -127, 127).to(torch.int8)
    scale = torch.where(absmax > 0, absmax / 127.0, torch.ones_like(absmax))
    return q, scale


def dequantize_int8(q, scale):
    return q.float() * scale


def quantize_int4(w, group_size):
    out, n = w.shape
    g = w.view(out, -1, group_size)
    absmax = g.abs().amax(-1)
    scales = torch.where(absmax > 0, absmax / 7.0, torch.ones_like(absmax))
    q = torch.clamp(torch.round(g / scales.unsqueeze(-1)), -7, 7).to(torch.uint8).view(out, n) + 8
    return (q[:, ::2] & 0xF) | (q[:, 1::2] << 4), scales


def dequantize_int4(packed, scales, group_size):
    lo = (packed & 0x0F).to(torch.int16) - 8
    hi = (packed >> 4).to(torch.int16) - 8
    q = torch.empty(packed.shape[0], packed.shape[1] * 2, dtype=torch.float32)
    q[:, 0::2] = lo.float()
    q[:, 1::2] = hi.float()
    return (q.view(packed.shape[0], -1, group_size) * scales.unsqueeze(-1)).view(packed.shape[0], -1)
