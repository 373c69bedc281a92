# expect: TLE  moves the last item to the front n times with pop()/insert(): O(n^2) on 1,000,000 items
def reverse_string(s):
    return s[::-1]


def reverse_in_place(chars):
    for i in range(len(chars)):
        chars.insert(i, chars.pop())
