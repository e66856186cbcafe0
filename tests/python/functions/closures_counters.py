# Closures keep their own cells; counters and accumulators.
def make_counter():
    count = 0
    def inc():
        nonlocal count
        count += 1
        return count
    return inc
c1 = make_counter()
c2 = make_counter()
print(c1(), c1(), c1(), c2(), c1())
def make_acc(total=0):
    def add(v):
        nonlocal total
        total += v
        return total
    return add
acc = make_acc(100)
print(acc(1), acc(10), acc(-50))
def pair():
    value = []
    def put(v):
        value.append(v)
    def get():
        return list(value)
    return put, get
put, get = pair()
put(1); put(2)
print(get())
def adder(n):
    return lambda x: x + n
add5 = adder(5)
print(add5(1), adder(-1)(1))
def outer():
    x = 1
    def mid():
        def inner():
            return x * 100
        return inner
    x = 2
    return mid()()
print(outer())
