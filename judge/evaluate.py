"""`judge eval SAMPLES.jsonl`: a code model's samples judged as one batch, and pass@k.

Each input line is a JSON object: `challenge`, `sample_id`, and the solution as `completion`
(source text) or `file` (a path, relative to the JSONL file's folder). Every sample is judged
(through `judge.batch`), one result line per sample is appended to the output file as soon as it
is known (the `judge run --json` document plus `sample_id`), and pass@k is printed per challenge
and overall. The output file is the resumption state: a rerun judges only the samples it does not
hold yet (keyed by challenge and sample_id); a last line cut short by a kill is dropped and judged
again. Malformed input lines are named with their line number and skipped.
"""
from __future__ import annotations

import contextlib
import json
import os
import sys
import tempfile
from dataclasses import dataclass
from pathlib import Path

from judge.errors import JudgeError


def pass_at_k(n: int, c: int, k: int) -> float:
    """The unbiased estimator of Chen et al. 2021 (HumanEval): 1 - C(n-c, k) / C(n, k), the chance
    that at least one of k samples drawn from n (c of them correct) is correct. Computed as a
    product, as in their code, so that large n neither overflows nor loses precision."""
    if not 0 <= c <= n or not 1 <= k <= n:
        raise ValueError(f"pass@{k} needs 1 <= k <= n and 0 <= c <= n (n={n}, c={c})")
    if n - c < k:
        return 1.0
    missing = 1.0
    for i in range(n - c + 1, n + 1):
        missing *= 1.0 - k / i
    return 1.0 - missing


def parse_ks(text: str) -> list[int]:
    try:
        ks = sorted({int(part) for part in text.split(",") if part.strip()})
    except ValueError:
        ks = []
    if not ks or ks[0] < 1:
        raise JudgeError(f"--k {text!r}: expected positive integers separated by commas, e.g. 1,10")
    return ks


@dataclass(frozen=True)
class Sample:
    line: int
    challenge: str
    sample_id: str | int
    completion: str | None = None
    file: Path | None = None

    @property
    def key(self) -> tuple[str, str]:
        return sample_key(self.challenge, self.sample_id)


def sample_key(challenge: str, sample_id) -> tuple[str, str]:
    return challenge, json.dumps(sample_id)  # 7 and "7" are different ids


def _parse_line(text: str, number: int, folder: Path, known) -> Sample:
    """One input line as a Sample; ValueError says why it is not one."""
    try:
        data = json.loads(text)
    except ValueError as exc:
        raise ValueError(f"not valid JSON ({exc.msg})") from None
    if type(data) is not dict:
        raise ValueError(f"expected a JSON object, got {type(data).__name__}")
    challenge, sample_id = data.get("challenge"), data.get("sample_id")
    if type(challenge) is not str:
        raise ValueError("field 'challenge' is missing or not a string")
    if type(sample_id) not in (str, int):
        raise ValueError("field 'sample_id' is missing or not a string or integer")
    has_completion, has_file = "completion" in data, "file" in data
    if has_completion == has_file:
        raise ValueError("expected exactly one of 'completion' and 'file'" + (", got both" if has_file else ""))
    problem = known(challenge)
    if problem:
        raise ValueError(problem)
    if has_completion:
        if type(data["completion"]) is not str:
            raise ValueError("field 'completion' is not a string")
        return Sample(number, challenge, sample_id, completion=data["completion"])
    if type(data["file"]) is not str or not data["file"]:
        raise ValueError("field 'file' is not a path")
    path = folder / data["file"]
    if not path.is_file():
        raise ValueError(f"file {data['file']!r}: no such file (paths are relative to {folder})")
    return Sample(number, challenge, sample_id, file=path)


