def echo(x):
    return x + 1 if x % 2 else x
