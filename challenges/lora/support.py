"""Runs on both sides (judge and sandbox): builds the frozen base layer from a seed, so both sides hold
identical weights, and drives a kept LoRALinear through a scenario, returning plain data (tensors,
bools, ints, names) that the judge compares. nn.Module objects never cross the wire."""
import math

import torch
from torch import nn

ADAPTER = ("lora_A", "lora_B")


def make_base(seed, in_features, out_features, bias=True, dtype="float32"):
    """An nn.Linear with weights drawn from `seed` (N(0, 1/in) weights, N(0, 1) bias)."""
    dt = getattr(torch, dtype)
    layer = nn.Linear(in_features, out_features, bias=bias, dtype=dt)
    g = torch.Generator().manual_seed(seed)
    with torch.no_grad():
        layer.weight.copy_(torch.randn(out_features, in_features, generator=g, dtype=torch.float64)
                           / math.sqrt(in_features))
        if bias:
            layer.bias.copy_(torch.randn(out_features, generator=g, dtype=torch.float64))
    return layer


def _set_adapter(layer, A, B):
    with torch.no_grad():
        layer.lora_A.copy_(A)
        layer.lora_B.copy_(B)


def initial_state(layer, x):
    """Right after construction: the output (must equal the base's), and what lora_A / lora_B are."""
    A, B = layer.lora_A, layer.lora_B
    return {
        "output": layer(x).detach(),
        "lora_A": (type(A).__name__, tuple(A.shape), str(A.dtype)),
        "lora_B": (type(B).__name__, tuple(B.shape), str(B.dtype)),
        "B_is_zero": bool((B == 0).all()),
        "A_is_random": bool(torch.isfinite(A).all()) and bool((A != 0).any()),
    }


def trainable(layer):
    """Which parameters train: names, trainable count, total count."""
    params = list(layer.named_parameters())
    return {
        "trainable": sorted(name for name, p in params if p.requires_grad),
        "trainable_count": sum(p.numel() for _, p in params if p.requires_grad),
        "total_count": sum(p.numel() for _, p in params),
    }


def forward_with(layer, A, B, x):
    """Load lora_A = A and lora_B = B, then return layer(x)."""
    _set_adapter(layer, A, B)
    return layer(x).detach()


def gradients(layer, A, B, x, w):
    """Load A and B, backpropagate sum(layer(x) * w), and report the gradients that appear."""
    _set_adapter(layer, A, B)
    for p in layer.parameters():
        p.grad = None
    x = x.clone().requires_grad_(True)
    (layer(x) * w).sum().backward()

    def grad(p):
        return None if p.grad is None else p.grad.detach().clone()

    return {
        "lora_A": grad(layer.lora_A),
        "lora_B": grad(layer.lora_B),
        "x": None if x.grad is None else x.grad.detach().clone(),
        "frozen_with_grad": sorted(n for n, p in layer.named_parameters() if n not in ADAPTER and p.grad is not None),
    }


def merge_check(layer, A, B, x):
    """Load A and B, merge, and report the merged layer's output, the LoRA layer's output after the
    merge, whether the LoRA layer (values and requires_grad flags) is unchanged, and whether the merged
    layer is a new nn.Linear sharing no storage with the LoRA layer."""
    _set_adapter(layer, A, B)
    before = {k: v.detach().clone() for k, v in layer.state_dict().items()}
    flags = [(n, p.requires_grad) for n, p in layer.named_parameters()]
    merged = layer.merge()
    after = layer.state_dict()
    unchanged = (set(before) == set(after) and all(torch.equal(before[k], after[k]) for k in before)
                 and flags == [(n, p.requires_grad) for n, p in layer.named_parameters()])
    own = {p.data_ptr() for p in layer.parameters()}
    is_linear = type(merged) is nn.Linear
    return {
        "is_linear": is_linear,
        "merged_output": merged(x).detach() if is_linear else None,
        "has_bias": merged.bias is not None if is_linear else None,
        "shares_storage": any(p.data_ptr() in own for p in merged.parameters()) if is_linear else None,
        "layer_unchanged": unchanged,
        "layer_output": layer(x).detach(),
    }
