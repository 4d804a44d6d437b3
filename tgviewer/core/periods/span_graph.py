"""Records of one country and measure as a graph over quarter boundaries.

A record over quarters ``a..b`` with figure ``v`` says ``P(b + 1) - P(a) = v``, where
``P(k)`` is the (unknown) total of all quarters before quarter ``k``. So each record is an
edge between two boundary nodes, and:

* a span ``c..d`` is determined exactly when nodes ``c`` and ``d + 1`` are connected; its
  value is the signed sum of the figures along any path between them;
* a cycle whose signed figures do not sum to zero is a contradiction between records;
* every simple path between two nodes crosses the same biconnected blocks, and a block
  with one contradicting cycle gives different values along different paths through it.
  So a span is inconsistent exactly when its path crosses a block holding a contradiction.

Everything here is integer arithmetic; nothing is interpolated. Building the graph is
linear in its records (near enough: union-find, one depth-first search, one pass for the
conflicts); the path that shows a conflict is only walked when it is asked for
(:meth:`SpanGraph.conflict_path`), since records chained over thousands of quarters make
paths thousands of steps long.
"""

from __future__ import annotations

import heapq
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass

#: Cost of using a record backwards (subtracting it) when choosing a derivation: a sum of
#: parts reads better than a difference, and any number of additions beats one subtraction.
BACKWARD_COST = 1000


@dataclass(frozen=True)
class Edge:
    """One record as an edge: ``P(head) - P(tail) = value``."""

    id: int
    tail: int
    head: int
    value: int


@dataclass(frozen=True)
class Step:
    """An edge used along a path, forwards (``sign=1``) or backwards (``sign=-1``)."""

    edge: Edge
    sign: int


@dataclass(frozen=True)
class Conflict:
    """A record (``edge``) whose value disagrees with the other records by ``residual``.

    ``residual`` is the value of the path through the spanning forest between the edge's
    ends (:meth:`SpanGraph.conflict_path`) minus ``edge.value``.
    """

    edge: Edge
    residual: int


