# The TypeError for a non-int index names the container's type alone, for reading, storing
# and deleting; the IndexError keeps CPython's wording for each.
def show(f):
    try:
        f()
    except (TypeError, IndexError) as e:
        print(type(e).__name__, e)

l = [1]
ba = bytearray(b"a")
r = range(3)
t = (1,)
k = "x"

def list_store(): l[k] = 1
def list_store_far(): l[5] = 1
def list_del(): del l[k]
def list_del_far(): del l[5]
def list_load(): l[k]
def bytearray_store(): ba[k] = 1
def bytearray_store_far(): ba[5] = 1
def bytearray_load(): ba[k]
def range_load(): r[k]
def range_load_far(): r[7]
def range_load_float(): r[1.5]
def tuple_load(): t[k]
def tuple_load_far(): t[3]
def bytes_load(): b"a"[k]
def str_load(): "a"[k]

for f in (list_store, list_store_far, list_del, list_del_far, list_load, bytearray_store,
          bytearray_store_far, bytearray_load, range_load, range_load_far, range_load_float,
          tuple_load, tuple_load_far, bytes_load, str_load):
    show(f)
