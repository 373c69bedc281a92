"""Runs on both sides: small deterministic language models that record every call (the ids they were
given), and a helper returning those records so the judge can compare how the model was called."""
import torch


class TinyLM:
    """A causal toy LM: position i's logits depend only on tokens 0..i (a decayed sum of random
    embeddings through tanh and a random output matrix), float32 logits of shape (B, T, vocab)."""

    def __init__(self, seed, vocab, dim=8, decay=0.7):
        g = torch.Generator().manual_seed(seed)
        self.embed = torch.randn(vocab, dim, generator=g, dtype=torch.float64)
        self.out = torch.randn(dim, vocab, generator=g, dtype=torch.float64)
        self.decay = decay
        self.seen = []

    def __call__(self, ids):
        self.seen.append(ids.detach().clone())
        T = ids.shape[1]
        pos = torch.arange(T, dtype=torch.float64)
        weights = (self.decay ** (pos[:, None] - pos[None, :])).tril()  # (T, T), causal
        hidden = torch.tanh(weights @ self.embed[ids])  # (B, T, dim)
        return (hidden @ self.out).to(torch.float32)


class ScriptedLM:
    """Emits a fixed token per row and step: at step s (sequence length prompt_len + s) row b's last
    position has logit 5 on script[b][s], small distinct logits elsewhere; other positions are random."""

    def __init__(self, script, vocab, prompt_len, seed=0):
        self.script, self.vocab, self.prompt_len = script, vocab, prompt_len
        self.noise = torch.rand(vocab, generator=torch.Generator().manual_seed(seed))
        self.seen = []

    def __call__(self, ids):
        self.seen.append(ids.detach().clone())
        B, T = ids.shape
        logits = self.noise.expand(B, T, self.vocab).clone()
        step = T - self.prompt_len
        for b in range(B):
            row = self.script[b]
            logits[b, -1, row[min(step, len(row) - 1)]] = 5.0
        return logits


def calls(model):
    """The ids tensor of every call made to the model, in order."""
    return list(model.seen)
