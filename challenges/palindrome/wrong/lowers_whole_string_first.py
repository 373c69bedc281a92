# expect: WA  lowers the whole string before filtering: "İ" becomes "i" plus a combining dot, so "İi" is True
def is_palindrome(s):
    kept = [c for c in s.lower() if c.isalnum()]
    return kept == kept[::-1]
