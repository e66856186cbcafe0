# Comments and blank lines in awkward places.

x = 1  # trailing comment

# comment between statements
def f():
    # comment inside function before code

    y = 2
        # oddly indented comment
    return y  # trailing
print(x, f())
lst = [1,  # one
       2,  # two
       # nothing here
       3]
print(lst)
s = "# not a comment"
print(s)
print('''# not
# a comment either''')
if x:

    print("after blank line")
