# expect: WA  hard-codes image batches: abar[t][:, None, None, None] is right for (B, C, H, W) but gives the wrong shape for any other x0
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float32)


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod.to(torch.float64)[t][:, None, None, None]
    x_t = abar.sqrt() * x0.to(torch.float64) + (1 - abar).sqrt() * noise.to(torch.float64)
    return x_t.to(x0.dtype)


def diffusion_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_t = q_sample(x0, t, noise, alphas_cumprod)
    return ((eps_model(x_t, t) - noise) ** 2).mean()
