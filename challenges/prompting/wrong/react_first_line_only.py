# expect: WA  keeps only the first line of each step: multi-line thoughts and observations are cut
LABELS = ("Thought", "Action", "Action Input", "Observation", "Final Answer")


def few_shot_prompt(instruction, examples, query):
    text = instruction + "\n\n"
    for x, y in examples:
        text += "Input: " + x + "\nOutput: " + y + "\n\n"
    return text + "Input: " + query + "\nOutput:"


def majority_vote(answers):
    if len(answers) == 0:
        raise ValueError("empty")
    normalised = [" ".join(a.split()).lower() for a in answers]
    best, best_count = None, 0
    for a in normalised:
        c = normalised.count(a)
        if c > best_count:
            best, best_count = a, c
    return best


def parse_react(text):
    steps = []
    for line in text.split("\n"):
        label = next((l for l in LABELS if line.startswith(l + ":")), None)
        if label:
            steps.append({"type": label, "content": line[len(label) + 1:]})
        elif steps:
            pass
        elif line.strip():
            raise ValueError("text before the first step")
    if not steps:
        raise ValueError("no step")
    for s in steps:
        s["content"] = s["content"].strip()
    types = [s["type"] for s in steps]
    for i, t in enumerate(types):
        if t == "Action" and (i + 1 == len(types) or types[i + 1] != "Action Input"):
            raise ValueError("Action without Action Input")
        if t == "Action Input" and (i == 0 or types[i - 1] != "Action"):
            raise ValueError("Action Input without Action")
        if t == "Final Answer" and i != len(types) - 1:
            raise ValueError("step after Final Answer")
    return steps
