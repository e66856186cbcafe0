# The TypeError for class hierarchies without a consistent MRO names the bases left unmerged.
class A: pass
class B(A): pass
class X: pass
class Y: pass
class P(X, Y): pass
class Q(Y, X): pass

def attempt(name, bases):
    try:
        type(name, bases, {})
        print(name, "ok")
    except TypeError as e:
        print(name, "TypeError:", e)

attempt("C", (A, B))
attempt("D", (P, Q))
attempt("E", (B, A))
attempt("F", (object, A))
attempt("G", (X, P))
try:
    class H(A, B):
        pass
except TypeError as e:
    print("class statement:", str(e).replace("\n", " | "))
