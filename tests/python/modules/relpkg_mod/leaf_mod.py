# Submodule of the relative-import helper package.
NAME = "leaf"
