"""The judge's Python and the sandbox image's Python must be the same minor version.

The reference runs in the judge's interpreter and the submission in the image's, and the standard
library's behaviour changes between minor versions: the Unicode database (`str.isalpha`, `\\w` in
`re`, `casefold`; U+31350 is a letter in Unicode 15, Python 3.12+, and not in Unicode 14, Python
3.11), `urllib.parse`, `json` and `logging` details. A judge on Python 3.13 would reject a correct
submission that the image's 3.11 runs. So each image records its interpreter's version and Unicode
database version as labels when it is built (`sandbox.images`), and the judge refuses to judge on
Docker when either differs from its own (the major.minor version, or `unicodedata.unidata_version`).
The local sandbox runs the judge's own interpreter and needs no check.

Standard library only: a test loads this file under other interpreters.
"""
from __future__ import annotations

import platform
import unicodedata

PYTHON_LABEL = "judge.python.version"
UNIDATA_LABEL = "judge.python.unidata"
# Run with the image's `python3 -I -c`: one line of JSON holding the two labels.
PROBE = ("import json, platform, unicodedata; print(json.dumps({"
         f"{PYTHON_LABEL!r}: platform.python_version(), {UNIDATA_LABEL!r}: unicodedata.unidata_version}}))")


def this_python() -> dict[str, str]:
    """The running interpreter's labels: {PYTHON_LABEL: '3.11.7', UNIDATA_LABEL: '14.0.0'}."""
    return {PYTHON_LABEL: platform.python_version(), UNIDATA_LABEL: unicodedata.unidata_version}


def _minor(version: str) -> str:
    return ".".join(version.split(".")[:2])


def mismatch(image_labels: dict, image: str = "the sandbox image", judge: dict | None = None) -> str | None:
    """None when the image's Python reads Python as the judge's does, else the one-line refusal."""
    judge = judge or this_python()
    version, unidata = image_labels.get(PYTHON_LABEL), image_labels.get(UNIDATA_LABEL)
    if not version or not unidata:
        return f"{image} does not record its Python version; rebuild it with `judge sandbox build`"
    ours, our_unidata = judge[PYTHON_LABEL], judge[UNIDATA_LABEL]
    if _minor(version) == _minor(ours) and unidata == our_unidata:
        return None
    return (f"the judge runs Python {ours} (Unicode {our_unidata}) but {image} runs Python {version} "
            f"(Unicode {unidata}): the reference and the submission would disagree on the standard library; "
            f"run the judge on Python {_minor(version)}, or set JUDGE_DOCKER_BASE to a base image whose python3 "
            f"is {_minor(ours)}")
