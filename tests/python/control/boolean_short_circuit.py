# and / or return operands and short-circuit; not always returns bool.
log = []
def t(v):
    log.append(v)
    return v
print(t(0) and t(1), log)
log.clear()
print(t(2) and t(3), log)
log.clear()
print(t("") or t("x"), log)
log.clear()
print(t("a") or t("b"), log)
log.clear()
print(t(None) or t(0) or t([]), log)
log.clear()
print(t(1) and t(2) and t(0) and t(3), log)
print(not "", not "a", type(not 1).__name__)
print([] or {} or "default", 0 and 1 or 2, 1 and 0 or 3)
x = None
print(x and x.attr, (x or "fallback").upper())
