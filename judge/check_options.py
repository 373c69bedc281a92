"""`judge check`'s options and defaults, apart from the checker: every command builds the whole
argument parser, and `judge --version` must not import the mutation engine to do it."""
from __future__ import annotations

from pathlib import Path

MAX_MUTANTS = 60
MUTANT_EXAMPLES = 100
# Mutants run in the local sandbox by default, whatever judges the reference and wrong/: a mutant
# is the trusted reference changed by one token (never untrusted code), so a container buys no
# safety, and starting one per mutant (up to MAX_MUTANTS per challenge) costs far more than a process.
MUTANT_SANDBOX = "local"
MIN_MUTATION_SCORE = 0.9
# GenAI references are mostly tensor arithmetic, where more mutants are numerically equivalent.
MIN_MUTATION_SCORE_BY_CATEGORY = {"genai": 0.85}


def add_check_arguments(parser) -> None:
    parser.add_argument("ids", nargs="*", metavar="ID_OR_FOLDER",
                        help="challenge ids or folders (default: every challenge in --challenges-dir, "
                             "else every installed challenge)")
    parser.add_argument("--all", action="store_true",
                        help="every challenge the catalog knows: installed packs and --challenges-dir folders")
    parser.add_argument("--pack", default=None, metavar="NAME",
                        help="only the challenges of the installed pack NAME (its entry point, module or "
                             "distribution name; `builtin` is judge's own catalog): what a pack's CI checks")
    parser.add_argument("--sandbox", default="auto",
                        help="backend for the reference and wrong/: auto, docker or local")
    parser.add_argument("--mutant-sandbox", default=MUTANT_SANDBOX, metavar="NAME",
                        help=f"backend for the mutants (default {MUTANT_SANDBOX}: a mutant is the trusted reference "
                             "changed by one token, so a container per mutant buys no safety and costs time)")
    parser.add_argument("--seeds", default="1,2,3", help="comma-separated seeds (default 1,2,3)")
    parser.add_argument("--max-examples", type=int, default=None, metavar="N",
                        help="examples per property for the reference and wrong/ runs")
    parser.add_argument("--no-mutation", action="store_true", help="skip mutation testing")
    parser.add_argument("--min-mutation-score", type=float, default=None, metavar="F",
                        help=f"lowest passing mutation score, 0..1 (default {MIN_MUTATION_SCORE}, "
                             f"genai {MIN_MUTATION_SCORE_BY_CATEGORY['genai']})")
    parser.add_argument("--max-mutants", type=int, default=MAX_MUTANTS, metavar="N",
                        help=f"run at most N mutants, a deterministic sample (default {MAX_MUTANTS})")
    parser.add_argument("--jobs", type=int, default=None, metavar="N", help="parallel judging processes (default 2)")
    parser.add_argument("--json", action="store_true", help="print one JSON document on stdout, nothing else")
    parser.add_argument("--junitxml", "--junit", dest="junit", type=Path, default=None, metavar="FILE",
                        help="also write JUnit XML to FILE (pytest's spelling; --junit is kept)")
    parser.add_argument("-v", "--verbose", action="store_true", help="list every mutant")
    parser.add_argument("-q", "--quiet", action="store_true", help="no progress lines on stderr")
