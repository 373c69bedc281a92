"""Properties of prompting: the few-shot template compared character for character, self-consistency
voting over answers that differ only in case and whitespace (with ties), and the ReAct parser over
generated traces, valid and broken (text before the first step, Action without its Action Input or
the reverse, steps after the Final Answer, label look-alikes that are not at a line start).
"""
from hypothesis import strategies as st

from judge.harness import prop

# Braces and percent signs catch str.format / %-formatting of user text; newlines and tabs catch stripping.
TEMPLATE_TEXT = st.text(alphabet="ab Zé{}%:\n\t", max_size=10)


@prop(TEMPLATE_TEXT, st.lists(st.tuples(TEMPLATE_TEXT, TEMPLATE_TEXT), max_size=4), TEMPLATE_TEXT,
      max_examples=150)
def few_shot(p, instruction, examples, query):
    """The prompt is exactly instruction, a blank line, one "Input/Output" block per example each followed by a
    blank line, then "Input: {query}\\nOutput:" with nothing after the colon; texts are inserted verbatim (not
    stripped, not format()-ed), and zero examples still keep the blank line after the instruction."""
    p.call("few_shot_prompt", instruction, examples, query)


WORDS = ["paris", "Paris", "PARIS", "new york", "New  York", "42", "ß", "ss", "SS", "ΣΑΣ", "σας", ""]
SPACES = [" ", "  ", "\t", "\n", "\u00a0", "\u3000"]


@st.composite
def answer(draw):
    """One model answer: a few words from a small pool (so votes collide), joined and padded with varied
    whitespace (tabs, newlines, non-breaking and ideographic spaces)."""
    words = draw(st.lists(st.sampled_from(WORDS), min_size=1, max_size=2))
    text = draw(st.sampled_from(SPACES)).join(words)
    return draw(st.sampled_from(["", " ", "\n"])) + text + draw(st.sampled_from(["", " ", "\t\n"]))


@prop(st.lists(answer(), max_size=9), max_examples=250)
def majority(p, answers):
    """majority_vote returns the normalised (" ".join(a.split()).lower()) answer with the most votes, ties to the
    one seen first; answers equal after normalisation count together; an empty list raises ValueError."""
    p.call("majority_vote", answers)


@prop(st.lists(st.sampled_from(["a", "B", "c"]), min_size=1, max_size=6), max_examples=60)
def majority_ties(p, answers):
    """Few distinct answers with many ties: the tie goes to the earliest first occurrence, not the last one seen,
    not the alphabetically smallest, not an arbitrary set order."""
    p.call("majority_vote", answers)


LABELS = ["Thought", "Action", "Action Input", "Observation", "Final Answer"]
# Lines that are NOT step starts: labels not at column 0, with a space before the colon, in lower case, or mid-line.
LOOKALIKES = ["  Action: indented", "Thought : spaced", "thought: lower", "Final Answer", "I said Observation: no",
              "Action Input", "the Action: mid-line", "\tObservation: tab"]
CONTENT_LINES = ["x", "search[weather]", "  two  spaces  ", "", " ", "42", "{\"q\": 1}"] + LOOKALIKES


def valid_labels():
    """A well-formed trace: Thought, then rounds of Action / Action Input / Observation (and more thoughts),
    optionally ending in a Final Answer."""
    round_ = st.sampled_from([["Action", "Action Input", "Observation"], ["Thought"],
                              ["Thought", "Action", "Action Input"], ["Observation"]])
    return st.tuples(st.lists(round_, max_size=3), st.booleans()).map(
        lambda t: ["Thought"] + [label for r in t[0] for label in r] + (["Final Answer"] if t[1] else []))


@st.composite
def trace(draw):
    """(text) of a ReAct trace: mostly well-formed label sequences, sometimes arbitrary ones, with multi-line
    contents, label look-alikes inside contents, varied space after the colon, and optional text before."""
    labels = draw(st.one_of(valid_labels(), valid_labels(), st.lists(st.sampled_from(LABELS), max_size=6)))
    lines = []
    prefix = draw(st.sampled_from(["", "", "\n", "  \n\t\n", "Sure, here is my reasoning:\n", "x\n\n"]))
    for label in labels:
        sep = draw(st.sampled_from([" ", "", "  ", "\t"]))
        first = draw(st.sampled_from(CONTENT_LINES[:7]))
        more = draw(st.lists(st.sampled_from(CONTENT_LINES), max_size=3))
        lines.append(f"{label}:{sep}{first}")
        lines.extend(more)
    return prefix + "\n".join(lines) + draw(st.sampled_from(["", "\n", "\n\n  "]))


PINNED = [
    "Thought: I said Observation: no", "Thought: a\n\tObservation: b", "Thought: a\n  Action: c", "Thought: a\nb\n\nc  ",
    "Thought:x\nFinal Answer:42", "Final Answer: 42", "Final Answer:42\n", "Thought:", "Final Answer: a\n\n\n",
    "\n\nThought: hi\n  there\n", "Action: search\nAction Input: q",
    "Thought: Action: inline\nAction:s\nAction Input:\nObservation: Final Answer: no\nFinal Answer:ok",
    "", "   \n\t", "no labels at all", "Sure!\nFinal Answer: 42", "Action Input: q\nAction: search",
    "Action: search\nObservation: o", "Final Answer: a\nFinal Answer: b", "Thought: t\nFinal Answer: a\nThought: late",
    "Thought: a\nAction Input: q", "Action Input:x\nAction:y\nAction Input:z", "Thought: a\nAction: b",
]


@prop(st.just(None), max_examples=1)
def react_pinned(p, _):
    """Hand-written traces for each rule of the spec, run in this order in one program: labels mid-line or indented
    (not steps), multi-line contents, empty contents, then each ValueError case (empty or blank text, text before
    the first step, each order violation, a step after the Final Answer)."""
    for text in PINNED:
        p.call("parse_react", text)


@prop(trace(), max_examples=300)
def react(p, text):
    """parse_react splits the trace at line-start labels (exactly "Label:" at column 0), strips each step's
    possibly multi-line content, and raises ValueError for no step, text before the first step, an Action not
    directly followed by an Action Input or the reverse, and any step after the Final Answer."""
    p.call("parse_react", text)
