"""The wheel a user installs (issue 13): one `judge` namespace in site-packages, the free
distribution name, metadata, and a judge that works from a fresh virtual environment outside the
checkout."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import sysconfig
import zipfile
from pathlib import Path

import pytest

from tests.conftest import ROOT

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("wheel")
    # A copy of the tracked tree: building in the checkout would leave build/ and egg-info behind.
    src = tmp_path_factory.mktemp("src")
    files = subprocess.run(["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"], cwd=ROOT,
                           capture_output=True, check=True).stdout.decode().split("\0")
    for name in filter(None, files):
        if (ROOT / name).is_file():
            (src / name).parent.mkdir(parents=True, exist_ok=True)
            (src / name).write_bytes((ROOT / name).read_bytes())
    done = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                           "-w", str(out), str(src)], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    (built,) = out.glob("*.whl")
    return built


def test_the_wheel_installs_one_judge_namespace(wheel):
    assert wheel.name.startswith("propjudge-")
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/")[0] for name in names}
    assert top == {"judge", f"{wheel.name.split('-')[0]}-{wheel.name.split('-')[1]}.dist-info"}
    for expected in ("judge/sandbox/worker.py", "judge/sandbox/seccomp.json", "judge/challenges/lru_cache/challenge.yaml",
                     "judge/challenges/lru_cache/wrong/capacity_off_by_one.py", "judge/builtin_plugins/text_report.py"):
        assert expected in names
    assert not any("__pycache__" in name for name in names)


def test_the_wheels_metadata_names_license_urls_and_classifiers(wheel):
    archive = zipfile.ZipFile(wheel)
    (meta,) = [n for n in archive.namelist() if n.endswith(".dist-info/METADATA")]
    text = archive.read(meta).decode()
    assert "Name: propjudge" in text and "License-Expression: MIT" in text
    assert "Project-URL: Source," in text and "Classifier: Programming Language :: Python :: 3.11" in text
    assert any(n.endswith("licenses/LICENSE") for n in archive.namelist())
    (entry_points,) = [n for n in archive.namelist() if n.endswith(".dist-info/entry_points.txt")]
    points = archive.read(entry_points).decode()
    assert "builtin = judge.challenges" in points and "judge = judge.cli:main" in points


def test_an_installed_wheel_judges_outside_the_checkout(wheel, tmp_path):
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    # Dependencies from this environment's site-packages (its .pth files, the editable checkout's
    # finder among them, are not read from PYTHONPATH); the judge itself only from the wheel.
    deps = sysconfig.get_paths()["purelib"]
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": deps,
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                              "--no-deps", str(wheel)], capture_output=True, text=True, env={**os.environ, **env})
    assert install.returncode == 0, install.stderr
    where = subprocess.run([str(venv / "bin" / "python"), "-c", "import judge.sandbox.worker as w; print(w.__file__)"],
                           capture_output=True, text=True, env=env, cwd=tmp_path)
    assert where.stdout.startswith(str(venv)), where.stderr
    solution = tmp_path / "sol.py"
    solution.write_text((ROOT / "examples" / "lru_cache_solution.py").read_text())
    done = subprocess.run([str(venv / "bin" / "judge"), "run", "challenge", "lru_cache", "sol.py", "--sandbox", "local",
                           "--max-examples", "20", "--json"], capture_output=True, text=True, env=env, cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    assert json.loads(done.stdout)["verdict"] == "AC"
    listing = subprocess.run([str(venv / "bin" / "python"), "-m", "judge", "list"], capture_output=True, text=True,
                             env=env, cwd=tmp_path)
    assert listing.returncode == 0 and "lru_cache" in listing.stdout
    # the first-hour commands, from the wheel: schema, show --json, completion, exercism, --junitxml
    def judge(*args):
        return subprocess.run([str(venv / "bin" / "judge"), *args], capture_output=True, text=True, env=env, cwd=tmp_path)

    assert json.loads(judge("schema").stdout)["title"] == "judge challenge.yaml"
    assert json.loads(judge("show", "lru_cache", "--json").stdout)["interface"] == ["LRUCache"]
    assert "judge" in judge("completion", "bash").stdout
    (tmp_path / "in").mkdir()
    (tmp_path / "in" / "lru_cache.py").write_text(solution.read_text())
    assert judge("exercism", "lru-cache", "in/", "out/", "--sandbox", "local").returncode == 0
    assert json.loads((tmp_path / "out" / "results.json").read_text())["status"] == "pass"
    done = judge("run", "challenge", "lru_cache", "sol.py", "--sandbox", "local", "--max-examples", "5",
                 "--junitxml", "run.xml")
    assert done.returncode == 0 and (tmp_path / "run.xml").read_text().startswith("<?xml")
    assert not (tmp_path / ".hypothesis").exists()


def test_a_torch_challenge_on_a_judge_without_torch_says_how_to_install_it(wheel, tmp_path):
    """A real judge without torch: a fresh venv whose dependencies are this one's, torch left out."""
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", "--without-pip", str(venv)], check=True)
    deps = tmp_path / "deps"
    deps.mkdir()
    for entry in Path(sysconfig.get_paths()["purelib"]).iterdir():
        if not entry.name.lower().startswith(("torch", "__editable__", "propjudge", "judge")) and entry.suffix != ".pth":
            (deps / entry.name).symlink_to(entry)
    env = {"PATH": f"{venv / 'bin'}:/usr/bin:/bin", "HOME": str(tmp_path), "PYTHONPATH": str(deps),
           "XDG_CACHE_HOME": str(tmp_path / "cache")}
    install = subprocess.run([sys.executable, "-m", "pip", "--python", str(venv / "bin" / "python"), "install", "-q",
                              "--no-deps", str(wheel)], capture_output=True, text=True, env={**os.environ, **env})
    assert install.returncode == 0, install.stderr
    no_torch = subprocess.run([str(venv / "bin" / "python"), "-c", "import torch"], capture_output=True, env=env)
    assert no_torch.returncode != 0
    attention = ROOT / "challenges" / "self_attention" / "reference.py"
    for sandbox in ("local", "docker"):
        done = subprocess.run([str(venv / "bin" / "judge"), "run", "challenge", "self_attention", str(attention),
                               "--sandbox", sandbox], capture_output=True, text=True, env=env, cwd=tmp_path)
        assert done.returncode == 2 and done.stdout == "", (sandbox, done.stdout, done.stderr)
        assert done.stderr == ("judge: error: challenge self_attention needs torch on the judge side, and this "
                               "Python has none: pip install 'propjudge[torch]'\n"), sandbox
    listing = subprocess.run([str(venv / "bin" / "judge"), "show", "self_attention"], capture_output=True,
                             text=True, env=env, cwd=tmp_path)
    assert listing.returncode == 0  # reading a torch challenge needs no torch
