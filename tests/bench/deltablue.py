# DeltaBlue: an incremental solver for hierarchies of one-way dataflow constraints (required,
# preferred, default... strengths); a long chain of equalities and a projection of scaled
# variables are edited and re-planned. Class hierarchies, lists as work queues, many calls.
class Strength:
    def __init__(self, level, name):
        self.level = level
        self.name = name

    def stronger(self, other):
        return self.level < other.level

    def weaker(self, other):
        return self.level > other.level

    def weakest_of(self, other):
        return self if self.level > other.level else other


STRENGTHS = [Strength(level, name) for level, name in enumerate(
    ("required", "strong preferred", "preferred", "strong default", "normal", "weak default",
     "weakest"))]
REQUIRED, STRONG_PREFERRED, PREFERRED, STRONG_DEFAULT, NORMAL, WEAK_DEFAULT, WEAKEST = STRENGTHS

NONE, FORWARD, BACKWARD = 0, 1, 2


class Variable:
    def __init__(self, name, value):
        self.name = name
        self.value = value
        self.constraints = []
        self.determined_by = None
        self.mark = 0
        self.walk_strength = WEAKEST
        self.stay = True

    def remove(self, constraint):
        self.constraints.remove(constraint)
        if self.determined_by is constraint:
            self.determined_by = None


class Constraint:
    def __init__(self, planner, strength):
        self.planner = planner
        self.strength = strength

    def add(self):
        self.attach()
        self.planner.incremental_add(self)

    def satisfy(self, mark):
        """Satisfies the constraint (if it can) and returns the constraint it overrode."""
        self.choose_method(mark)
        if not self.is_satisfied():
            if self.strength is REQUIRED:
                raise RuntimeError("could not satisfy a required constraint")
            return None
        self.mark_inputs(mark)
        out = self.output()
        overridden = out.determined_by
        if overridden is not None:
            overridden.mark_unsatisfied()
        out.determined_by = self
        if not self.planner.propagate(self, mark):
            raise RuntimeError("cycle")
        out.mark = mark
        return overridden

    def destroy(self):
        if self.is_satisfied():
            self.planner.incremental_remove(self)
        else:
            self.detach()

    def is_input(self):
        return False


class UnaryConstraint(Constraint):
    def __init__(self, planner, var, strength):
        Constraint.__init__(self, planner, strength)
        self.var = var
        self.satisfied = False
        self.add()

    def attach(self):
        self.var.constraints.append(self)
        self.satisfied = False

    def detach(self):
        self.var.remove(self)
        self.satisfied = False

    def choose_method(self, mark):
        self.satisfied = self.var.mark != mark and self.strength.stronger(self.var.walk_strength)

    def is_satisfied(self):
        return self.satisfied

    def mark_inputs(self, mark):
        pass

    def output(self):
        return self.var

    def recalculate(self):
        self.var.walk_strength = self.strength
        self.var.stay = not self.is_input()
        if self.var.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.satisfied = False

    def inputs_known(self, mark):
        return True

    def execute(self):
        pass


class StayConstraint(UnaryConstraint):
    """The variable keeps its value."""


class EditConstraint(UnaryConstraint):
    """The variable takes values from outside."""

    def is_input(self):
        return True


class BinaryConstraint(Constraint):
    def __init__(self, planner, v1, v2, strength):
        Constraint.__init__(self, planner, strength)
        self.v1 = v1
        self.v2 = v2
        self.direction = NONE

    def attach(self):
        self.v1.constraints.append(self)
        self.v2.constraints.append(self)
        self.direction = NONE

    def detach(self):
        self.v1.remove(self)
        self.v2.remove(self)
        self.direction = NONE

    def choose_method(self, mark):
        v1, v2, strength = self.v1, self.v2, self.strength
        if v1.mark == mark:
            ok = v2.mark != mark and strength.stronger(v2.walk_strength)
            self.direction = FORWARD if ok else NONE
        elif v2.mark == mark:
            ok = v1.mark != mark and strength.stronger(v1.walk_strength)
            self.direction = BACKWARD if ok else NONE
        elif v1.walk_strength.weaker(v2.walk_strength):
            self.direction = BACKWARD if strength.stronger(v1.walk_strength) else NONE
        else:
            self.direction = FORWARD if strength.stronger(v2.walk_strength) else BACKWARD

    def is_satisfied(self):
        return self.direction != NONE

    def mark_inputs(self, mark):
        self.input().mark = mark

    def input(self):
        return self.v1 if self.direction == FORWARD else self.v2

    def output(self):
        return self.v2 if self.direction == FORWARD else self.v1

    def recalculate(self):
        source, out = self.input(), self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay
        if out.stay:
            self.execute()

    def mark_unsatisfied(self):
        self.direction = NONE

    def inputs_known(self, mark):
        source = self.input()
        return source.mark == mark or source.stay or source.determined_by is None


class EqualityConstraint(BinaryConstraint):
    def __init__(self, planner, v1, v2, strength):
        BinaryConstraint.__init__(self, planner, v1, v2, strength)
        self.add()

    def execute(self):
        self.output().value = self.input().value


