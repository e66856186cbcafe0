# Importing a package and its submodule.
import shapes_mod
from shapes_mod import Square
from shapes_mod.square_mod import Square as Sq2
import shapes_mod.square_mod
print(shapes_mod.KIND, Square(3).area(), Sq2 is Square)
print(shapes_mod.square_mod.Square(2).area())
print(shapes_mod.__name__, shapes_mod.square_mod.__name__)
