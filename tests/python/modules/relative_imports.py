# Relative imports inside a package: `.`, `..`, and beyond the top-level package.
import relpkg_mod
from relpkg_mod import inner_mod
from relpkg_mod.inner_mod import deep_mod
print(relpkg_mod.KIND, relpkg_mod.LEAF, relpkg_mod.leaf_mod.__name__)
print(inner_mod.PARENT_LEAF, inner_mod.depth())
print(deep_mod.__name__)
try:
    deep_mod.too_far()
except ImportError as e:
    print(type(e).__name__, e)
