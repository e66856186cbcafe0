# json.dumps and json.loads of a 10,000-element document, 5 round trips.
# The document, its text and the copy read back take about 12 MB of mote's heap:
# mote run --heap 32M
import json

N = 10000
doc = [{'id': i, 'name': 'item%d' % i, 'price': i * 0.25, 'tags': ['a', 'b'], 'ok': i % 2 == 0}
       for i in range(N)]
total = 0
for _ in range(5):
    text = json.dumps(doc)
    back = json.loads(text)
    total += len(text) + len(back)
print(total, back[N - 1]['name'], back[N // 80]['price'])
