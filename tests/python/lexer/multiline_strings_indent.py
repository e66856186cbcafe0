# Triple-quoted strings keep their newlines and indentation exactly.
def doc():
    """This is a docstring.

    It has two paragraphs.
    """
    return 1
print(doc.__doc__)
text = """\
first line without leading newline
  second line indented
"""
print(repr(text))
print(text.count("\n"))
block = '''
    a
        b
'''
print(block.splitlines())
