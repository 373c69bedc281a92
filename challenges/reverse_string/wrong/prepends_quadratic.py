# expect: TLE  prepends one character at a time (out = c + out): O(n^2) on 1,000,000 characters
def reverse_string(s):
    out = ""
    for c in s:
        out = c + out
    return out

def reverse_in_place(chars):
    i, j = 0, len(chars) - 1
    while i < j:
        chars[i], chars[j] = chars[j], chars[i]
        i += 1
        j -= 1

