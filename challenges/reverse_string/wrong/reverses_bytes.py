# expect: WA  reverses the UTF-8 bytes and drops what no longer decodes: non-ASCII text is mangled
def reverse_string(s):
    return s.encode("utf-8", "surrogatepass")[::-1].decode("utf-8", "ignore")

def reverse_in_place(chars):
    i, j = 0, len(chars) - 1
    while i < j:
        chars[i], chars[j] = chars[j], chars[i]
        i += 1
        j -= 1

