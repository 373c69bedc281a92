"""Reference: a str is immutable, so it gets a reversed copy; a list of characters is reversed in place
with two pointers meeting in the middle (O(1) extra memory)."""


def reverse_string(s: str) -> str:
    return s[::-1]


def reverse_in_place(chars: list) -> None:
    i, j = 0, len(chars) - 1
    while i < j:
        chars[i], chars[j] = chars[j], chars[i]
        i += 1
        j -= 1
