def f():
 while 1:
  with a as b, c as d:
   try:
    break
   finally:
    return 2