class ScaleConstraint(BinaryConstraint):
    """v2 = v1 * scale + offset, in either direction."""

    def __init__(self, planner, v1, scale, offset, v2, strength):
        BinaryConstraint.__init__(self, planner, v1, v2, strength)
        self.scale = scale
        self.offset = offset
        self.add()

    def attach(self):
        BinaryConstraint.attach(self)
        self.scale.constraints.append(self)
        self.offset.constraints.append(self)

    def detach(self):
        BinaryConstraint.detach(self)
        self.scale.remove(self)
        self.offset.remove(self)

    def mark_inputs(self, mark):
        BinaryConstraint.mark_inputs(self, mark)
        self.scale.mark = self.offset.mark = mark

    def execute(self):
        if self.direction == FORWARD:
            self.v2.value = self.v1.value * self.scale.value + self.offset.value
        else:
            self.v1.value = (self.v2.value - self.offset.value) // self.scale.value

    def recalculate(self):
        source, out = self.input(), self.output()
        out.walk_strength = self.strength.weakest_of(source.walk_strength)
        out.stay = source.stay and self.scale.stay and self.offset.stay
        if out.stay:
            self.execute()


class Planner:
    def __init__(self):
        self.current_mark = 0

    def new_mark(self):
        self.current_mark += 1
        return self.current_mark

    def incremental_add(self, constraint):
        mark = self.new_mark()
        overridden = constraint.satisfy(mark)
        while overridden is not None:
            overridden = overridden.satisfy(mark)

    def incremental_remove(self, constraint):
        out = constraint.output()
        constraint.mark_unsatisfied()
        constraint.detach()
        unsatisfied = self.remove_propagate_from(out)
        for strength in STRENGTHS[:-1]:
            for u in unsatisfied:
                if u.strength is strength:
                    self.incremental_add(u)

    def propagate(self, constraint, mark):
        """Recalculates everything downstream of `constraint`; False on a cycle."""
        todo = [constraint]
        i = 0
        while i < len(todo):
            c = todo[i]
            i += 1
            if c.output().mark == mark:
                self.incremental_remove(constraint)
                return False
            c.recalculate()
            self.consumers(c.output(), todo)
        return True

    def remove_propagate_from(self, out):
        out.determined_by = None
        out.walk_strength = WEAKEST
        out.stay = True
        unsatisfied = []
        todo = [out]
        i = 0
        while i < len(todo):
            v = todo[i]
            i += 1
            for c in v.constraints:
                if not c.is_satisfied():
                    unsatisfied.append(c)
            determining = v.determined_by
            for c in v.constraints:
                if c is not determining and c.is_satisfied():
                    c.recalculate()
                    todo.append(c.output())
        return unsatisfied

    def consumers(self, var, into):
        determining = var.determined_by
        for c in var.constraints:
            if c is not determining and c.is_satisfied():
                into.append(c)

    def plan(self, constraints):
        """The constraints to execute, in order, to propagate the given inputs."""
        mark = self.new_mark()
        todo = [c for c in constraints if c.is_input() and c.is_satisfied()]
        plan = []
        i = 0
        while i < len(todo):
            c = todo[i]
            i += 1
            out = c.output()
            if out.mark != mark and c.inputs_known(mark):
                plan.append(c)
                out.mark = mark
                self.consumers(out, todo)
        return plan


def execute(plan):
    for c in plan:
        c.execute()


def chain(n):
    """A chain of n equalities, its first variable edited; the last value seen at its end."""
    planner = Planner()
    variables = [Variable("v%d" % i, 0) for i in range(n + 1)]
    for a, b in zip(variables, variables[1:]):
        EqualityConstraint(planner, a, b, REQUIRED)
    StayConstraint(planner, variables[-1], STRONG_DEFAULT)
    edit = EditConstraint(planner, variables[0], PREFERRED)
    plan = planner.plan([edit])
    seen = 0
    for value in range(100):
        variables[0].value = value
        execute(plan)
        seen += variables[-1].value
    edit.destroy()
    return seen


def change(planner, var, value):
    edit = EditConstraint(planner, var, PREFERRED)
    plan = planner.plan([edit])
    for _ in range(10):
        var.value = value
        execute(plan)
    edit.destroy()


def projection(n):
    """n destinations each a scaled source; sources, scale and offset edited in turn."""
    planner = Planner()
    scale = Variable("scale", 10)
    offset = Variable("offset", 1000)
    sources, dests = [], []
    for i in range(n):
        src, dst = Variable("src%d" % i, i), Variable("dst%d" % i, i)
        sources.append(src)
        dests.append(dst)
        StayConstraint(planner, src, NORMAL)
        ScaleConstraint(planner, src, scale, offset, dst, REQUIRED)
    change(planner, sources[-1], 17)
    check = [dests[-1].value]
    change(planner, dests[-1], 1050)
    check.append(sources[-1].value)
    change(planner, scale, 5)
    check.append(sum(d.value for d in dests))
    change(planner, offset, 2000)
    check.append(sum(d.value for d in dests))
    return check


results = []
for _ in range(60):
    results.append((chain(100), projection(100)))
print(results[0], len(results), all(r == results[0] for r in results))
