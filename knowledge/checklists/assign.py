"""Optimal one-to-one assignment (Hungarian algorithm, O(n^3)) for small score matrices.

Used so that one item the applicant has never counts for two documents, and two items never
satisfy the same document, while the total match score is the highest possible.
"""

from __future__ import annotations

import math


def _hungarian_min(cost: list[list[float]]) -> list[int]:
    """Row -> column of a minimum-cost perfect assignment of a square matrix."""
    n = len(cost)
    inf = math.inf
    u = [0.0] * (n + 1)
    v = [0.0] * (n + 1)
    p = [0] * (n + 1)  # p[j]: row matched to column j (1-based), 0 = free
    way = [0] * (n + 1)
    for i in range(1, n + 1):
        p[0] = i
        j0 = 0
        minv = [inf] * (n + 1)
        used = [False] * (n + 1)
        while True:
            used[j0] = True
            i0 = p[j0]
            delta = inf
            j1 = 0
            for j in range(1, n + 1):
                if used[j]:
                    continue
                cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                if cur < minv[j]:
                    minv[j] = cur
                    way[j] = j0
                if minv[j] < delta:
                    delta = minv[j]
                    j1 = j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while True:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
            if j0 == 0:
                break
    result = [-1] * n
    for j in range(1, n + 1):
        if p[j]:
            result[p[j] - 1] = j - 1
    return result


def best_assignment(scores: list[list[float]], threshold: float) -> list[tuple[int, int]]:
    """Pairs (row, column) maximising the total score; pairs scoring below ``threshold`` are
    never made (their row or column stays unassigned)."""
    rows = len(scores)
    cols = len(scores[0]) if rows else 0
    if not rows or not cols:
        return []
    size = max(rows, cols)
    cost = [[0.0] * size for _ in range(size)]
    for i in range(rows):
        for j in range(cols):
            if scores[i][j] >= threshold:
                cost[i][j] = -scores[i][j]
    assignment = _hungarian_min(cost)
    return [
        (i, j)
        for i, j in enumerate(assignment)
        if i < rows and 0 <= j < cols and scores[i][j] >= threshold
    ]
