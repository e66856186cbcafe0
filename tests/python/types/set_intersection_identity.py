# An intersection keeps the elements of the smaller operand (the right one on a tie).
def names(s):
    return sorted(type(x).__name__ + ":" + repr(x) for x in s)
print(names({True, 2} & {1, 2}), names({1, 2} & {True, 2}))
print(names({True, 2, 3} & {1}), names({1} & {True, 2, 3}))
print(names({1.0, 2} & {1, 2}), names({True, 2}.intersection({1, 2})))
print(names(frozenset({True}) & {1}), type(frozenset({True}) & {1}).__name__)
s = {True, 2}
s &= {1, 2}
print(names(s))
print(names({True, 2} | {1, 3}), names({True, 2} ^ {1, 3}), names({True, 2} - {3}))
