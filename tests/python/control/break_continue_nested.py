# break and continue only affect the innermost loop.
for i in range(4):
    for j in range(4):
        if j == 2:
            break
        if i == j:
            continue
        print(i, j)
found = None
for i in range(5):
    for j in range(5):
        if i * j == 6:
            found = (i, j)
            break
    if found:
        break
print("found", found)
count = 0
i = 0
while i < 10:
    i += 1
    if i % 2:
        continue
    j = 0
    while True:
        j += 1
        count += 1
        if j >= i:
            break
print("count", count)
def first_negative(rows):
    for r, row in enumerate(rows):
        for c, v in enumerate(row):
            if v < 0:
                return r, c
    return None
print(first_negative([[1, 2], [3, -4], [-5]]), first_negative([[1]]))
