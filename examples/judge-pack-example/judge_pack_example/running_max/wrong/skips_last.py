# expect: WA  off by one: the answer stops one item short
def running_max(xs):
    return [max(xs[:i]) for i in range(1, len(xs))]
