# Helper package for the relative import program: imports its submodule relatively.
from .leaf_mod import NAME as LEAF
from . import leaf_mod
KIND = "relpkg"