def read_samples(path: Path, catalog) -> tuple[list[Sample], list[tuple[int, str]]]:
    """The valid samples, and (line number, why) for every line skipped."""
    problems: dict[str, str] = {}

    def known(challenge: str) -> str:
        if challenge not in problems:
            try:
                catalog.get(challenge)
                problems[challenge] = ""
            except JudgeError as exc:  # unknown, or a challenge folder that does not load
                problems[challenge] = str(exc)
        return problems[challenge]

    samples, skipped, seen = [], [], {}
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except (OSError, UnicodeDecodeError) as exc:
        raise JudgeError(f"{path}: cannot read ({getattr(exc, 'strerror', None) or exc})") from None
    for number, text in enumerate(lines, 1):
        if not text.strip():
            continue
        try:
            sample = _parse_line(text, number, path.parent, known)
        except ValueError as exc:
            skipped.append((number, str(exc)))
            continue
        if sample.key in seen:
            skipped.append((number, f"sample_id {sample.sample_id!r} of {sample.challenge} repeats line {seen[sample.key]}"))
            continue
        seen[sample.key] = number
        samples.append(sample)
    return samples, skipped


def read_results(path: Path) -> dict[tuple[str, str], dict]:
    """The results an earlier run wrote, by sample key. A last line without its newline was cut
    short (the judge was killed while writing): it is removed from the file and judged again."""
    try:
        data = path.read_bytes()
    except FileNotFoundError:
        return {}
    except OSError as exc:
        raise JudgeError(f"{path}: cannot read ({exc.strerror})") from None
    complete = data[: data.rfind(b"\n") + 1]
    if len(complete) < len(data):
        os.truncate(path, len(complete))
    done = {}
    for line in complete.decode("utf-8", "replace").splitlines():
        try:
            doc = json.loads(line)
            done[sample_key(doc["challenge"], doc["sample_id"])] = doc
        except (ValueError, KeyError, TypeError):
            continue  # not a result line: its sample (if any) is judged again
    return done


def default_output(samples: Path) -> Path:
    name = samples.name.removesuffix(".jsonl")
    return samples.with_name(f"{name}.results.jsonl")


def summarize(samples: list[Sample], done: dict, ks: list[int]) -> dict:
    """pass@k per challenge (null where k > n) and overall (the mean over the challenges where k <= n)."""
    per: dict[str, list[int]] = {}
    verdicts: dict[str, int] = {}
    for sample in samples:
        doc = done.get(sample.key)
        if doc is None:
            continue
        counts = per.setdefault(sample.challenge, [0, 0])
        counts[0] += 1
        counts[1] += doc.get("verdict") == "AC"
        verdicts[str(doc.get("verdict"))] = verdicts.get(str(doc.get("verdict")), 0) + 1
    challenges = []
    for cid in sorted(per):
        n, c = per[cid]
        row = {"challenge": cid, "n": n, "c": c}
        row.update({f"pass@{k}": (pass_at_k(n, c, k) if k <= n else None) for k in ks})
        challenges.append(row)
    overall, counted = {}, {}
    for k in ks:
        values = [row[f"pass@{k}"] for row in challenges if row[f"pass@{k}"] is not None]
        overall[f"pass@{k}"] = sum(values) / len(values) if values else None
        counted[f"pass@{k}"] = len(values)
    return {"k": ks, "samples": sum(n for n, _ in per.values()), "verdicts": verdicts,
            "challenges": challenges, "overall": overall, "overall_challenges": counted}


def render_summary(summary: dict) -> str:
    ks = summary["k"]
    rows = [["challenge", "n", "correct"] + [f"pass@{k}" for k in ks]]
    for row in summary["challenges"]:
        cells = [row["challenge"], str(row["n"]), str(row["c"])]
        rows.append(cells + [f"{row[f'pass@{k}']:.3f}" if row[f"pass@{k}"] is not None else "n/a" for k in ks])
    overall = summary["overall"]
    rows.append([f"overall ({len(summary['challenges'])} challenges)", str(summary["samples"]), ""]
                + [f"{overall[f'pass@{k}']:.3f}" if overall[f"pass@{k}"] is not None else "n/a" for k in ks])
    widths = [max(len(r[i]) for r in rows) for i in range(len(rows[0]))]
    lines = ["  ".join(cell.ljust(w) if i == 0 else cell.rjust(w) for i, (cell, w) in enumerate(zip(r, widths)))
             for r in rows]
    verdicts = ", ".join(f"{count} {v}" for v, count in sorted(summary["verdicts"].items()))
    lines.append(f"verdicts: {verdicts or 'none'}")
    short = [f"pass@{k}: k > n for {len(summary['challenges']) - summary['overall_challenges'][f'pass@{k}']} "
             f"challenge(s), left out of the overall mean" for k in ks
             if summary["overall_challenges"][f"pass@{k}"] < len(summary["challenges"])]
    if short:
        lines.append("n/a: fewer samples than k (pass@k is only estimated for k <= n)")
        lines += short
    return "\n".join(lines)


