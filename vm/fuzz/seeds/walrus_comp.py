def f():
 x = [i for i in range(3) if (y := i)]
 return lambda: (x, y)
