# Exceptions propagating through several frames, caught at different levels.
def level3(x):
    if x == 0:
        raise ZeroDivisionError("level3 zero")
    if x < 0:
        raise ValueError("level3 negative")
    return 10 / x
def level2(x):
    try:
        return level3(x)
    except ValueError as e:
        return "level2 handled " + str(e)
def level1(x):
    try:
        return level2(x)
    except ZeroDivisionError as e:
        return "level1 handled " + str(e)
    finally:
        print("level1 finally for", x)
for x in (5, 0, -1):
    print(level1(x))
