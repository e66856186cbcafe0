def g():
 try:
  yield 1
 finally:
  yield 2
