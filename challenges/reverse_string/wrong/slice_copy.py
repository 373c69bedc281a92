# expect: WA  chars[:] = chars[::-1] reverses the right list but allocates a full copy (not O(1) extra memory)
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars):
    chars[:] = chars[::-1]
