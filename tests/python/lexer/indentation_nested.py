# Deeply nested blocks with varied indentation widths.
def outer(n):
    result = []
    for i in range(n):
        if i % 2 == 0:
            for j in range(i):
                if j > 1:
                  result.append((i, j))
                else:
                        pass
        else:
          while i > 0:
            i -= 3
            if i < 2:
                break
          result.append(i)
    return result
print(outer(7))
class A:
  def m(self):
      return [x
              for x in range(3)]
print(A().m())
if True:
    if True:
        if True:
            if True:
                print("four deep")
            print("three deep")
print("top")
if 1: print("one-liner")
for k in range(2): print("loop", k)
