# expect: RE  swaps the ends and recurses on the inner part: RecursionError on a list of 1,000,000 items
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars, i=0, j=None):
    if j is None:
        j = len(chars) - 1
    if i >= j:
        return None
    chars[i], chars[j] = chars[j], chars[i]
    return reverse_in_place(chars, i + 1, j - 1)
