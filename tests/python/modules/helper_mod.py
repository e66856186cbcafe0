# Helper module for the import programs (not run on its own; it has no .exp).
GREETING = "hello"
counter = 0
def greet(name):
    return GREETING + ", " + name
def bump():
    global counter
    counter += 1
    return counter
class Widget:
    def __init__(self, size):
        self.size = size
    def __repr__(self):
        return "Widget(%d)" % self.size
_private = "underscore"
