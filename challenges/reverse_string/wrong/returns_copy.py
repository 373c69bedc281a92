# expect: WA  returns a reversed copy and leaves the caller's list unchanged
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars):
    return chars[::-1]
