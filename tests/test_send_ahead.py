"""Examples sent ahead of their verdicts (judge.runner.Ahead) and the session under it.

The judge no longer waits for each reply before it generates the next example: several messages
are in flight, the replies are judged in order, and a failure is replayed one example at a time so
that hypothesis can shrink it. These check that the verdicts, counterexamples, limits and wall
clock stay what they were with one message at a time.
"""
from __future__ import annotations

import textwrap
import time
from pathlib import Path

import pytest

from judge.runner import judge_submission
from judge.sandbox.local import LocalBackend
from judge.sandbox.session import Job, Limits, SandboxFailure
from tests.conftest import CHALLENGES, write_challenge

LIMITS = Limits(cpu_seconds=5, wall_seconds=10, memory_mib=128, output_kib=64, frame_mib=1)


def _session(tmp_path: Path, source: str):
    workdir = tmp_path / "job"
    workdir.mkdir()
    (workdir / "submission.py").write_text(source)
    session = LocalBackend().open(Job(workdir=workdir, limits=LIMITS))
    hello = {"op": "hello", "submission": str(workdir / "submission.py"), "names": ["f"], "support": None}
    assert session.request(hello, op="ready")["op"] == "ready"
    return session


def _run(arg) -> dict:
    return {"op": "run", "calls": [{"target": None, "name": "f", "args": [arg]}]}


def test_messages_in_flight_are_answered_in_order_and_the_wall_clock_counts_each_moment_once(tmp_path):
    session = _session(tmp_path, "import time\ndef f(x):\n    time.sleep(0.25)\n    return x * 10\n")
    try:
        before = session.usage.wall_seconds
        tickets = [session.send(_run(n)) for n in range(3)]
        values = [session.receive(t)["outcomes"][0]["value"] for t in tickets]
        assert values == [0, 10, 20]
        spent = session.usage.wall_seconds - before
        # one at a time from each send, the three would count 0.25 + 0.5 + 0.75 s
        assert 0.7 <= spent < 1.2, spent
    finally:
        session.close()


def test_replies_waiting_together_may_exceed_one_frames_cap(tmp_path):
    # each reply is 0.7 MiB, under the 1 MiB frame cap; three waiting at once are not an OLE
    session = _session(tmp_path, "def f(x):\n    return 'x' * (700 << 10) if x else 'y' * (2 << 20)\n")
    try:
        tickets = [session.send(_run(1)) for _ in range(3)]
        time.sleep(1.0)  # the worker has written all it can; the judge has read none of it
        assert [len(session.receive(t)["outcomes"][0]["value"]) for t in tickets] == [700 << 10] * 3
        with pytest.raises(SandboxFailure) as failure:
            session.request(_run(0))  # one reply over the cap still is
        assert failure.value.verdict == "OLE"
    finally:
        session.close()


def test_a_reply_nobody_asked_for_is_still_refused_when_nothing_is_in_flight(tmp_path):
    source = ("import os, sys, threading, time, struct, json\n"
              "def f(x):\n"
              "    def late():\n"
              "        time.sleep(0.3)\n"
              "        body = json.dumps({'op': 'result', 'id': 1, 'outcomes': []}).encode()\n"
              "        for fd in range(3, 20):\n"
              "            try:\n"
              "                os.write(fd, struct.pack('>I', len(body)) + body)\n"
              "            except OSError:\n"
              "                pass\n"
              "    threading.Thread(target=late).start()\n"
              "    return x\n")
    session = _session(tmp_path, source)
    try:
        assert session.request(_run(5))["outcomes"][0]["value"] == 5
        time.sleep(0.6)
        with pytest.raises(SandboxFailure) as failure:
            session.request(_run(6))
        assert failure.value.verdict == "RE"
    finally:
        session.close()


def _challenge(tmp_path: Path):
    return write_challenge(tmp_path / "double", interface=["double"], spec="double(x) returns 2 * x.\n",
                           reference="def double(x):\n    return 2 * x\n", properties='''
        from hypothesis import strategies as st
        from judge.harness import prop

        @prop(st.integers(0, 10_000), max_examples=200)
        def doubles(p, x):
            p.call("double", x)
    ''')


