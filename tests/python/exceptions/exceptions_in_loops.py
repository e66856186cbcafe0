# Exceptions raised and handled inside loops and functions.
results = []
for s in ["1", "x", "3", "", "5.5", "-2"]:
    try:
        results.append(int(s))
    except ValueError:
        results.append(None)
print(results)
def parse_all(items):
    good, bad = 0, 0
    for it in items:
        try:
            1 / it
            good += 1
        except ZeroDivisionError:
            bad += 1
        except TypeError:
            bad += 100
    return good, bad
print(parse_all([1, 0, 2, "x", 0]))
def deep(n):
    if n == 0:
        raise LookupError("bottom")
    return deep(n - 1)
try:
    deep(50)
except LookupError as e:
    print("caught from depth", e)
count = 0
while True:
    try:
        count += 1
        if count == 5:
            raise StopIteration
    except StopIteration:
        break
print(count)