class SpanGraph:
    """The records of one country, measure and service, ready to answer spans.

    Parameters
    ----------
    edges
        The records, as edges. Their order decides ties between equally good derivations,
        so pass them in a stable order.
    """

    def __init__(self, edges: Iterable[Edge]) -> None:
        self.edges: tuple[Edge, ...] = tuple(edges)
        self._adjacent: dict[int, list[tuple[int, Edge, int]]] = defaultdict(list)
        for edge in self.edges:
            self._adjacent[edge.tail].append((edge.head, edge, 1))
            self._adjacent[edge.head].append((edge.tail, edge, -1))
        self._component: dict[int, int] = {}
        self._potential: dict[int, int] = {}
        self._tree_parent: dict[int, tuple[int, Step] | None] = {}
        self._depth: dict[int, int] = {}
        self._block_of: dict[int, int] = {}
        self._build_forest()
        self._find_blocks()
        self.conflicts: tuple[Conflict, ...] = tuple(self._find_conflicts())
        self._conflicts_by_block: dict[int, list[Conflict]] = defaultdict(list)
        for conflict in self.conflicts:
            self._conflicts_by_block[self._block_of[conflict.edge.id]].append(conflict)

    @property
    def nodes(self) -> list[int]:
        """Boundary nodes touched by at least one record, in order."""
        return sorted(self._adjacent)

    def connected(self, first: int, second: int) -> bool:
        """Whether the records determine ``P(second) - P(first)``."""
        component = self._component.get(first)
        return component is not None and component == self._component.get(second)

    def component_of(self, node: int) -> int:
        """An id shared by all nodes connected to ``node``."""
        return self._component[node]

    def potential_difference(self, first: int, second: int) -> int:
        """``P(second) - P(first)`` along the spanning forest (nodes must be connected)."""
        return self._potential[second] - self._potential[first]

    def component_nodes(self) -> dict[int, list[int]]:
        """Nodes of each connected component, in order."""
        groups: dict[int, list[int]] = defaultdict(list)
        for node in self.nodes:
            groups[self._component[node]].append(node)
        return dict(groups)

    # -- spanning forest and potentials ----------------------------------------------------

    def _build_forest(self) -> None:
        # Short records first, so that long totals end up outside the tree and a conflict
        # reads "the year says X, but its parts add up to Y".
        parent: dict[int, int] = {}

        def root(node: int) -> int:
            while parent.setdefault(node, node) != node:
                parent[node] = parent[parent[node]]
                node = parent[node]
            return node

        tree: dict[int, list[tuple[int, Edge, int]]] = defaultdict(list)
        self._tree_ids: set[int] = set()
        for edge in sorted(self.edges, key=lambda e: (e.head - e.tail, e.tail, e.id)):
            a, b = root(edge.tail), root(edge.head)
            if a != b:
                parent[a] = b
                self._tree_ids.add(edge.id)
                tree[edge.tail].append((edge.head, edge, 1))
                tree[edge.head].append((edge.tail, edge, -1))
        for start in self.nodes:
            if start in self._component:
                continue
            self._component[start] = start
            self._potential[start] = 0
            self._tree_parent[start] = None
            self._depth[start] = 0
            queue = [start]
            while queue:
                node = queue.pop()
                for other, edge, sign in tree[node]:
                    if other not in self._component:
                        self._component[other] = start
                        self._potential[other] = self._potential[node] + sign * edge.value
                        self._tree_parent[other] = (node, Step(edge, sign))
                        self._depth[other] = self._depth[node] + 1
                        queue.append(other)

    def tree_path(self, first: int, second: int) -> tuple[Step, ...]:
        """Steps from ``first`` to ``second`` along the spanning forest."""
        up_from_first: list[Step] = []
        up_from_second: list[Step] = []
        a, b = first, second
        while self._depth[a] > self._depth[b]:
            a = self._climb(a, up_from_first)
        while self._depth[b] > self._depth[a]:
            b = self._climb(b, up_from_second)
        while a != b:
            a = self._climb(a, up_from_first)
            b = self._climb(b, up_from_second)
        down = [Step(s.edge, -s.sign) for s in reversed(up_from_second)]
        return tuple(up_from_first) + tuple(down)

    def _climb(self, node: int, steps: list[Step]) -> int:
        link = self._tree_parent[node]
        assert link is not None, "climbed past the root of a tree"
        parent, step = link
        # Going from the child up to the parent walks the tree step backwards.
        steps.append(Step(step.edge, -step.sign))
        return parent

    def _find_conflicts(self) -> list[Conflict]:
        conflicts = []
        for edge in self.edges:
            if edge.id in self._tree_ids:
                continue
            along_tree = self.potential_difference(edge.tail, edge.head)
            if along_tree != edge.value:
                conflicts.append(Conflict(edge, along_tree - edge.value))
        return conflicts

    def conflict_path(self, conflict: Conflict) -> tuple[Step, ...]:
        """The other records' way between the ends of ``conflict``'s edge, along the forest."""
        return self.tree_path(conflict.edge.tail, conflict.edge.head)

    # -- biconnected blocks ------------------------------------------------------------------

    def _find_blocks(self) -> None:
        """Label each edge with its biconnected block (iterative Hopcroft–Tarjan)."""
        discovered: dict[int, int] = {}
        low: dict[int, int] = {}
        edge_stack: list[int] = []
        block = 0
        clock = 0
        for root in self.nodes:
            if root in discovered:
                continue
            discovered[root] = low[root] = clock
            clock += 1
            stack = [(root, -1, iter(self._adjacent[root]))]
            while stack:
                node, via, neighbours = stack[-1]
                descended = False
                for other, edge, _sign in neighbours:
                    if edge.id == via:
                        continue
                    if other not in discovered:
                        edge_stack.append(edge.id)
                        discovered[other] = low[other] = clock
                        clock += 1
                        stack.append((other, edge.id, iter(self._adjacent[other])))
                        descended = True
                        break
                    if discovered[other] < discovered[node]:
                        edge_stack.append(edge.id)
                        low[node] = min(low[node], discovered[other])
                if descended:
                    continue
                stack.pop()
                if not stack:
                    continue
                parent = stack[-1][0]
                low[parent] = min(low[parent], low[node])
                if low[node] >= discovered[parent]:
                    while True:
                        edge_id = edge_stack.pop()
                        self._block_of[edge_id] = block
                        if edge_id == via:
                            break
                    block += 1

    # -- answering spans ---------------------------------------------------------------------

    def best_path(self, first: int, second: int) -> tuple[Step, ...] | None:
        """The simplest derivation of ``P(second) - P(first)``, or ``None`` if undetermined.

        Simplest means fewest subtractions, then fewest records; ties go to the record that
        came first.
        """
        if not self.connected(first, second):
            return None
        best: dict[int, int] = {first: 0}
        came_from: dict[int, tuple[int, Step]] = {}
        counter = 0
        heap: list[tuple[int, int, int]] = [(0, counter, first)]
        while heap:
            cost, _, node = heapq.heappop(heap)
            if node == second:
                break
            if cost > best[node]:
                continue
            for other, edge, sign in self._adjacent[node]:
                step_cost = cost + (1 if sign > 0 else BACKWARD_COST)
                if step_cost < best.get(other, step_cost + 1):
                    best[other] = step_cost
                    came_from[other] = (node, Step(edge, sign))
                    counter += 1
                    heapq.heappush(heap, (step_cost, counter, other))
        steps: list[Step] = []
        node = second
        while node != first:
            node, step = came_from[node]
            steps.append(step)
        return tuple(reversed(steps))

    def conflicts_on(self, path: Iterable[Step]) -> list[Conflict]:
        """Conflicts in the blocks that ``path`` crosses: those that make its value ambiguous."""
        blocks = sorted({self._block_of[step.edge.id] for step in path})
        return [c for block in blocks for c in self._conflicts_by_block.get(block, [])]


def path_value(path: Iterable[Step]) -> int:
    """Signed sum of the figures along ``path``."""
    return sum(step.sign * step.edge.value for step in path)
