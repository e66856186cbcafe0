# while loops with else, break and continue.
i = 0
while i < 5:
    i += 1
    if i == 2:
        continue
    print("i", i)
else:
    print("while finished normally")
n = 0
while True:
    n += 1
    if n > 3:
        break
print("n", n)
k = 10
while k > 0:
    k -= 3
    if k == 4:
        print("found 4")
        break
else:
    print("no 4")
k = 10
while k > 0:
    k -= 4
    if k == 3:
        break
else:
    print("else runs when no break", k)
while False:
    print("never")
else:
    print("else of empty while")
