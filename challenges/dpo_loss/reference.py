"""Reference DPO loss (TRL's sigmoid loss, mean over the batch), computed in float64 and rounded once."""
import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    dtype = policy_chosen_logps.dtype
    pc, pr = policy_chosen_logps.to(torch.float64), policy_rejected_logps.to(torch.float64)
    rc, rr = reference_chosen_logps.to(torch.float64), reference_rejected_logps.to(torch.float64)
    chosen = pc - rc  # log pi(y_w|x) / pi_ref(y_w|x)
    rejected = pr - rr
    losses = -F.logsigmoid(beta * (chosen - rejected))  # softplus(-x): finite for margins of +-1000
    chosen_rewards = (beta * chosen).detach()
    rejected_rewards = (beta * rejected).detach()
    return losses.mean().to(dtype), chosen_rewards.to(dtype), rejected_rewards.to(dtype)
