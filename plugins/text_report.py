"""The terminal rendering of a Result: the verdict first, then what a person needs to fix it."""
from judge import hookimpl


def _line(label: str, value) -> str:
    return f"  {label:<15}{value}"


def render_one(result) -> str:
    d = result.to_dict()
    lines = [f"{d['challenge']}: {d['verdict']} ({result.verdict.meaning})"]
    if d["message"]:
        lines.append(_line("why", d["message"]))
    if d["property"]:
        lines.append(_line("property", d["property"]))
    if d["counterexample"]:
        example = d["counterexample"].replace("\n", "\n" + " " * 17)
        lines.append(_line("counterexample", example))
    if d["expected"] is not None and d["actual"] is not None:
        lines.append(_line("expected", d["expected"]))
        lines.append(_line("actual", d["actual"]))
    if d["traceback"]:
        tail = d["traceback"].rstrip().splitlines()[-12:]
        lines.append(_line("traceback", ("\n" + " " * 17).join(tail)))
    memory = f"{d['peak_memory_mib']} MiB" if d["peak_memory_mib"] is not None else "n/a"
    lines.append(_line("resources", f"cpu {d['cpu_seconds']} s, wall {d['wall_seconds']} s, "
                                    f"memory {memory}, sandbox {d['sandbox']}"))
    lines.append(_line("examples", d["examples"]))
    lines.append(_line("seed", f"{d['seed']}  (replay: --seed {d['seed']})"))
    return "\n".join(lines)


def render(results) -> str:
    return "\n\n".join(render_one(r) for r in results)


@hookimpl
def judge_result_formats():
    return {"text": render}
