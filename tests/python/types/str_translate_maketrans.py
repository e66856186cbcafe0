# str.translate and str.maketrans in all their forms.
t = str.maketrans("abc", "xyz")
print(sorted(t.items()), "aabbcc-abc".translate(t))
t2 = str.maketrans("ab", "AB", "c")
print(sorted(t2.items()), "abcabc".translate(t2))
t3 = str.maketrans({"a": "1", "b": None, ord("c"): "three"})
print(sorted(t3.items()), "abcd".translate(t3))
print("hello".translate({ord("l"): "L"}), "hello".translate({104: 72, 111: None}))
print("héllo".translate({ord("é"): "e"}), "".translate(t), "xyz".translate({}))
class Table:
    def __getitem__(self, k):
        if k == ord("z"):
            raise LookupError
        return chr(k).upper()
print("abz".translate(Table()))
for args in [("ab", "c"), ({"ab": 1},), (1,)]:
    try:
        str.maketrans(*args)
    except (ValueError, TypeError) as e:
        print(type(e).__name__, e)
try:
    "a".translate({97: 1.5})
except TypeError as e:
    print("TypeError", e)
print("a-b_c".translate(str.maketrans("-_", "  ")).split())
