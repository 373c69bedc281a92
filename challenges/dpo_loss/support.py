"""Runs on both sides: backward through a dpo_loss implementation inside the sandbox, so the judge compares
gradients (and whether the rewards were detached) rather than only values."""
import torch


def gradients(dpo_loss, pc, pr, rc, rr, beta):
    """Calls dpo_loss on copies of the inputs that require grad (all four, as when the reference model is trained
    too or its log-probabilities are not detached), runs loss.backward() and reports what happened:
    {"loss_requires_grad": bool, "rewards_require_grad": [bool, bool], "grads": [4 tensors] or None}.
    A grad that backward leaves at None is reported as a zeros tensor flagged in "missing"."""
    inputs = [t.detach().clone().requires_grad_(True) for t in (pc, pr, rc, rr)]
    loss, chosen_rewards, rejected_rewards = dpo_loss(*inputs, beta)
    report = {
        "loss_requires_grad": bool(loss.requires_grad),
        "rewards_require_grad": [bool(chosen_rewards.requires_grad), bool(rejected_rewards.requires_grad)],
        "grads": None,
        "missing": [],
    }
    if loss.requires_grad:
        loss.backward()
        report["grads"] = [t.grad if t.grad is not None else torch.zeros_like(t) for t in inputs]
        report["missing"] = [i for i, t in enumerate(inputs) if t.grad is None]
    return report
