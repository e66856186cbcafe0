# Portable parts of the time module.
import time
t = time.time()
print(type(t).__name__, t > 1.6e9)
time.sleep(0)
time.sleep(0.001)
t2 = time.time()
print(t2 >= t)
print(hasattr(time, "sleep"))
