import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    chosen = policy_chosen_logps - reference_chosen_logps
    rejected = policy_rejected_logps - reference_rejected_logps
    x = beta * (chosen - rejected)
    # softplus(-x) = (|x| - x) / 2 + log(1 + exp(-|x|)): finite for any margin, slope -1/2 at x = 0
    losses = 0.5 * (x.abs() - x) + torch.log1p(torch.exp(-x.abs()))
    return losses.mean(), (beta * chosen).detach(), (beta * rejected).detach()
