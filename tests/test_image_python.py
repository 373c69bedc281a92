"""The judge refuses to judge on Docker when the image's Python differs from its own (minor version or
Unicode database): the reference would run on one standard library and the submission on another."""
from __future__ import annotations

import glob
import inspect
import json
import shutil
import subprocess
import sys
from pathlib import Path
from types import SimpleNamespace

import pytest

from conftest import SUBMISSIONS
from judge.sandbox import pyversion
from judge.sandbox.images import require_same_python
from judge.sandbox.pyversion import PYTHON_LABEL, UNIDATA_LABEL, mismatch
from judge.sandbox.session import BackendUnavailable

ROOT = Path(__file__).resolve().parents[1]
IMAGE_311 = {PYTHON_LABEL: "3.11.2", UNIDATA_LABEL: "14.0.0"}  # Debian 12's python3
JUDGE_313 = {PYTHON_LABEL: "3.13.0", UNIDATA_LABEL: "15.1.0"}


def test_the_same_minor_version_and_unicode_database_may_judge():
    assert mismatch(IMAGE_311, judge={PYTHON_LABEL: "3.11.7", UNIDATA_LABEL: "14.0.0"}) is None


def test_another_minor_version_is_refused_in_one_line_saying_what_to_do():
    reason = mismatch(IMAGE_311, "the sandbox image judge-sandbox-python:abc", judge=JUDGE_313)
    assert reason and "\n" not in reason
    assert "Python 3.13.0 (Unicode 15.1.0)" in reason and "judge-sandbox-python:abc runs Python 3.11.2 (Unicode 14.0.0)" in reason
    assert "run the judge on Python 3.11" in reason and "JUDGE_DOCKER_BASE" in reason


def test_another_unicode_database_is_refused_even_on_the_same_minor_version():
    assert mismatch(IMAGE_311, judge={PYTHON_LABEL: "3.11.7", UNIDATA_LABEL: "15.0.0"})


def test_an_image_without_labels_is_refused():
    assert "does not record its Python version" in mismatch({}, judge=JUDGE_313)


def test_require_same_python_reads_the_image_labels(monkeypatch):
    client = SimpleNamespace(images=SimpleNamespace(get=lambda tag: SimpleNamespace(labels=dict(IMAGE_311))))
    monkeypatch.setattr(pyversion, "this_python", lambda: dict(JUDGE_313))
    with pytest.raises(BackendUnavailable, match=r"^the judge runs Python 3\.13\.0 .* runs Python 3\.11\.2 "):
        require_same_python(client, "judge-sandbox-python:abc")
    monkeypatch.setattr(pyversion, "this_python", lambda: {PYTHON_LABEL: "3.11.9", UNIDATA_LABEL: "14.0.0"})
    require_same_python(client, "judge-sandbox-python:abc")


# ---------------------------------------------------------------- the real image

@pytest.fixture(scope="module")
def real_image():
    from judge.sandbox.docker_backend import DockerBackend

    backend = DockerBackend(progress=None)
    if not backend.available():
        pytest.skip(f"no Docker daemon: {backend.why_unavailable}")
    from judge.sandbox.images import ensure_image

    return backend.client(), ensure_image(backend.client(), "python", base=backend.base, progress=None)


@pytest.mark.docker
def test_a_built_image_carries_its_pythons_true_labels(real_image):
    from judge.sandbox.images import python_labels

    client, tag = real_image
    labels = client.images.get(tag).labels
    assert {k: labels[k] for k in (PYTHON_LABEL, UNIDATA_LABEL)} == python_labels(client, tag)  # what it runs


@pytest.mark.docker
def test_this_judge_may_judge_with_its_image(real_image):
    client, tag = real_image
    if mismatch(client.images.get(tag).labels) is not None:
        pytest.skip(f"this judge's Python differs from the image's: {mismatch(client.images.get(tag).labels)}")
    require_same_python(client, tag)


def _other_python() -> str | None:
    """An interpreter of another minor version than ours, if this machine has one (e.g. pyenv's 3.13)."""
    found = [shutil.which(f"python3.{minor}") for minor in range(20, 7, -1)]
    found += sorted(glob.glob("/root/.pyenv/versions/3.*/bin/python3"), reverse=True)
    for path in filter(None, found):
        try:
            out = subprocess.run([path, "-c", "import sys; print(sys.version_info[0], sys.version_info[1])"],
                                 capture_output=True, text=True, timeout=20)
        except (OSError, subprocess.SubprocessError):
            continue
        version = tuple(int(x) for x in out.stdout.split()) if out.returncode == 0 else ()
        if len(version) == 2 and version >= (3, 8) and version != sys.version_info[:2]:
            return path
    return None


@pytest.mark.docker
def test_a_judge_on_another_python_is_refused_by_the_real_image(real_image):
    """The comparison runs in the other interpreter itself, against the labels of the real image."""
    other = _other_python()
    if other is None:
        pytest.skip("no Python of another minor version on this machine")
    client, tag = real_image
    script = ("import importlib.util, json, sys; spec = importlib.util.spec_from_file_location('pv', sys.argv[1]); "
              "pv = importlib.util.module_from_spec(spec); spec.loader.exec_module(pv); "
              "print(json.dumps([pv.this_python(), pv.mismatch(json.loads(sys.argv[2]), 'the image')]))")
    labels = json.dumps(client.images.get(tag).labels)
    out = subprocess.run([other, "-I", "-c", script, str(ROOT / "sandbox/pyversion.py"), labels],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 0, out.stderr
    theirs, reason = json.loads(out.stdout)
    assert reason and f"the judge runs Python {theirs[PYTHON_LABEL]}" in reason, reason


@pytest.mark.docker
def test_judging_across_python_versions_exits_2_with_one_line(judge_cli, monkeypatch, real_image):
    from judge.sandbox.docker_backend import DockerBackend

    if "require_same_python" not in inspect.getsource(DockerBackend):
        pytest.skip("DockerBackend does not call sandbox.images.require_same_python yet")
    monkeypatch.setattr(pyversion, "this_python", lambda: dict(JUDGE_313))
    code, out, err = judge_cli("run", "challenge", "lru_cache", SUBMISSIONS / "lru_ok.py", "--sandbox", "docker")
    assert code == 2 and out == ""
    assert err.count("\n") == 1 and "the judge runs Python 3.13.0 (Unicode 15.1.0) but the sandbox image" in err
