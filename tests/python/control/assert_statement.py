# assert with and without message, caught as AssertionError.
assert True
assert 1 == 1, "not shown"
try:
    assert False
except AssertionError as e:
    print(type(e).__name__, repr(str(e)), e.args)
try:
    assert 1 > 2, "one is not greater than two"
except AssertionError as e:
    print(type(e).__name__, e)
try:
    x = [1, 2]
    assert len(x) == 3, f"length was {len(x)}"
except AssertionError as e:
    print(e)
try:
    assert [], ("tuple", "message")
except AssertionError as e:
    print(e.args)
def check(v):
    assert isinstance(v, int), "need int"
    return v * 2
print(check(4))
try:
    check("s")
except AssertionError as e:
    print("caught", e)
