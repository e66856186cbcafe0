# Deeply nested try statements: each level catches only its own exception type.
class E1(Exception): pass
class E2(Exception): pass
class E3(Exception): pass
class E4(Exception): pass
def nest(kind):
    log = []
    try:
        try:
            try:
                try:
                    log.append("body")
                    if kind:
                        raise kind("x")
                except E4:
                    log.append("E4 at depth 4")
                finally:
                    log.append("finally 4")
            except E3:
                log.append("E3 at depth 3")
        except E2:
            log.append("E2 at depth 2")
            raise E1("converted")
    except E1 as e:
        log.append("E1 at depth 1: " + str(e))
    except Exception as e:
        log.append("other " + type(e).__name__)
    return log
for kind in (None, E4, E3, E2, E1, ValueError):
    print(kind.__name__ if kind else None, nest(kind))
