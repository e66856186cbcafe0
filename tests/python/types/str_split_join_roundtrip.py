# split/join round trips on larger generated text; splitlines on mixed line endings.
words = ["w%d" % (i * 37 % 101) for i in range(500)]
text = " ".join(words)
print(len(text), text.split() == words, text.count("w1"), text[:30])
csv = "\n".join(",".join(str(r * 10 + c) for c in range(5)) for r in range(50))
rows = [line.split(",") for line in csv.split("\n")]
print(len(rows), rows[7], sum(int(v) for row in rows for v in row))
mixed = "a\nb\r\nc\rd\n\ne"
print(mixed.splitlines(), mixed.split("\n"), len(mixed.splitlines(keepends=True)))
print("--".join(reversed(text.split()[:5])), "".join(text.split(" ")[-3:]))
print(text.replace(" ", "").count("w"), text.upper().lower() == text, text.find("w100"))
