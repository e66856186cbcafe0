# String comparisons are by code point; sorting strings.
words = ["banana", "Apple", "apple", "Banana", "cherry", "", "a", "A", "aa", "é", "z"]
print(sorted(words))
print(sorted(words, key=lambda w: (w.lower(), w)))
print("a" < "b", "B" < "a", "abc" < "abd", "ab" < "abc", "" < "a", "Z" < "a", "é" > "z")
print(max(words), min(words), "abc" == "abc", words[0] is not None)
print([ord(c) for c in "Az09 "])
