# str.format allows fields inside a field's spec, but not a level deeper.
def attempt(template, *args, **kwargs):
    try:
        print(repr(template.format(*args, **kwargs)))
    except (ValueError, IndexError, KeyError) as e:
        print(type(e).__name__, e)

attempt("{0:{1}}", 5, 4)
attempt("{0:{1}{2}}", 5, "<", 4)
attempt("{:{}}", "ab", 5)
attempt("{0:{1:{2}}}", 1, 2, 3)
attempt("{0:{1:{2}}}")
attempt("{0:x{1:{2}}y}", 1, 2, 3)
attempt("{a:{b:{c}}}", a=1, b=2, c=3)
attempt("{0:{1:}}", 5, 3)
