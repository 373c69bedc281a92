"""Third-party challenge packs: discovered through their entry point, checked by pytest in their
own repository, and a broken pack never hides the rest of the catalog."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest

from conftest import ROOT

PACK = ROOT / "examples" / "judge-pack-example"


def _install(target: Path, project: Path) -> None:
    subprocess.run([sys.executable, "-m", "pip", "install", "--quiet", "--no-deps", "--no-build-isolation",
                    "--target", str(target), str(project)], check=True, capture_output=True, timeout=300)


def _judge(site: Path, *args: str, cwd: Path = ROOT) -> subprocess.CompletedProcess:
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(site), str(ROOT)])}
    return subprocess.run([sys.executable, "-m", "judge.cli", *args], capture_output=True, text=True,
                          env=env, cwd=cwd, timeout=300)


@pytest.fixture(scope="module")
def installed_pack(tmp_path_factory) -> Path:
    site = tmp_path_factory.mktemp("site")
    _install(site, PACK)
    return site


def test_example_pack_is_discovered_through_its_entry_point(installed_pack):
    proc = _judge(installed_pack, "list")
    assert proc.returncode == 0, proc.stderr
    rows = {line.split()[0]: line for line in proc.stdout.splitlines()[1:]}
    assert "running_max" in rows and "lru_cache" in rows
    plugins = _judge(installed_pack, "plugins").stdout
    assert "judge_pack_example: judge_challenge_dirs" in plugins


def test_example_pack_challenge_judges_like_a_builtin(installed_pack, tmp_path):
    solution = tmp_path / "sol.py"
    solution.write_text("def running_max(xs):\n    out = []\n    for x in xs:\n"
                        "        out.append(x if not out else max(out[-1], x))\n    return out\n")
    proc = _judge(installed_pack, "run", "challenge", "running_max", str(solution), "--sandbox", "local", "--json")
    assert proc.returncode == 0, proc.stderr
    assert json.loads(proc.stdout)["verdict"] == "AC"


def test_pytest_in_the_pack_runs_the_checks_as_items(tmp_path):
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    proc = subprocess.run([sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider",  # judge.pytest_plugin: pytest11 entry point
                           "--judge-sandbox", "local", "--judge-no-mutation", "--judge-seeds", "1"],
                          cwd=PACK, capture_output=True, text=True, env=env, timeout=600)
    assert proc.returncode == 0, proc.stdout[-2000:]
    assert "passed" in proc.stdout and " 0 passed" not in proc.stdout


def _broken_pack(root: Path, name: str, body: str, challenge_yaml: str | None = None) -> Path:
    project = root / name
    package = project / name
    package.mkdir(parents=True)
    (package / "__init__.py").write_text(textwrap.dedent(body))
    if challenge_yaml is not None:
        folder = package / "bad_challenge"
        folder.mkdir()
        (folder / "challenge.yaml").write_text(challenge_yaml)
    (project / "pyproject.toml").write_text(textwrap.dedent(f"""
        [build-system]
        requires = ["setuptools>=68"]
        build-backend = "setuptools.build_meta"
        [project]
        name = "{name.replace('_', '-')}"
        version = "0.1"
        [project.entry-points."judge.challenges"]
        {name} = "{name}"
        [tool.setuptools.packages.find]
        include = ["{name}*"]
        [tool.setuptools.package-data]
        "*" = ["**/*.yaml"]
    """))
    return project


def test_a_pack_that_raises_at_import_is_named_and_the_rest_still_listed(tmp_path):
    site = tmp_path / "site"
    _install(site, _broken_pack(tmp_path, "exploding_pack", "raise RuntimeError('boom at import')\n"))
    proc = _judge(site, "list")
    assert proc.returncode == 0
    assert "lru_cache" in proc.stdout
    assert "exploding_pack" in proc.stderr and "boom at import" in proc.stderr
    assert "Traceback" not in proc.stderr


def test_a_pack_with_an_invalid_challenge_yaml_is_named_and_run_is_a_clear_error(tmp_path):
    body = """
        from pathlib import Path
        import pluggy
        hookimpl = pluggy.HookimplMarker("judge")

        @hookimpl
        def judge_challenge_dirs():
            return [Path(__file__).parent]
    """
    site = tmp_path / "site"
    _install(site, _broken_pack(tmp_path, "bad_yaml_pack", body, "id: bad_challenge\ntitle: [oops\n"))
    listing = _judge(site, "list")
    assert listing.returncode == 0 and "lru_cache" in listing.stdout
    assert "bad_challenge" in listing.stderr and "not valid YAML" in listing.stderr
    run = _judge(site, "run", "challenge", "bad_challenge", str(ROOT / "examples" / "lru_cache_solution.py"))
    assert run.returncode == 2
    assert run.stderr.count("\n") == 1 and "challenge.yaml: not valid YAML" in run.stderr


def test_the_pack_ci_template_checks_only_the_pack(installed_pack, tmp_path):
    """Each `run:` step of the example pack's workflow, as written; `pip install propjudge .` is done
    by the fixture (this checkout is propjudge, the pack goes into a target folder)."""
    import shlex
    import shutil
    import xml.etree.ElementTree as ET

    import yaml

    workflow = yaml.safe_load((PACK / ".github" / "workflows" / "check.yml").read_text())
    steps = [step["run"].split("#")[0].strip() for step in workflow["jobs"]["check"]["steps"] if "run" in step]
    assert steps[0] == "pip install propjudge ."  # the distribution of this project, not PyPI's unrelated `judge`
    project = tmp_path / "pack"
    shutil.copytree(PACK, project, ignore=shutil.ignore_patterns("build", "*.egg-info", "__pycache__"))
    env = {**os.environ, "PYTHONPATH": os.pathsep.join([str(installed_pack), str(ROOT)])}
    for command in steps[1:]:
        argv = shlex.split(command)
        argv = [sys.executable, "-m", argv[0], *argv[1:]] + (["-p", "no:cacheprovider"] if argv[0] == "pytest" else [])
        proc = subprocess.run(argv, cwd=project, capture_output=True, text=True, env=env, timeout=600)
        assert proc.returncode == 0, (command, proc.stdout[-2000:], proc.stderr[-2000:])
    suites = ET.parse(project / "check.xml").getroot().findall("testsuite")
    assert [suite.get("name") for suite in suites] == ["running_max"]  # the pack's one challenge, nothing built in


def test_check_pack_names_the_installed_packs_when_the_name_is_unknown(installed_pack):
    proc = _judge(installed_pack, "check", "--pack", "no_such_pack")
    assert proc.returncode == 2 and proc.stderr.count("\n") == 1
    assert "no installed challenge pack 'no_such_pack'" in proc.stderr and "example" in proc.stderr
    proc = _judge(installed_pack, "check", "--pack", "judge-pack-example", "running_max")
    assert proc.returncode == 2 and "give no ids" in proc.stderr


def test_check_pack_of_a_broken_pack_says_why(tmp_path):
    site = tmp_path / "site"
    _install(site, _broken_pack(tmp_path, "exploding_pack", "raise RuntimeError('boom at import')\n"))
    proc = _judge(site, "check", "--pack", "exploding_pack")
    assert proc.returncode == 2 and "is broken: RuntimeError: boom at import" in proc.stderr
