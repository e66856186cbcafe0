# List operations: nested copy semantics, comparison, membership, multiplication aliasing.
a = [[1, 2], [3, 4]]
shallow = a[:]
copy2 = list(a)
shallow[0].append(99)
print(a, copy2, shallow is a, shallow[0] is a[0])
deep = [row[:] for row in a]
deep[1][0] = "x"
print(a, deep)
print([1, [2, 3]] == [1, [2, 3]], [1, 2] < [1, 2, 3], [2] > [1, 9, 9], [[1]] in [[[1]], 2])
grid = [[0] * 3] * 2
grid[0][0] = 7
print(grid)
lst = [5, 3, 8]
lst[len(lst):] = [1]
lst[:0] = [0]
print(lst, lst.index(8), lst[-2:])
print(sum([[1], [2]], []), [x for sub in [[1, 2], [3]] for x in sub])
lst.sort(key=lambda v: -v)
print(lst)
