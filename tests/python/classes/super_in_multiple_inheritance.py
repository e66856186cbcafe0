# super() follows the MRO of the instance's class, not the defining class's bases.
log = []
class Root:
    def setup(self):
        log.append("Root")
class Left(Root):
    def setup(self):
        log.append("Left")
        super().setup()
class Right(Root):
    def setup(self):
        log.append("Right")
        super().setup()
class Child(Left, Right):
    def setup(self):
        log.append("Child")
        super().setup()
Child().setup()
print(log)
log.clear()
Left().setup()
print(log)
print([c.__name__ for c in Child.__mro__])
class A:
    def __init__(self):
        self.inits = ["A"]
class B(A):
    def __init__(self):
        super().__init__()
        self.inits.append("B")
class C(A):
    def __init__(self):
        super().__init__()
        self.inits.append("C")
class D(B, C):
    def __init__(self):
        super().__init__()
        self.inits.append("D")
print(D().inits)
