# expect: WA  filters with the ASCII pattern [^a-z0-9]: non-ASCII letters and digits are dropped
import re


def is_palindrome(s):
    cleaned = re.sub(r"[^a-z0-9]", "", s.lower())
    return cleaned == cleaned[::-1]
