class A:
 def f(self):
  return __class__
 x = [super for _ in ()]
