# expect: WA  compares casefold() forms instead of lower(): "ſs" and "ßss"-like cases differ
def is_palindrome(s):
    kept = [c.casefold() for c in s if c.isalnum()]
    return kept == kept[::-1]
