def f():
 for x in y:
  try:
   return x
  except E as e:
   return e
  finally:
   continue
