# Loop variables stay bound after the loop; modifying the list while iterating.
for i in range(4):
    pass
print(i)
for a, *rest in [(1, 2, 3), (4, 5)]:
    print(a, rest)
print(a, rest)
items = [1, 2, 3, 4]
for x in items:
    if x == 2:
        items.remove(x)
print(items)
total = 0
for row in [[1, 2], [3], []]:
    for v in row:
        total += v
print(total)
obj = {"k": 0}
for obj["k"] in range(3):
    pass
print(obj)
lst = [0, 0, 0]
for i, lst[i] in enumerate("xyz"):
    pass
print(lst)
