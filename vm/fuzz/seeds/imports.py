import a.b.c as d
from .. m import (x, y as z)
from q import *
