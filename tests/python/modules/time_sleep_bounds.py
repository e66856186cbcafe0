# time.sleep refuses lengths it cannot represent instead of sleeping forever, and extra
# arguments.
import time
for s in (float("inf"), 2**62, 1e300, -1, float("nan")):
    try:
        time.sleep(s)
        print("slept")
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
try:
    time.sleep(1, 2)
except TypeError as e:
    print("TypeError", e)
time.sleep(0)
time.sleep(0.001)
print("done")
