# Nested comprehensions over matrices: transpose, flatten, filter, identity.
n = 4
identity = [[1 if i == j else 0 for j in range(n)] for i in range(n)]
print(identity)
m = [[i * n + j for j in range(n)] for i in range(n)]
print([[row[i] for row in m] for i in range(n)])
print([v for row in m for v in row if v % 5 == 0])
print({i: [v for v in row if v % 2] for i, row in enumerate(m)})
print(sum(m[i][i] for i in range(n)), [m[i][n - 1 - i] for i in range(n)])
print([[a * b for b in range(1, 4)] for a in range(1, 4)])
