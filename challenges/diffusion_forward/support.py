"""Runs on both sides: a tiny deterministic noise-prediction model with two trainable scalars that
records every call, and helpers returning plain data about its calls and gradients."""
import torch
from torch import nn


class EpsModel(nn.Module):
    """eps_model(x_t, t) = w * x_t + b * t / 1000 (broadcast over the non-batch dims), w and b from the seed."""

    def __init__(self, seed, dtype="float32"):
        super().__init__()
        g = torch.Generator().manual_seed(seed)
        dt = getattr(torch, dtype)
        self.w = nn.Parameter((0.5 + torch.rand((), generator=g, dtype=torch.float64)).to(dt))
        self.b = nn.Parameter((torch.rand((), generator=g, dtype=torch.float64) * 2 - 1).to(dt))
        self.seen = []

    def forward(self, x_t, t):
        self.seen.append((x_t.detach().clone(), t.detach().clone()))
        shift = (t.to(x_t.dtype) / 1000).reshape((-1,) + (1,) * (x_t.dim() - 1))
        return self.w * x_t + self.b * shift


def calls(model):
    """What the model was called with: one (x_t, t) pair per call."""
    return [(x, t) for x, t in model.seen]


def loss_report(model, loss):
    """The loss value and shape, then backpropagate it and report the model's gradients."""
    value = loss.detach().clone()
    model.w.grad = model.b.grad = None
    loss.backward()
    grad = [None if p.grad is None else p.grad.detach().clone() for p in (model.w, model.b)]
    return {"loss": value, "shape": tuple(loss.shape), "grad_w": grad[0], "grad_b": grad[1]}
