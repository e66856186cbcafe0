# if / elif / else chains and truthiness of conditions.
def classify(n):
    if n < 0:
        return "negative"
    elif n == 0:
        return "zero"
    elif n < 10:
        return "small"
    elif n < 100:
        return "medium"
    else:
        return "large"
for n in (-5, 0, 3, 42, 1000):
    print(n, classify(n))
for v in (0, 1, "", "x", [], [0], None, 0.0, {}, {0: 0}):
    if v:
        print(repr(v), "truthy")
    else:
        print(repr(v), "falsy")
x = 5
if x > 1:
    if x > 3:
        print("nested both")
    else:
        print("nested outer only")
if not x:
    print("never")
elif x and x > 4:
    print("elif with and")
