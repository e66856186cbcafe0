r = [x for x in y if x]
d = {k: v for k, v in z}
g = (a for a in b)
