# expect: WA  keeps combining marks after their base letter (graphemes, not code points)
import unicodedata


def reverse_string(s):
    clusters = []
    for c in s:
        if clusters and unicodedata.combining(c):
            clusters[-1] += c
        else:
            clusters.append(c)
    return "".join(reversed(clusters))

def reverse_in_place(chars):
    i, j = 0, len(chars) - 1
    while i < j:
        chars[i], chars[j] = chars[j], chars[i]
        i += 1
        j -= 1

