"""`--json`: one JSON document on stdout, the documented `Result.to_dict()` shape."""
import json

from judge import hookimpl


def render(results) -> str:
    """One `Result.to_dict()` document per result, whatever their number: one is printed indented
    (`judge run FILE --json`), several as JSON Lines, one compact document a line (as a batch prints)."""
    if len(results) == 1:
        return json.dumps(results[0].to_dict(), indent=2, ensure_ascii=False)
    return "\n".join(json.dumps(r.to_dict(), ensure_ascii=False) for r in results)


@hookimpl
def judge_result_formats():
    return {"json": render}
