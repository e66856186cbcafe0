# String building: concatenation, join, formatting, slicing and searching.
def run(n):
    parts = []
    s = ""
    for i in range(n):
        word = "w%d" % (i % 97)
        parts.append(word.upper() + "-" + str(i * 7 % 13))
        if i % 50 == 0:
            s += word
    text = ",".join(parts)
    pieces = text.split(",")
    found = sum(1 for p in pieces if p.startswith("W1"))
    rev = text[::-1]
    check = len(text) + found + rev.count("-") + len(s) + text.find("W96-")
    out = "".join(f"{p[:3]}{len(p)}" for p in pieces[:5000])
    return check, len(out), out[:20]
print(run(800000))
