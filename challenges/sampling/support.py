"""Shared with the sandbox: draws happen inside it, through the submission's `sample` and a
torch.Generator made here from a seed the judge passes; only counts and plain facts come back."""
import torch


def bench_inputs(shape, seed):
    """Fresh (B, V) float32 logits for one timed call, each row sorted in descending order (so the
    top-k tokens are the first k columns, which the benchmark checks); the same on both sides for a seed."""
    generator = torch.Generator().manual_seed(seed)
    return (torch.sort(torch.randn(shape["B"], shape["V"], generator=generator) * 3, dim=-1, descending=True).values,)


def baseline_sample(logits, temperature=1.0, top_k=0, top_p=1.0, generator=None):
    """The plain implementation `judge bench` compares against: full sorts, float32."""
    if temperature != 1.0:
        logits = logits / temperature
    if top_k > 0:
        kth = torch.sort(logits, dim=-1, descending=True).values[..., top_k - 1:top_k]
        logits = logits.masked_fill(logits < kth, float("-inf"))
    if top_p < 1.0:
        ordered, order = torch.sort(logits, dim=-1)
        remove = torch.softmax(ordered, dim=-1).cumsum(dim=-1) <= 1 - top_p
        remove[..., -1:] = False
        logits = logits.masked_fill(remove.scatter(-1, order, remove), float("-inf"))
    return torch.multinomial(torch.softmax(logits, dim=-1), 1, generator=generator).squeeze(-1)


def draw_counts(sample, rows, draws, seed, temperature, top_k, top_p):
    """Call `sample` on a batch holding `draws` copies of each of the R logit rows `rows` (R, V), interleaved,
    with a generator seeded `seed`, twice, and report what happened: {"problem": None or why the output
    is malformed, "counts": R lists of how often each token was drawn, "repeatable": whether the same
    seed gave the same draws}."""
    count, vocab = rows.shape
    batch = rows.repeat(draws, 1)  # row r of the batch is rows[r % R]
    outputs = []
    for _ in range(2):
        generator = torch.Generator(device=rows.device).manual_seed(seed)
        given = batch.clone()
        options = {"temperature": temperature, "top_k": top_k, "top_p": top_p}
        defaults = {"temperature": 1.0, "top_k": 0, "top_p": 1.0}  # left out, so the defaults are exercised
        options = {name: value for name, value in options.items() if value != defaults[name]}
        outputs.append(sample(given, generator=generator, **options))
        if not torch.equal(given, batch):
            return {"problem": "sample changed the logits it was given", "counts": [], "repeatable": False}
    tokens = outputs[0]
    if type(tokens) is not torch.Tensor:
        return {"problem": f"sample returned a {type(tokens).__name__}, expected a torch.Tensor", "counts": [],
                "repeatable": False}
    if tokens.dtype != torch.int64 or tuple(tokens.shape) != (draws * count,):
        return {"problem": f"sample returned dtype {str(tokens.dtype).removeprefix('torch.')} shape "
                           f"{tuple(tokens.shape)} for {draws * count} rows, expected int64 of shape ({draws * count},)",
                "counts": [], "repeatable": False}
    if int(tokens.min()) < 0 or int(tokens.max()) >= vocab:
        return {"problem": f"sample returned token {int(tokens.min()) if int(tokens.min()) < 0 else int(tokens.max())}"
                           f" outside 0..{vocab - 1}", "counts": [], "repeatable": False}
    again = outputs[1]
    repeatable = type(again) is torch.Tensor and again.shape == tokens.shape and bool(torch.equal(again, tokens))
    per_row = tokens.cpu().reshape(draws, count)
    counts = [torch.bincount(per_row[:, r], minlength=vocab).tolist() for r in range(count)]
    return {"problem": None, "counts": counts, "repeatable": repeatable}
