"""Reference palindrome check: the lowered alphanumeric characters, compared with their reverse."""


def is_palindrome(s: str) -> bool:
    kept = [c.lower() for c in s if c.isalnum()]
    return kept == kept[::-1]
