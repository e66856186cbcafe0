# Equality and hashing of complex numbers across the number tower.
print(1 + 0j == 1, 1 == 1 + 0j, 2.5 + 0j == 2.5, 1j == 1j, 1j != 1j, 1j == 2j)
print(0j == 0, 0j == False, 1 + 0j == True, 1j == 1, 1j == "1j", 1j == None)
print(hash(1 + 0j) == hash(1), hash(2.5 + 0j) == hash(2.5), hash(0j) == hash(0))
print(hash(-1 + 0j) == hash(-1))
print(complex(float("nan"), 0) == complex(float("nan"), 0))
d = {1: "int", 2j: "imag"}
print(d[1 + 0j], d[2j], d.get(complex(0, 2)), 2j in d, 3j in d)
s = {1, 1.0, 1 + 0j, 2j, complex(0, 2)}
print(len(s), sorted(str(x) for x in s))
print(bool(0j), bool(1j), bool(0.0 + 0j), bool(-0j), not 1j)
print([1j, 2j].index(2j), [1, 1 + 0j, 1.0].count(1), (1j, 2j) == (1j, 2j))
print(2 ** 100 + 0j == 2 ** 100, 2 ** 1000 == complex(1, 0), 10 ** 400 == 1j)
for op in ("<", "<=", ">", ">="):
    try:
        eval("1j " + op + " 2j")
    except TypeError as e:
        print(type(e).__name__, e)
try:
    sorted([1j, 2j])
except TypeError as e:
    print(type(e).__name__, e)
print(max([1, 2, 3], key=lambda n: abs(n * 1j)))
