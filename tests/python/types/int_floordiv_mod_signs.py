# Floor division and modulo follow the sign rules of Python.
for a in (7, -7, 0, 13, -13):
    for b in (3, -3, 5, -5):
        print(a, b, a // b, a % b, divmod(a, b))
big = 10 ** 25 + 3
print(big // 7, big % 7, -big // 7, -big % 7, big // -7, big % -7)
print(divmod(-big, 10 ** 12))
try:
    1 // 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
try:
    1 % 0
except ZeroDivisionError as e:
    print(type(e).__name__, e)
