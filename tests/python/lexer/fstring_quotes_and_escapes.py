# f-strings using the other quote kind inside, escaped braces, and multi-line forms.
d = {"key": "val"}
print(f"{d['key']}", f'{d["key"]}', f"""{d["key"]}""")
print(f"{{}}", f"{{{1}}}", f"{{x}}")
n = 3
msg = (f"line {n} "
       f"and {n + 1}")
print(msg)
print(f"""multi
line {n}""")
print(f"{n!r:>4}|{str(n):<4}|")
w = "x"
print(f"{w:>{n}}|{w:^{n + 2}}|")
