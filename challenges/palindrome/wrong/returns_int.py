# expect: WA  returns 1/0 instead of True/False
def is_palindrome(s):
    kept = [c.lower() for c in s if c.isalnum()]
    return int(kept == kept[::-1])