def _submission(tmp_path: Path, source: str) -> Path:
    path = tmp_path / "submission.py"
    path.write_text(textwrap.dedent(source))
    return path


def test_a_failure_found_ahead_is_shrunk_as_before(tmp_path):
    challenge = _challenge(tmp_path)
    wrong = _submission(tmp_path, '''
        def double(x):
            return 2 * x + (x >= 1234)
    ''')
    result = judge_submission(challenge, wrong, LocalBackend(), seed=1)
    assert result.verdict.value == "WA"
    assert result.counterexample.startswith("double(1234)"), result.counterexample  # the minimal one


def test_a_failure_the_replay_does_not_meet_again_still_stands(tmp_path):
    # wrong once only, on the 150th call of the whole run: the examples sent ahead meet it, the
    # replay (the same worker, its counter past 150) does not
    challenge = _challenge(tmp_path)
    once = _submission(tmp_path, '''
        calls = [0]
        def double(x):
            calls[0] += 1
            return 2 * x + (calls[0] == 150)
    ''')
    result = judge_submission(challenge, once, LocalBackend(), seed=1)
    assert result.verdict.value == "WA", result.message
    assert result.counterexample.startswith("double("), result.counterexample
    assert result.examples == 150  # the examples up to the failure, not those drawn after it


def test_a_wrong_answer_is_the_verdict_even_when_a_later_example_in_flight_hangs(tmp_path):
    challenge = _challenge(tmp_path)
    source = '''
        import time
        calls = [0]
        def double(x):
            calls[0] += 1
            if calls[0] == 20:
                time.sleep(0.5)  # meanwhile the judge sends the next examples
                return -1
            if calls[0] == 21:
                while True:
                    pass
            return 2 * x
    '''
    result = judge_submission(challenge, _submission(tmp_path, source), LocalBackend(), seed=1)
    assert result.verdict.value == "WA", result.message
    assert "got -1" in result.message and result.examples == 20


def test_an_import_failure_found_after_examples_were_generated_is_a_ce_with_no_examples(tmp_path):
    challenge = _challenge(tmp_path)
    late = _submission(tmp_path, '''
        import time
        time.sleep(0.5)  # the judge generates examples meanwhile
        import no_such_module_anywhere
    ''')
    result = judge_submission(challenge, late, LocalBackend(), seed=1)
    assert result.verdict.value == "CE" and "ModuleNotFoundError" in result.message
    assert result.examples == 0


def test_a_worker_that_dies_on_an_example_in_flight_is_re_on_that_example(tmp_path):
    challenge = _challenge(tmp_path)
    dies = _submission(tmp_path, '''
        import os
        calls = [0]
        def double(x):
            calls[0] += 1
            if calls[0] == 30:
                os._exit(3)
            return 2 * x
    ''')
    result = judge_submission(challenge, dies, LocalBackend(), seed=1)
    assert result.verdict.value == "RE" and "exit" in result.message, result.message
    assert result.counterexample.startswith("double("), result.counterexample
    assert result.examples == 30  # not the examples drawn while the worker was on its way out


def test_the_catalog_examples_give_the_same_results_as_before(judge_json):
    # counts and counterexamples pinned from the judge that sent one example at a time
    code, result = judge_json("lru_cache", CHALLENGES / "lru_cache" / "wrong" / "evicts_most_recent.py")
    assert (code, result["verdict"], result["examples"]) == (1, "WA", 443)
    assert result["counterexample"] == "c = LRUCache(2); c.put(0, 0); c.put(1, 0); c.put(2, 0); c.get(0)  # expected -1, got 0"
    code, result = judge_json("lru_cache", CHALLENGES / "lru_cache" / "reference.py")
    assert (code, result["verdict"], result["examples"]) == (0, "AC", 404)
