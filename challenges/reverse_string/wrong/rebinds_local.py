# expect: WA  rebinds the local name to a reversed copy: the caller's list never changes
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars):
    chars = chars[::-1]
