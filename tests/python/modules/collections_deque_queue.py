# deque as a FIFO queue and a stack; a sliding window with maxlen.
from collections import deque
q = deque()
for job in ['a', 'b', 'c']:
    q.append(job)
served = []
while q:
    served.append(q.popleft())
print(served, q)
s = deque()
for x in range(4):
    s.append(x)
print([s.pop() for _ in range(4)])
window = deque(maxlen=3)
sums = []
for x in [1, 5, 2, 8, 3, 9]:
    window.append(x)
    sums.append(sum(window))
print(sums, window)
d = deque([1, 2, 3])
d.extend(d)
print(d, d.copy() == d, d.copy() is d)
