"""`--json`: one JSON document on stdout, the documented `Result.to_dict()` shape."""
import json

from judge import hookimpl


def render(results) -> str:
    payload = results[0].to_dict() if len(results) == 1 else {"results": [r.to_dict() for r in results]}
    return json.dumps(payload, indent=2, ensure_ascii=False)


@hookimpl
def judge_result_formats():
    return {"json": render}
