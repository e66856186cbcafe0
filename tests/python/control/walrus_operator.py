# Assignment expressions (:=).
data = [1, 5, 12, 3, 20]
if (n := len(data)) > 3:
    print("long list", n)
print([y for x in data if (y := x * 2) > 10])
print(y)
values = iter([3, 2, 1, 0, 5])
while (v := next(values)) != 0:
    print("v", v)
print((total := 10) + 5, total)
def f():
    if (m := 7) > 5:
        return m
print(f())
print([last := i for i in range(3)], last)
found = any((hit := w).startswith("b") for w in ["apple", "banana", "cherry"])
print(found, hit)
