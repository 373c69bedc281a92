# expect: WA  upcasts to float64 for stability but never casts back: float32 in, float64 out
import torch
import torch.nn.functional as F


def dpo_loss(policy_chosen_logps, policy_rejected_logps, reference_chosen_logps, reference_rejected_logps, beta):
    policy_chosen_logps, policy_rejected_logps = policy_chosen_logps.double(), policy_rejected_logps.double()
    reference_chosen_logps, reference_rejected_logps = reference_chosen_logps.double(), reference_rejected_logps.double()
    pi_logratios = policy_chosen_logps - policy_rejected_logps
    ref_logratios = reference_chosen_logps - reference_rejected_logps
    logits = pi_logratios - ref_logratios
    losses = F.softplus(-beta * logits)
    chosen_rewards = beta * (policy_chosen_logps - reference_chosen_logps).detach()
    rejected_rewards = beta * (policy_rejected_logps - reference_rejected_logps).detach()
    return losses.mean(), chosen_rewards, rejected_rewards
