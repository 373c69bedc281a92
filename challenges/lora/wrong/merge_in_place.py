# expect: WA  merge() adds the update into base.weight in place and returns the base: the LoRA layer now counts the update twice
import math

import torch
from torch import nn


class LoRALinear(nn.Module):
    def __init__(self, base, r, alpha):
        super().__init__()
        if r < 1:
            raise ValueError("r must be >= 1")
        self.base = base
        for p in base.parameters():
            p.requires_grad_(False)
        w = base.weight
        self.scaling = alpha / r
        self.lora_A = nn.Parameter(nn.init.kaiming_uniform_(torch.empty(r, base.in_features, dtype=w.dtype), a=math.sqrt(5)))
        self.lora_B = nn.Parameter(torch.zeros(base.out_features, r, dtype=w.dtype))

    def forward(self, x):
        return self.base(x) + self.scaling * (x @ self.lora_A.T @ self.lora_B.T)

    def merge(self):
        with torch.no_grad():
            self.base.weight += self.scaling * self.lora_B @ self.lora_A
        return self.base
