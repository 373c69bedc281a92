# expect: WA  computes the chosen log-ratio in place (policy_chosen_logps.sub_(reference_chosen_logps)): the caller's tensor changes
import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    chosen = policy_chosen_logps.sub_(reference_chosen_logps)  # in place: saves a temporary
    rejected = policy_rejected_logps - reference_rejected_logps
    logits = chosen - rejected
    losses = F.softplus(-beta * logits)
    chosen_rewards = beta * chosen.detach()
    rejected_rewards = beta * (policy_rejected_logps - reference_rejected_logps).detach()
    return losses.mean(), chosen_rewards, rejected_rewards
