# try/except/else/finally in all combinations.
def run(fail):
    log = []
    try:
        log.append("try")
        if fail:
            raise ValueError("bad")
    except ValueError as e:
        log.append("except " + str(e))
    else:
        log.append("else")
    finally:
        log.append("finally")
    return log
print(run(False))
print(run(True))
def only_finally(fail):
    log = []
    try:
        try:
            log.append("try")
            if fail:
                raise KeyError("k")
        finally:
            log.append("finally")
    except KeyError:
        log.append("outer caught")
    return log
print(only_finally(False), only_finally(True))
def try_else_no_except():
    try:
        x = 1
    except Exception:
        x = 2
    else:
        x += 10
    return x
print(try_else_no_except())
def exception_in_else():
    try:
        try:
            pass
        except ValueError:
            return "wrong handler"
        else:
            raise ValueError("from else")
        finally:
            print("finally after else")
    except ValueError as e:
        return "outer: " + str(e)
print(exception_in_else())
def exception_in_handler():
    try:
        try:
            raise ValueError("first")
        except ValueError:
            raise TypeError("second")
        finally:
            print("finally runs")
    except TypeError as e:
        return repr(e)
print(exception_in_handler())