def command_eval(args, pm) -> int:
    from judge.backends import close_backend, open_backend
    from judge.batch import Options
    from judge.catalog import Catalog

    ks = parse_ks(args.k)
    if args.jobs is not None and args.jobs < 1:
        raise JudgeError("--jobs must be at least 1")
    if args.max_examples is not None and args.max_examples < 1:
        raise JudgeError("--max-examples must be at least 1")
    source = args.samples
    if not source.is_file():
        raise JudgeError(f"{source}: no such file")
    output = args.output or default_output(source)
    if output.resolve() == source.resolve():
        raise JudgeError(f"-o {output}: that is the samples file")
    samples, skipped = read_samples(source, Catalog(pm))
    for number, why in skipped:
        print(f"judge: {source}:{number}: {why}; skipped", file=sys.stderr)
    if not samples:
        raise JudgeError(f"{source}: no valid sample to judge")
    done = read_results(output)
    todo = [s for s in samples if s.key not in done]
    if todo:
        backend, notice = open_backend(pm, args.sandbox, None)  # a usage error here, not per sample
        close_backend(backend)
        if notice:
            print(f"judge: note: {notice}", file=sys.stderr)
        options = Options(sandbox=args.sandbox, seed=args.seed, max_examples=args.max_examples, device=args.device,
                          challenges_dirs=tuple(str(Path(d).resolve()) for d in args.challenges_dir))
        _judge_samples(todo, source, output, options, args.jobs, done)
    summary = summarize(samples, done, ks)
    summary.update({"output": str(output), "judged_now": len(todo), "already_judged": len(samples) - len(todo),
                    "skipped_lines": [number for number, _ in skipped]})
    if args.json:
        print(json.dumps(summary, indent=2))
    else:
        print(f"{len(samples)} samples ({len(todo)} judged now, {len(samples) - len(todo)} from {output})")
        print(render_summary(summary))
    return 0


def _judge_samples(todo: list[Sample], source: Path, output: Path, options, jobs, done: dict) -> None:
    """Judge `todo`, appending each result line to `output` (flushed) as soon as it is known."""
    from judge.batch import Item, judge_many

    progress = sys.stderr.isatty()
    with tempfile.TemporaryDirectory(prefix="judge-eval-") as private:
        items = []
        for index, sample in enumerate(todo):
            path = sample.file
            if path is None:  # a completion becomes a file of its own, in a folder only we can read
                path = Path(private) / f"sample_{index}.py"
                path.write_bytes(sample.completion.encode("utf-8", "surrogatepass"))
            items.append(Item(sample.challenge, path))
        output.parent.mkdir(parents=True, exist_ok=True)
        with open(output, "a", encoding="utf-8") as out, contextlib.closing(judge_many(items, options, jobs)) as stream:
            for count, judged in enumerate(stream, 1):
                sample = todo[judged.index]
                doc = judged.result.to_dict()
                doc["submission"] = str(sample.file) if sample.file else f"{source}:{sample.line}"
                doc["sample_id"] = sample.sample_id
                out.write(json.dumps(doc, ensure_ascii=False) + "\n")
                out.flush()
                done[sample.key] = doc
                if progress:
                    print(f"judge: [{count}/{len(todo)}] {sample.challenge} {sample.sample_id}: {doc['verdict']}",
                          file=sys.stderr, flush=True)
