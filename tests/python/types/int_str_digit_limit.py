# str() and repr() of an int refuse more than 4300 decimal digits, as int() does.
def show(f):
    try:
        r = f()
        print(len(r))
    except ValueError as e:
        print("ValueError", e)
show(lambda: str(10**4299))
show(lambda: str(-10**4299))
show(lambda: str(10**4300))
show(lambda: repr(10**5000))
show(lambda: str(2**100000))
show(lambda: "%s" % (10**4300,))
show(lambda: f"{10**4300}")
show(lambda: hex(10**4300))
print(len(str([10**4299])))
