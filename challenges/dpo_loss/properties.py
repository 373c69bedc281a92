"""Properties of dpo_loss: TRL's sigmoid DPO loss against a float64 reference, over float32 and float64
log-probabilities, betas from 0 to 2, batch sizes from 1 to 16, and margins up to +-1000 (where
-log(sigmoid(x)) overflows); loss and rewards compared with per-dtype tolerances (dtype and shape exactly).
A support helper runs loss.backward() inside the sandbox on inputs that require grad and returns the
four gradients and whether the rewards were detached, compared with the reference's.

Log-probabilities are multiples of 1/64 below 2048 in magnitude, so every difference of them is exact
in float32 and the order in which a submission subtracts them does not matter.
"""
import torch
from hypothesis import strategies as st

from judge.compare import tensor_close
from judge.harness import prop

NAME = "dpo_loss"
DTYPES = {"float32": torch.float32, "float64": torch.float64}
seeds = st.integers(0, 2**31 - 1)
batches = st.integers(1, 16)
dtypes = st.sampled_from(sorted(DTYPES))
betas = st.sampled_from([0.0, 0.01, 0.1, 0.5, 1.0, 2.0])


def make_logps(seed, b, dtype, spread=30.0):
    """Four (B,) tensors of negative log-probabilities (sums over completion tokens), multiples of 1/64."""
    g = torch.Generator().manual_seed(seed)
    base = -torch.rand(b, generator=g, dtype=torch.float64) * 200
    out = []
    for _ in range(4):
        x = base + torch.randn(b, generator=g, dtype=torch.float64) * spread
        out.append((torch.round(x.clamp(-2000, 0) * 64) / 64).to(DTYPES[dtype]))
    return out


def three_close(expected, actual):
    """(loss, chosen_rewards, rejected_rewards): a tuple of three tensors, each within its dtype's tolerance."""
    if type(actual) is not tuple or len(actual) != 3:
        return f"expected a tuple (loss, chosen_rewards, rejected_rewards), got {type(actual).__name__}"
    for name, e, a in zip(("loss", "chosen_rewards", "rejected_rewards"), expected, actual):
        reason = tensor_close()(e, a)
        if reason:
            return f"{name}: {reason}"
    return None


def same_gradients(expected, actual):
    """The helper's report: the flags exactly, the four gradients within the dtype's tolerance."""
    for key in ("loss_requires_grad", "rewards_require_grad", "missing"):
        if expected[key] != actual[key]:
            return {"loss_requires_grad": f"loss.requires_grad is {actual[key]}, expected {expected[key]}: "
                                          f"the loss must stay connected to the autograd graph",
                    "rewards_require_grad": f"rewards require grad {actual[key]}, expected {expected[key]}: "
                                            f"the rewards must be detached",
                    "missing": f"no gradient reached inputs {actual[key]} (expected none missing)"}[key]
    if expected["grads"] is None:
        return None
    names = ("policy_chosen_logps", "policy_rejected_logps", "reference_chosen_logps", "reference_rejected_logps")
    for name, e, a in zip(names, expected["grads"], actual["grads"]):
        reason = tensor_close()(e, a)
        if reason:
            return f"gradient of the loss with respect to {name}: {reason}"
    return None


@prop(seeds, batches, dtypes, betas, max_examples=200)
def matches_reference(p, seed, b, dtype, beta):
    """loss = mean(-logsigmoid(beta * ((pc - rc) - (pr - rr)))) as a 0-dim tensor, rewards beta * (policy - reference)
    of shape (B,), all in the input dtype; beta = 0 gives log 2 and zero rewards."""
    p.call(NAME, *make_logps(seed, b, dtype), beta).compare(three_close)


@prop(seeds, batches, dtypes, st.sampled_from([1.0, 0.5]), st.integers(-1, 1), max_examples=60)
def large_margins(p, seed, b, dtype, beta, sign):
    """Margins beta * z of +-1000 (and mixed): -log(sigmoid(x)) gives inf and sigmoid-based gradients nan unless
    computed as softplus(-x) / logsigmoid; the loss must stay finite and exact (about 1000 for margin -1000)."""
    pc, pr, rc, rr = make_logps(seed, b, dtype, spread=1.0)
    g = torch.Generator().manual_seed(seed + 1)
    signs = torch.full((b,), float(sign), dtype=torch.float64) if sign else torch.randint(0, 2, (b,), generator=g) * 2.0 - 1
    shift = (signs * 1000.0 / beta).to(pc.dtype)  # z = (pc - rc) - (pr - rr) moves by +-1000 / beta
    pc = pc + shift / 2
    pr = pr - shift / 2
    p.call(NAME, pc, pr, rc, rr, beta).compare(three_close)
    p.helper("gradients", p.new("dpo_loss.__globals__.get", NAME), pc, pr, rc, rr, beta).compare(same_gradients)


@prop(seeds, batches, dtypes, betas, max_examples=120)
def gradients(p, seed, b, dtype, beta):
    """backward() through the loss gives the reference's gradients for all four inputs (mean over the batch, so
    each is -/+ beta * sigmoid(-beta z) / B), and the rewards are detached (requires_grad False)."""
    fn = p.new("dpo_loss.__globals__.get", NAME)  # the submission's own dpo_loss, handed to the helper
    p.helper("gradients", fn, *make_logps(seed, b, dtype), beta).compare(same_gradients)


@prop(seeds, dtypes, max_examples=20)
def batch_of_one(p, seed, dtype):
    """B = 1: the loss is still 0-dimensional (shape ()), the rewards still of shape (1,)."""
    p.call(NAME, *make_logps(seed, 1, dtype), 0.1).compare(three_close)
