with a as b, c:
    for x in y:
        if x: break
        continue
