"""pytest plugin: `pytest` in a challenge pack runs the same checks as `judge check`.

Registered through the `pytest11` entry point (`judge = "judge.pytest_plugin"`), or loaded by hand
with `pytest -p judge.pytest_plugin`. It does nothing unless switched on, so installing judge never
changes how another project's tests are collected:

    pytest --judge-challenges            # on the command line, or in the pack's pytest.ini / pyproject:
    [tool.pytest.ini_options]
    judge_challenges = true

When on, every `challenge.yaml` found under the test paths becomes a collector whose items are the
checks of `judge.check.CHECKS` (`path/to/challenge.yaml::reference_accepted`, ...). The checks of
one challenge run together, once, when its first item runs; each item then reports its own check
(skipped checks are skipped, failed ones fail with the check's details). Options:

    --judge-sandbox NAME        backend for the reference and wrong/ (default local)
    --judge-mutant-sandbox NAME backend for the mutants (default local: they are the trusted reference,
                                changed by one token; see judge.mutation.MUTANT_SANDBOX)
    --judge-no-mutation         skip the mutation check (its item is reported as skipped)
    --judge-max-examples N      examples per property for the reference and wrong/ runs
    --judge-seeds 1,2,3         seeds for the reference and wrong/ runs

Nothing else is collected: Python files in challenge folders (reference.py, wrong/*.py) are not
test files and pytest's own rules for test_*.py are unchanged.
"""
from __future__ import annotations

import pytest

from judge.check import CHECKS
from judge.mutation import MUTANT_SANDBOX


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("judge", "judge challenge checks")
    group.addoption("--judge-challenges", action="store_true", default=False,
                    help="collect challenge.yaml files and run `judge check` on each")
    group.addoption("--judge-sandbox", default="local", help="sandbox backend for judge checks (default local)")
    group.addoption("--judge-mutant-sandbox", default=MUTANT_SANDBOX,
                    help=f"sandbox backend for the mutants (default {MUTANT_SANDBOX}, see `judge check --help`)")
    group.addoption("--judge-no-mutation", action="store_true", default=False, help="skip the mutation check")
    group.addoption("--judge-max-examples", type=int, default=None, help="examples per property in judge checks")
    group.addoption("--judge-seeds", default="1,2,3", help="comma-separated seeds for judge checks")
    parser.addini("judge_challenges", "collect challenge.yaml files and run `judge check` on each",
                  type="bool", default=False)


def _enabled(config: pytest.Config) -> bool:
    return bool(config.getoption("judge_challenges") or config.getini("judge_challenges"))


def pytest_collect_file(file_path, parent):
    if file_path.name == "challenge.yaml" and _enabled(parent.config):
        return ChallengeFile.from_parent(parent, path=file_path)
    return None


class ChallengeFile(pytest.File):
    """One challenge folder; its items are the checks."""

    _report = None

    def collect(self):
        for name in CHECKS:
            yield CheckItem.from_parent(self, name=name)

    def report(self):
        if self._report is None:
            from judge.backends import choose_backend
            from judge.check import check_folder
            from judge.plugins import make_plugin_manager

            config = self.config
            backend = choose_backend(make_plugin_manager(), config.getoption("judge_sandbox"))[0]
            seeds = tuple(int(s) for s in str(config.getoption("judge_seeds")).split(",") if s.strip())
            self._report = check_folder(self.path.parent, backend, seeds=seeds or (1, 2, 3),
                                        mutation=not config.getoption("judge_no_mutation"),
                                        max_examples=config.getoption("judge_max_examples"),
                                        mutation_sandbox=config.getoption("judge_mutant_sandbox"))
        return self._report


class CheckFailed(Exception):
    pass


class CheckItem(pytest.Item):
    def runtest(self) -> None:
        report = self.parent.report()
        check = report.get(self.name)
        if check.skipped:
            pytest.skip(check.details or "skipped")
        if not check.passed:
            raise CheckFailed(check)

    def repr_failure(self, excinfo, style=None):
        if isinstance(excinfo.value, CheckFailed):
            check = excinfo.value.args[0]
            return f"judge check {self.parent.path.parent.name}: {check.name} failed\n{check.details}"
        return super().repr_failure(excinfo, style=style)

    def reportinfo(self):
        return self.path, None, f"{self.path.parent.name}::{self.name}"
