# Several closures sharing one enclosing variable.
def account(balance):
    def deposit(n):
        nonlocal balance
        balance += n
        return balance
    def withdraw(n):
        nonlocal balance
        if n > balance:
            raise ValueError("insufficient funds")
        balance -= n
        return balance
    def get():
        return balance
    return deposit, withdraw, get
dep, wd, get = account(100)
print(dep(50), wd(30), get())
try:
    wd(1000)
except ValueError as e:
    print(type(e).__name__, e, get())
d2, w2, g2 = account(0)
d2(5)
print(get(), g2())
def outer():
    fns = []
    x = 0
    for _ in range(3):
        x += 1
        fns.append(lambda: x)
    return fns
print([f() for f in outer()])
