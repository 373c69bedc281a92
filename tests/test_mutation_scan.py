"""judge.mutation's opt-in `scan` operator: a container operation made O(len) without changing what it
does, so that only a scaling property can kill the mutant (issue 11, item 8)."""
from __future__ import annotations

import glob

from conftest import CHALLENGES
from judge.challenge import load_challenge
from judge.mutation import ALL_OPERATORS, MUTANT_EXAMPLES, OPERATORS, generate_mutants
from judge.pool import judge_source

SAMPLE = '''\
from collections import OrderedDict


class Cache:
    def __init__(self):
        self.data = OrderedDict()
        self.order = []

    def put(self, key, value):
        if key in self.order:
            self.order.remove(key)
        self.order.append(key)
        self.data[key] = value
        self.data.move_to_end(key)

    def get(self, key):
        seen = {}
        seen[key] = True
        return self.data.get(key, -1) if key in self.data else -1
'''


def test_scan_is_opt_in_and_leaves_the_default_mutants_as_they_were():
    assert "scan" not in OPERATORS and "scan" in ALL_OPERATORS
    for path in sorted(glob.glob(str(CHALLENGES / "*" / "reference.py"))):
        source = open(path, encoding="utf-8").read()
        default = generate_mutants(source)
        everything = generate_mutants(source, operators=ALL_OPERATORS)
        assert [m.id for m in default] == [m.id for m in everything if m.operator != "scan"], path


def test_scan_slows_dict_operations_only():
    mutants = generate_mutants(SAMPLE, operators=("scan",))
    changes = sorted(m.change.splitlines()[1][1:].strip() for m in mutants)  # the + line, without the +
    assert changes == [
        "(sum((1 for _ in seen)), seen)[1][key] = True",
        "(sum((1 for _ in self.data)), self.data)[1].move_to_end(key)",
        "(sum((1 for _ in self.data)), self.data)[1][key] = value",
        "return (sum((1 for _ in self.data)), self.data)[1].get(key, -1) if key in self.data else -1",
        "return self.data.get(key, -1) if key in (sum((1 for _ in self.data)), self.data)[1] else -1",
    ]  # self.order is a list: its operations are O(len) already and get no scan mutant
    assert all(m.id.startswith("scan@") and "made O(len)" in m.description for m in mutants)


def test_a_scan_mutant_behaves_like_the_original():
    def run(source):
        names: dict = {}
        exec(compile(source, "sample", "exec"), names)  # noqa: S102
        cache = names["Cache"]()
        for key in (3, 1, 3, 2):
            cache.put(key, key * 10)
        return [cache.get(k) for k in range(5)], list(cache.data.items()), cache.order

    expected = run(SAMPLE)
    for mutant in generate_mutants(SAMPLE, operators=("scan",)):
        assert run(mutant.source) == expected, mutant.diff


def test_a_scaling_property_kills_a_scan_of_the_hot_path():
    """chat_ordering's reorder buffer: a pass over the buffer on every arrival is O(pending) per message,
    and its scaling property (100,000 messages in reversed blocks of about 2,000) notices."""
    challenge = load_challenge(CHALLENGES / "chat_ordering")
    hot = [m for m in generate_mutants(challenge.reference_path.read_text(encoding="utf-8"), operators=("scan",))
           if "while self.next_seq in (sum((1 for _ in self.buffer)), self.buffer)[1]" in m.change]
    assert len(hot) == 1
    result = judge_source(challenge, hot[0].source, None, "local", 1, MUTANT_EXAMPLES)
    assert result["verdict"] == "TLE" and "amortised_constant_time" in result["message"], result["message"]
