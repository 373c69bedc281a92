"""Reference LoRA layer: a frozen nn.Linear plus a trainable low-rank update (alpha / r) * B A, as PEFT does."""
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        if r < 1:
            raise ValueError(f"rank r must be >= 1, got {r}")
        self.base = base
        for param in base.parameters():
            param.requires_grad_(False)  # only the adapter trains
        w = base.weight
        self.scaling = alpha / r
        # A random (Kaiming-uniform, as PEFT), B zeros: the update B A starts at exactly zero
        self.lora_A = nn.Parameter(nn.init.kaiming_uniform_(
            torch.empty(r, base.in_features, dtype=w.dtype, device=w.device), a=math.sqrt(5)))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype, device=w.device))

    def forward(self, x):
        return self.base(x) + self.scaling * ((x @ self.lora_A.T) @ self.lora_B.T)

    def merge(self):
        base = self.base
        w = base.weight
        merged = nn.Linear(base.in_features, base.out_features, bias=base.bias is not None,
                           dtype=w.dtype, device=w.device)
        with torch.no_grad():  # fresh tensors: the LoRA layer and its base stay as they are
            merged.weight.copy_(w + self.scaling * (self.lora_B @ self.lora_A))
            if base.bias is not None:
                merged.bias.copy_(base.bias)
        return merged
