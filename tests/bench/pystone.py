# Dhrystone 1.1 as a Python program (the "pystone" workload): global variables, records
# copied and linked, small procedures, string compares, chars stepped with ord/chr.
ONE, TWO, THREE, FOUR, FIVE = 1, 2, 3, 4, 5


class Rec:
    __slots__ = ("link", "disc", "kind", "num", "text")

    def __init__(self, link=None, disc=0, kind=0, num=0, text=""):
        self.link = link
        self.disc = disc
        self.kind = kind
        self.num = num
        self.text = text

    def clone(self):
        return Rec(self.link, self.disc, self.kind, self.num, self.text)


g_int = 0
g_bool = False
g_ch1 = "\0"
g_ch2 = "\0"
g_arr1 = [0] * 51
g_arr2 = [[0] * 51 for _ in range(51)]
g_rec = None


def proc_1(rec):
    nxt = rec.link = g_rec.clone()
    rec.num = 5
    nxt.num = rec.num
    nxt.link = rec.link
    nxt.link = proc_3(nxt.link)
    if nxt.disc == ONE:
        nxt.num = 6
        nxt.kind = proc_6(rec.kind)
        nxt.link = g_rec.link
        nxt.num = proc_7(nxt.num, 10)
    else:
        rec = nxt.clone()
    nxt.link = None
    return rec


def proc_2(value):
    local = value + 10
    while True:
        if g_ch1 == "A":
            local -= 1
            value = local - g_int
            kind = ONE
        if kind == ONE:
            return value


def proc_3(link):
    global g_int
    if g_rec is not None:
        link = g_rec.link
    else:
        g_int = 100
    g_rec.num = proc_7(10, g_int)
    return link


def proc_4():
    global g_ch2
    flag = g_ch1 == "A"
    flag = flag or g_bool
    g_ch2 = "B"


def proc_5():
    global g_ch1, g_bool
    g_ch1 = "A"
    g_bool = False


def proc_6(kind):
    out = kind
    if not func_3(kind):
        out = FOUR
    if kind == ONE:
        out = ONE
    elif kind == TWO:
        out = ONE if g_int > 100 else FOUR
    elif kind == THREE:
        out = TWO
    elif kind == FIVE:
        out = THREE
    return out


def proc_7(a, b):
    return b + a + 2


def proc_8(arr1, arr2, a, b):
    global g_int
    at = a + 5
    arr1[at] = b
    arr1[at + 1] = arr1[at]
    arr1[at + 30] = at
    row = arr2[at]
    for i in range(at, at + 2):
        row[i] = at
    row[at - 1] += 1
    arr2[at + 20][at] = arr1[at]
    g_int = 5


def func_1(c1, c2):
    if c1 != c2:
        return ONE
    return TWO


def func_2(s1, s2):
    i = 1
    while i <= 1:
        if func_1(s1[i], s2[i + 1]) == ONE:
            ch = "A"
            i += 1
    if "W" <= ch <= "Z":
        i = 7
    if ch == "X":
        return True
    if s1 > s2:
        i += 7
        return True
    return False


def func_3(kind):
    return kind == THREE


def run(loops):
    global g_rec, g_bool
    g_rec = Rec(Rec(), ONE, THREE, 40, "DHRYSTONE PROGRAM, SOME STRING")
    s1 = "DHRYSTONE PROGRAM, 1'ST STRING"
    g_arr2[8][7] = 10
    for _ in range(loops):
        proc_5()
        proc_4()
        a, b = 2, 3
        s2 = "DHRYSTONE PROGRAM, 2'ND STRING"
        kind = TWO
        g_bool = not func_2(s1, s2)
        while a < b:
            c = 5 * a - b
            c = proc_7(a, b)
            a += 1
        proc_8(g_arr1, g_arr2, a, c)
        g_rec = proc_1(g_rec)
        ch = "A"
        while ch <= g_ch2:
            if kind == func_1(ch, "C"):
                kind = proc_6(ONE)
            ch = chr(ord(ch) + 1)
        c = b * a
        b = c // a
        b = 7 * (c - b) - a
        a = proc_2(a)
    return a, b, c, kind


result = run(200000)
print(result, g_int, g_bool, g_ch1, g_ch2, g_arr1[8], g_arr2[8][7])
print(g_rec.disc, g_rec.kind, g_rec.num, g_rec.text, g_rec.link.num)
