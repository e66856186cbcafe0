# Helper module that itself imports another helper.
import helper_mod
def twice(name):
    return helper_mod.greet(name) + " " + helper_mod.greet(name)
