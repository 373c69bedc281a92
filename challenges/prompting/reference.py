"""Reference prompting helpers: a few-shot prompt template, self-consistency voting and a ReAct trace parser."""

LABELS = ("Thought", "Action", "Action Input", "Observation", "Final Answer")


def few_shot_prompt(instruction, examples, query):
    parts = [f"{instruction}\n\n"]
    for x, y in examples:
        parts.append(f"Input: {x}\nOutput: {y}\n\n")
    parts.append(f"Input: {query}\nOutput:")
    return "".join(parts)


def normalise(answer):
    return " ".join(answer.split()).lower()


def majority_vote(answers):
    if not answers:
        raise ValueError("no answers to vote on")
    counts = {}  # insertion order = order of first occurrence
    for answer in answers:
        key = normalise(answer)
        counts[key] = counts.get(key, 0) + 1
    best = None
    for key, count in counts.items():
        if best is None or count > counts[best]:  # strictly more: a tie keeps the earlier answer
            best = key
    return best


def _label_of(line):
    for label in LABELS:
        if line.startswith(label + ":"):
            return label
    return None


def parse_react(text):
    steps = []
    for line in text.split("\n"):
        label = _label_of(line)
        if label is not None:
            steps.append([label, [line[len(label) + 1:]]])
        elif steps:
            steps[-1][1].append(line)
        elif line.strip():
            raise ValueError("text before the first step")
    if not steps:
        raise ValueError("no step")
    result = [{"type": label, "content": "\n".join(lines).strip()} for label, lines in steps]
    for index, step in enumerate(result):
        previous = result[index - 1]["type"] if index else None
        following = result[index + 1]["type"] if index + 1 < len(result) else None
        if step["type"] == "Action" and following != "Action Input":
            raise ValueError("an Action must be followed directly by its Action Input")
        if step["type"] == "Action Input" and previous != "Action":
            raise ValueError("an Action Input must follow an Action directly")
        if step["type"] == "Final Answer" and following is not None:
            raise ValueError("a step after the Final Answer")
    return result
