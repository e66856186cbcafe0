# Nested helper package: reaches its parent package with `..`.
from ..leaf_mod import NAME as PARENT_LEAF
from .deep_mod import depth
