# expect: WA  stops one swap early: the two middle items of an even-length list stay in place
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars):
    n = len(chars)
    for i in range(n // 2 - (1 if n % 2 == 0 else 0)):
        chars[i], chars[n - 1 - i] = chars[n - 1 - i], chars[i]
