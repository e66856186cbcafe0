# try/with/for/while blocks nested deeply in one function, with early exits.
class CM:
    def __init__(self, log, tag):
        self.log, self.tag = log, tag
    def __enter__(self):
        self.log.append("+" + self.tag)
    def __exit__(self, *exc):
        self.log.append("-" + self.tag)
def run(stop_at):
    log = []
    for i in range(3):
        with CM(log, "w%d" % i):
            try:
                j = 0
                while j < 3:
                    try:
                        with CM(log, "v%d%d" % (i, j)):
                            if (i, j) == stop_at:
                                return log
                            if j == 1:
                                raise ValueError(j)
                    except ValueError:
                        log.append("caught")
                        j += 1
                        continue
                    finally:
                        log.append("f%d" % j)
                    j += 1
            finally:
                log.append("F%d" % i)
    return log
print(run((1, 2)))
print(len(run(None)))
print(run((0, 0)))
