# Left-associative chains of binary operators are not nesting: chains as long as CPython
# compiles (its limit is near 2,500 links) compile.
print(eval("+".join(["1"] * 300)))
print(eval("-".join(["7"] * 2000)))
print(eval(" * ".join(["1"] * 900) + " + " + " | ".join(["2"] * 900)))
src = "x = 0" + " + i" * 1500 + "\n"
ns = {"i": 2}
exec(src, ns)
print(ns["x"])
print(eval("+".join("(%d*2-1)" % k for k in range(1000))))
s = eval("+".join(["'ab'"] * 400))
print(len(s), s[:6])
