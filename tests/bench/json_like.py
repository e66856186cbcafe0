# JSON-like text processing in Python itself (no json module): a serializer and a
# recursive-descent parser for nested records, round trips checked; string building, slicing,
# character tests, escapes, dicts and lists.
ESCAPES = {'"': '\\"', "\\": "\\\\", "\n": "\\n", "\t": "\\t"}
UNESCAPES = {'"': '"', "\\": "\\", "n": "\n", "t": "\t"}


def dump(value, out):
    if value is None:
        out.append("null")
    elif value is True:
        out.append("true")
    elif value is False:
        out.append("false")
    elif isinstance(value, int):
        out.append(str(value))
    elif isinstance(value, str):
        out.append('"')
        start = 0
        for i, ch in enumerate(value):
            if ch in ESCAPES:
                out.append(value[start:i])
                out.append(ESCAPES[ch])
                start = i + 1
        out.append(value[start:])
        out.append('"')
    elif isinstance(value, list):
        out.append("[")
        for i, item in enumerate(value):
            if i:
                out.append(", ")
            dump(item, out)
        out.append("]")
    else:
        out.append("{")
        first = True
        for key in value:
            if not first:
                out.append(", ")
            first = False
            dump(key, out)
            out.append(": ")
            dump(value[key], out)
        out.append("}")


def dumps(value):
    out = []
    dump(value, out)
    return "".join(out)


class Parser:
    def __init__(self, text):
        self.text = text
        self.pos = 0

    def skip_space(self):
        text, pos = self.text, self.pos
        while pos < len(text) and text[pos] in " \n\t":
            pos += 1
        self.pos = pos

    def value(self):
        self.skip_space()
        ch = self.text[self.pos]
        if ch == "{":
            return self.record()
        if ch == "[":
            return self.array()
        if ch == '"':
            return self.string()
        for word, meaning in (("null", None), ("true", True), ("false", False)):
            if self.text.startswith(word, self.pos):
                self.pos += len(word)
                return meaning
        return self.number()

    def expect(self, ch):
        self.skip_space()
        if self.text[self.pos] != ch:
            raise ValueError("expected %r at %d" % (ch, self.pos))
        self.pos += 1

    def record(self):
        self.expect("{")
        out = {}
        self.skip_space()
        if self.text[self.pos] == "}":
            self.pos += 1
            return out
        while True:
            self.skip_space()
            key = self.string()
            self.expect(":")
            out[key] = self.value()
            self.skip_space()
            if self.text[self.pos] == "}":
                self.pos += 1
                return out
            self.expect(",")

    def array(self):
        self.expect("[")
        out = []
        self.skip_space()
        if self.text[self.pos] == "]":
            self.pos += 1
            return out
        while True:
            out.append(self.value())
            self.skip_space()
            if self.text[self.pos] == "]":
                self.pos += 1
                return out
            self.expect(",")

    def string(self):
        text = self.text
        pos = self.pos + 1
        parts = []
        start = pos
        while True:
            ch = text[pos]
            if ch == '"':
                parts.append(text[start:pos])
                self.pos = pos + 1
                return "".join(parts)
            if ch == "\\":
                parts.append(text[start:pos])
                parts.append(UNESCAPES[text[pos + 1]])
                pos += 2
                start = pos
            else:
                pos += 1

    def number(self):
        text, start = self.text, self.pos
        pos = start + 1 if text[start] == "-" else start
        while pos < len(text) and text[pos].isdigit():
            pos += 1
        self.pos = pos
        return int(text[start:pos])


def document(n, seed):
    people = []
    for i in range(n):
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        people.append({
            "id": i,
            "name": "person %d \"%s\"" % (i, "abcdefghij"[seed % 10]),
            "score": seed % 1000 - 500,
            "tags": ["t%d" % (seed % 7), "line\nbreak" if i % 5 == 0 else "plain"],
            "active": seed % 3 == 0,
            "manager": None if i % 4 else {"id": i // 4, "level": seed % 5},
        })
    return {"people": people, "count": n, "title": "staff\tlist"}


def run(rounds, n):
    doc = document(n, 42)
    check = 0
    for _ in range(rounds):
        text = dumps(doc)
        back = Parser(text).value()
        if back != doc:
            raise ValueError("round trip changed the document")
        check = (check * 31 + len(text) + sum(p["score"] for p in back["people"])) % 1000000007
    # Key order is not printed: MicroPython's dicts do not keep insertion order.
    return check, len(text), back["people"][n // 2]["name"], back["title"]


print(run(30, 200))
