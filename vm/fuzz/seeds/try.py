try:
    f()
except E as e:
    g(e)
else:
    h()
finally:
    i()
