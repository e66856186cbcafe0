# Single, double and triple quoted strings.
print('single')
print("double")
print('it\'s', "say \"hi\"")
print("it's", 'say "hi"')
print('''triple single''')
print("""triple double""")
s = """line one
line two
    indented line"""
print(s)
print(len(s))
t = '''has 'single' and "double" quotes'''
print(t)
print("""a "quoted" word and ''' inside""")
print('')
print("" == '')
print(repr('a"b'), repr("a'b"), repr('a\'b"c'))
