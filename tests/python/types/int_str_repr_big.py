# str and repr of big ints, negative zero handling and digit sums.
n = 2 ** 256
print(n, len(str(n)), sum(int(c) for c in str(n)))
print(-n, repr(-n), str(n)[:10], str(n)[-10:])
print(int("9" * 50) + 1 == 10 ** 50, int("-" + "1" * 40))
print(f"{n:,}"[:20], f"{n:x}", hex(n))
print(10 ** 18, 10 ** 19, 10 ** 20, -(10 ** 19))
print(str(-0), repr(0), int("-0"))
