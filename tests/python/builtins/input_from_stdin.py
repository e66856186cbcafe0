# input() reads sys.stdin when a program replaced it, strips one newline, EOFError at the end.
import io
import sys
sys.stdin = io.StringIO("first line\nsecond\n\n  spaced  \r\nlast without newline")
print(repr(input()), repr(input("")))
print(repr(input()), repr(input()), repr(input()))
try:
    input()
except EOFError as e:
    print(type(e).__name__, e)
sys.stdin = io.StringIO("42\n3.5\n")
n = int(input())
x = float(input())
print(n * 2, x * 2)
try:
    input("a", "b")
except TypeError as e:
    print(type(e).__name__)
