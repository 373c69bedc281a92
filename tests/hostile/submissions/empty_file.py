# expect: CE  defines nothing
