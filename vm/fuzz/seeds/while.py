while x:
    try:
        return
    finally:
        pass
else:
    pass
