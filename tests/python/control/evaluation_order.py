# Python evaluates operands, arguments, displays and assignments left to right.
log = []
def t(name, value=None):
    log.append(name)
    return name if value is None else value
def show(label):
    print(label, log)
    log.clear()
t("a", 1) + t("b", 2) * t("c", 3)
show("binary ops")
def f(*args, **kwargs):
    return args
f(t("x"), t("y"), k=t("z"))
show("call args")
[t("l1"), t("l2")], (t("t1"), t("t2")), {t("k1"): t("v1"), t("k2"): t("v2")}
show("displays")
d = {}
d[t("key")] = t("value")
show("subscript assignment")
a = [0, 0]
a[t("i", 0)], a[t("j", 1)] = t("p", 5), t("q", 6)
show("tuple assignment")
t("obj", f)(t("arg"))
show("callee then argument")
t("cond", True) and t("rhs")
show("and")
x = t("then") if t("test", False) else t("else")
show("conditional")
t("s", [1, 2, 3])[t("lo", 0):t("hi", 2)]
show("slice")
t("left", 1) < t("mid", 2) < t("right", 3)
show("chained comparison")
