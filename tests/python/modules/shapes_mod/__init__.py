# Helper package for the package import program.
from shapes_mod.square_mod import Square
KIND = "package"
