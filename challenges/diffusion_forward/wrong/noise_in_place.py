# expect: WA  scales noise in place (noise.mul_) to save a temporary: the right x_t, but the caller's noise is changed
import torch


def linear_beta_schedule(T, beta_start=1e-4, beta_end=0.02):
    return torch.linspace(beta_start, beta_end, T, dtype=torch.float32)


def q_sample(x0, t, noise, alphas_cumprod):
    abar = alphas_cumprod.to(device=x0.device, dtype=torch.float32)[t]
    abar = abar.reshape((-1,) + (1,) * (x0.dim() - 1))
    scaled = noise.mul_((1 - abar).sqrt().to(noise.dtype))
    return ((abar.sqrt() * x0.float()).to(x0.dtype) + scaled).to(x0.dtype)


def diffusion_loss(eps_model, x0, t, noise, alphas_cumprod):
    x_t = q_sample(x0, t, noise.clone(), alphas_cumprod)
    return ((eps_model(x_t, t) - noise) ** 2).mean()
