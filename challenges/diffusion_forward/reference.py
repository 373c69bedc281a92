"""Reference DDPM forward process (as diffusers' DDPMScheduler): linear betas, closed-form q(x_t | x_0),
and the epsilon-prediction training loss. q_sample computes in float64 and rounds once."""
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float32)


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod.to(device=x0.device, dtype=torch.float64)[t]  # (B,)
    abar = abar.reshape((-1,) + (1,) * (x0.dim() - 1))  # (B, 1, 1, ...): broadcast over the other dims
    x_t = abar.sqrt() * x0.to(torch.float64) + (1 - abar).sqrt() * noise.to(torch.float64)
    return x_t.to(x0.dtype)


def diffusion_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_t = q_sample(x0, t, noise, alphas_cumprod)
    predicted = eps_model(x_t, t)
    return ((predicted - noise) ** 2).mean()
