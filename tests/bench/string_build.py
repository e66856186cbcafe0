# String building: concatenation, join, formatting, slicing and searching (rounds over small
# texts, so the live data fits a board-sized heap).
def round_(r, n):
    parts = []
    s = ""
    for i in range(n):
        word = "w%d" % ((i + r) % 97)
        parts.append(word.upper() + "-" + str(i * 7 % 13))
        if i % 50 == 0:
            s += word
    text = ",".join(parts)
    pieces = text.split(",")
    found = sum(1 for p in pieces if p.startswith("W1"))
    rev = text[::-1]
    out = "".join(f"{p[:3]}{len(p)}" for p in pieces[:500])
    return len(text) + found + rev.count("-") + len(s) + text.find("W96-") + len(out)
def run(rounds, n):
    check = 0
    for r in range(rounds):
        check = (check * 31 + round_(r, n)) % 1000000007
    return check
print(run(80, 10000))
