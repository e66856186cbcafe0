# re.sub over 100 KB of text: a group reference, a class, a callable (one pass each).
import re

words = ["alpha", "beta", "gamma", "delta", "epsilon", "zeta", "eta", "theta"]
parts = []
n = 0
i = 0
while n < 100_000:
    w = words[i % 8] + str(i % 97)
    parts.append(w)
    n += len(w) + 1
    i += 1
text = " ".join(parts)
parts = None

total = len(re.sub(r"([a-z]+)(\d+)", r"\2\1", text))
total += len(re.sub(r"[aeiou]", "_", text))
total += len(re.sub(r"\d+", lambda m: str(len(m.group())), text))
print(total)
