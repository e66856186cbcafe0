# SystemExit and KeyboardInterrupt are BaseException but not Exception.
import sys
def try_exit(arg):
    try:
        if arg is None:
            sys.exit()
        sys.exit(arg)
    except Exception:
        return "caught by Exception"
    except SystemExit as e:
        return ("SystemExit", e.code)
print(try_exit(None), try_exit(0), try_exit(3), try_exit("message"))
try:
    raise KeyboardInterrupt("ctrl-c")
except Exception:
    print("wrong")
except KeyboardInterrupt as e:
    print(type(e).__name__, e)
try:
    raise GeneratorExit
except BaseException as e:
    print(type(e).__name__, isinstance(e, Exception))
