# Unicode case mapping as CPython: title case is not upper case, case folding is not lower
# case, a final sigma lowers to 'ς', and special casing may change the length.
words = ["ǅ", "ǆ", "Ǆ", "ß", "ﬁ", "ﬂow", "ǉubljana", "ǳ", "ΣΑΣ", "ΌΣΟΣ ΚΑΙ ΣΑΣ", "Σ", "AΣ.", "AΣb",
         "İstanbul", "ŉ", "ᾳ", "ﬀ ﬃ ﬄ ﬅ", "և", "straße", "ᏸᏹ", "ꭰ", "Ǆemal ǆemal", "a'b c-d", "hello world",
         "ÉCOLE élève", "Σ'Σ", "ΑΣ'", "ǅ1ǅ", "ﬁﬁ", "ŉŉ", "Ꙋ", "ẞ", "ΐ", "ΰ"]
for w in words:
    print(repr(w), [w.upper(), w.lower(), w.title(), w.capitalize(), w.casefold(), w.swapcase()])
    print(w.istitle(), w.isupper(), w.islower())
print("ß".upper() == "SS", "ß".casefold() == "ss", "ΣΑΣ".lower() == "σας", "ß".title())
print("ﬁ".title(), "ﬁ".capitalize(), "ǅ".capitalize(), "DŽEMAL".title())
print(sorted({w.casefold() for w in ["Straße", "STRASSE", "strasse", "ΣΊΣΥΦΟΣ", "σίσυφος", "σίσυφοσ"]}))
