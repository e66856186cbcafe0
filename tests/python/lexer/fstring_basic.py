# f-strings: simple substitution and expressions.
name = "world"
n = 7
print(f"hello {name}")
print(f"{n} + 1 = {n + 1}")
print(F"upper prefix {n}")
print(f"{name.upper()} {len(name)}")
print(f"{[1, 2, 3]} {(1,)} {{'a': 1}}")
print(f"{{braces}} {{{n}}}")
print(f"{'quoted'}")
print(f"{n * 2 if n > 5 else 0}")
print(f"{3.5} {None} {True}")
print(f"")
print(f"{n}" f"{n}" "{n}")
d = {"k": "v"}
print(f"{d['k']}")
x = [10, 20, 30]
print(f"{x[1]} {x[-1]} {x[0:2]}")
print(f'''triple {n}''')
print(fr"raw \n {n}", rf"{n}\t")
