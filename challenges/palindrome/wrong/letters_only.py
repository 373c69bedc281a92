# expect: WA  filters with isalpha(): digits are ignored, so "1a2a" is True
def is_palindrome(s):
    kept = [c.lower() for c in s if c.isalpha()]
    return kept == kept[::-1]
