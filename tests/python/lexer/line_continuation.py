# Explicit backslash continuation and implicit continuation inside brackets.
total = 1 + \
    2 + \
    3
print(total)
xs = [
    1,
    2,
    3,
]
print(xs)
d = {
    "a": 1,
    "b": 2,
}
print(d)
def f(a,
      b,
      c=3):
    return a + b + c
print(f(1,
        2))
if total > 5 and \
   total < 10:
    print("in range")
value = (10
         * 2
         - 1)
print(value)
s = "one" \
    "two"
print(s)
