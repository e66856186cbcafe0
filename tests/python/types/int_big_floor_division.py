# Floor division and modulo of big ints across signs and sizes (long division on limbs).
seed = 12345
def bits(k):
    global seed
    r = 0
    for _ in range((k + 29) // 30):
        seed = (seed * 1103515245 + 12345) % 2**31
        r = (r << 30) | seed
    return r >> ((k + 29) // 30 * 30 - k)
acc = 0
vals = [0, 1, -1, 7, -7, 2**30, -2**30, 2**31-1, 2**32, -2**32, 2**64-1, -(2**64), 10**30, -10**30+1]
for i in range(300):
    n = bits(1 + bits(9) % 400)
    if bits(1): n = -n
    vals.append(n)
out = []
for a in vals:
    for b in vals[::7]:
        if b == 0: continue
        q, r = a // b, a % b
        acc = (acc * 31 + q * 7 + r) % (2**89 - 1)
        assert q * b + r == a
        dq, dr = divmod(a, b)
        assert dq == q and dr == r
    acc ^= (a + a - a * 3) % 1000003
print(acc)
try:
    print(10**40 // 0)
except ZeroDivisionError as e:
    print(e)
try:
    print(10**40 % 0)
except ZeroDivisionError as e:
    print(e)
print(-(10**40) // 3, -(10**40) % 3, (10**40) // -(10**20+1), (10**40) % -(10**20+1))
print((2**100 - 1) * 7 - 2**100 * 7, 2**64 + (-(2**64)), -(2**64) - 5 + 2**64)
