# expect: TLE  strips one character from each end per step with slices: O(n^2) on 1,000,000 characters
def is_palindrome(s):
    while s:
        if not s[0].isalnum():
            s = s[1:]
        elif not s[-1].isalnum():
            s = s[:-1]
        elif s[0].lower() != s[-1].lower():
            return False
        else:
            s = s[1:-1]
    return True
