# __format__ and __str__ used by format(), f-strings and str.format.
class Money:
    def __init__(self, cents):
        self.cents = cents
    def __format__(self, spec):
        if spec == "short":
            return "$%d" % (self.cents // 100)
        return "$%d.%02d" % divmod(self.cents, 100)
    def __str__(self):
        return "Money"
m = Money(12345)
print(format(m), format(m, "short"), f"{m}", f"{m:short}", "{:short}".format(m), str(m))
class Plain:
    def __str__(self):
        return "plain"
print(f"{Plain()}", format(Plain()), "{}".format(Plain()))
try:
    format(Plain(), "x")
except TypeError as e:
    print(type(e).__name__)
