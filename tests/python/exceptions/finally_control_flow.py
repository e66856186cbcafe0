# return, break and continue interacting with finally.
def ret_in_try():
    try:
        return "try"
    finally:
        print("finally runs before return")
print(ret_in_try())
def finally_overrides():
    try:
        return "try"
    finally:
        return "finally"
print(finally_overrides())
def finally_swallows():
    try:
        raise ValueError("lost")
    finally:
        return "swallowed"
print(finally_swallows())
def loop_break():
    out = []
    for i in range(5):
        try:
            if i == 2:
                break
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(loop_break())
def loop_continue():
    out = []
    for i in range(3):
        try:
            if i == 1:
                continue
            out.append(i)
        finally:
            out.append("f%d" % i)
    return out
print(loop_continue())
def nested_finally():
    out = []
    try:
        try:
            return out
        finally:
            out.append("inner")
    finally:
        out.append("outer")
print(nested_finally())
def value_captured():
    x = 1
    try:
        return x
    finally:
        x = 2
print(value_captured())
def while_break_in_finally():
    n = 0
    while True:
        try:
            n += 1
            raise RuntimeError
        except RuntimeError:
            if n < 3:
                continue
        finally:
            if n >= 3:
                break
    return n
print(while_break_in_finally())
