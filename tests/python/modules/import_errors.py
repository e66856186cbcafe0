# Importing missing modules and names raises ImportError (ModuleNotFoundError).
try:
    import module_that_does_not_exist
except ImportError as e:
    print(type(e).__name__, isinstance(e, ImportError))
try:
    from helper_mod import nothing_here
except ImportError as e:
    print(type(e).__name__)
try:
    import module_that_does_not_exist
except ModuleNotFoundError:
    print("ModuleNotFoundError again")
print(issubclass(ModuleNotFoundError, ImportError))
