# Deepest helper module: one, two and three dots.
from . import __name__ as here
from .. import KIND
from ..leaf_mod import NAME


def depth():
    return (here, KIND, NAME)


def too_far():
    from .... import nothing  # noqa: F401
