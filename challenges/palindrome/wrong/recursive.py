# expect: RE  recurses once per character: RecursionError on a string of 1,000,000 characters
def is_palindrome(s):
    kept = [c.lower() for c in s if c.isalnum()]

    def check(i, j):
        if i >= j:
            return True
        return kept[i] == kept[j] and check(i + 1, j - 1)

    return check(0, len(kept) - 1)
