# Chained comparisons evaluate each operand once and short-circuit.
x = 5
print(1 < x < 10, 1 < x > 3, 10 > x >= 5, 1 < x < 3, x == 5 == 5.0)
print(1 < 2 < 3 < 4 < 5, 1 < 2 > 3 < 4)
calls = []
def v(n):
    calls.append(n)
    return n
print(v(1) < v(2) < v(3), calls)
calls.clear()
print(v(3) < v(2) < v(1), calls)
print(1 == 1 != 2, "a" < "b" <= "b", [1] == [1] is not None)
print(1 in [1, 2] in [[1, 2]], 2 not in [1] == True)
a = b = [1]
print(a is b is a, a is not b)
