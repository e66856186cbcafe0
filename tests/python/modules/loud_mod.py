# Helper module that prints when its body runs, to show modules import once.
print("loud_mod body runs, __name__ =", __name__)
loads = 1
