# A Hexiom-like puzzle search: numbered tiles are to be placed on a hexagonal board so that
# every tile's number equals the count of tiles next to it. Puzzles are made from random
# layouts (a fixed linear congruential generator); a backtracking search with constraint
# checks counts every solution. Lists of lists, recursion, small-int arithmetic.
# The first HINTS cells of each puzzle are given (as Hexiom's locked tiles are).
HINTS = 0
UNDECIDED, EMPTY = -2, -1
DIRECTIONS = ((1, 0), (-1, 0), (0, 1), (0, -1), (1, -1), (-1, 1))


class Board:
    def __init__(self, radius):
        self.cells = [(q, r) for r in range(-radius, radius + 1)
                      for q in range(-radius, radius + 1) if abs(q + r) <= radius]
        where = {cell: i for i, cell in enumerate(self.cells)}
        self.neighbours = []
        for q, r in self.cells:
            near = [where[(q + dq, r + dr)] for dq, dr in DIRECTIONS if (q + dq, r + dr) in where]
            self.neighbours.append(near)

    def numbers(self, occupied):
        """What each cell holds in a layout: EMPTY, or its count of occupied neighbours."""
        return [sum(1 for j in near if j in occupied) if i in occupied else EMPTY
                for i, near in enumerate(self.neighbours)]


class Search:
    def __init__(self, board, layout, hints):
        self.board = board
        self.given = layout[:hints]
        self.left = [0] * 7
        self.empties = 0
        for t in layout[hints:]:
            if t == EMPTY:
                self.empties += 1
            else:
                self.left[t] += 1
        self.state = [UNDECIDED] * len(board.cells)
        self.solutions = 0
        self.nodes = 0

    def consistent(self, i):
        """Whether cell i and its neighbours can all still get their numbers."""
        state, neighbours = self.state, self.board.neighbours
        for c in [i] + neighbours[i]:
            want = state[c]
            if want < 0:
                continue
            have = open_ = 0
            for n in neighbours[c]:
                s = state[n]
                if s >= 0:
                    have += 1
                elif s == UNDECIDED:
                    open_ += 1
            if have > want or have + open_ < want:
                return False
        return True

    def solve(self, i):
        self.nodes += 1
        if i == len(self.state):
            self.solutions += 1
            return
        state, left = self.state, self.left
        if i < len(self.given):
            state[i] = self.given[i]
            if self.consistent(i):
                self.solve(i + 1)
            state[i] = UNDECIDED
            return
        if self.empties:
            self.empties -= 1
            state[i] = EMPTY
            if self.consistent(i):
                self.solve(i + 1)
            self.empties += 1
        for value in range(min(6, len(self.board.neighbours[i])) + 1):
            if left[value]:
                left[value] -= 1
                state[i] = value
                if self.consistent(i):
                    self.solve(i + 1)
                left[value] += 1
        state[i] = UNDECIDED


def puzzles(board, count, seed):
    n = len(board.cells)
    for _ in range(count):
        occupied = set()
        seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
        size = n // 2 + seed % 4
        while len(occupied) < size:
            seed = (seed * 1103515245 + 12345) & 0x7FFFFFFF
            occupied.add((seed >> 8) % n)
        yield board.numbers(occupied)


board = Board(2)
results = []
for layout in puzzles(board, 2, 2024):
    search = Search(board, layout, HINTS)
    search.solve(0)
    results.append((search.solutions, search.nodes))
print(results)
print(sum(s for s, _ in results), sum(n for _, n in results))
