for f in (lambda: list(range(10**9)), lambda: bytes(range(65, 10**9)),
          lambda: format(1, "2147483647"), lambda: "%4294967297x" % 7,
          lambda: b"%4294967297x" % 7, lambda: "x" * 10**9, lambda: [0] * 10**9,
          lambda: "".join(["ab" * 100] * 10**6), lambda: ("a" * 999).replace("a", "b" * 999),
          lambda: "{:{}}".format(1, 10**9), lambda: "a".ljust(10**9), lambda: bytes(10**9),
          lambda: (1).to_bytes(10**9, "big"), lambda: f"{'y' * 9999}" * 9999):
    try:
        f()
    except MemoryError:
        pass
