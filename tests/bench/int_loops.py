# Tight integer loops: while/for, arithmetic, comparisons, modulo.
def run(n):
    total = 0
    i = 0
    while i < n:
        if i % 3 == 0:
            total += i
        elif i % 5 == 0:
            total -= i // 5
        else:
            total ^= i & 0xFF
        i += 1
    for j in range(n // 2):
        total = (total * 31 + j) % 1000000007
    return total
print(run(4000000))
