"""Split glued digit runs back into table cells, using the table's own identities.

Text extracted from web pages often loses the cell borders: the T3 row 「一、本年新收政府信息公开申请数量」
followed by 80|1|0|0|0|0|81 comes out as 「801000081」. Many cuts of such a run are possible; the table's
arithmetic (spec §4.3/§4.4: row total = sum of the applicant columns, 第一项+第二项 = 第三项+第四项,
（七）总计 = sum of the outcome leaves, each T4 group's 总计 = the sum of its four results) usually leaves
exactly one. When more than one cut survives, the most plausible is kept and the cells on which the
survivors disagree are reported as uncertain — the parser never guesses silently.

Every search is bounded (node, candidate and state limits) so a hostile input cannot make it slow.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable, Sequence
from dataclasses import dataclass

MAX_CELL_DIGITS = 9
NODE_LIMIT = 20_000
CANDIDATE_LIMIT = 64
STATE_LIMIT = 20_000
COMBINATION_LIMIT = 10_000

Cut = tuple[int, ...]
Check = Callable[[list[int]], bool]


def cuts(chunks: Sequence[str], cells: int, check: Check | None = None) -> list[Cut] | None:
    """Every way to cut the digit `chunks` into `cells` numbers, most plausible first.

    Each chunk (digits between visible separators) gives at least one cell; a cell has no leading zero
    unless it is "0". `check(parts)` is called after each cell and prunes the search when it fails.
    Returns None when the search was too large to finish (the caller must then treat the row as unreadable).
    """
    if cells <= 0 or not chunks or any(not c.isdigit() or not c.isascii() for c in chunks):
        return []
    total_digits = sum(len(c) for c in chunks)
    if total_digits < cells or len(chunks) > cells:
        return []
    found: list[Cut] = []
    nodes = 0
    aborted = False
    parts: list[int] = []

    def walk(ci: int, pos: int, digits_left: int) -> None:
        nonlocal nodes, aborted
        if aborted or len(found) >= CANDIDATE_LIMIT:
            return
        nodes += 1
        if nodes > NODE_LIMIT:
            aborted = True
            return
        if ci == len(chunks):
            if len(parts) == cells:
                found.append(tuple(parts))
            return
        chunk = chunks[ci]
        cells_left = cells - len(parts)
        if cells_left <= 0:
            return
        for length in range(1, min(MAX_CELL_DIGITS, len(chunk) - pos) + 1):
            piece = chunk[pos : pos + length]
            if length > 1 and piece[0] == "0":
                break
            end = pos + length
            rest_digits = digits_left - length
            rest_cells = cells_left - 1
            # Each chunk still to come needs a cell; the digits left must fill the cells left.
            chunks_after = len(chunks) - ci - (1 if end == len(chunk) else 0)
            if rest_cells < chunks_after or rest_digits < rest_cells:
                continue
            if rest_cells == 0 and rest_digits:
                continue
            parts.append(int(piece))
            if check is None or check(parts):
                if end == len(chunk):
                    walk(ci + 1, 0, rest_digits)
                else:
                    walk(ci, end, rest_digits)
            parts.pop()

    walk(0, 0, total_digits)
    if aborted:
        return None
    return sorted(found, key=plausibility)


def plausibility(cut: Cut) -> tuple[int, tuple[int, ...]]:
    """Sort key: balanced, short numbers first (few long numbers); ties prefer the earlier cell longer,
    because in these tables the first columns (自然人, 结果维持) carry most of the counts."""
    return sum(len(str(v)) ** 2 for v in cut), tuple(-len(str(v)) for v in cut)


def differing(cands: Sequence[Cut]) -> set[int]:
    """Positions on which the candidates disagree."""
    if len(cands) < 2:
        return set()
    return {i for i in range(len(cands[0])) if len({c[i] for c in cands}) > 1}


# -- T3 -------------------------------------------------------------------------------------------------


def t3_row_check(parts: list[int]) -> bool:
    """T3-001: a row's 总计 (7th cell) equals the sum of the six applicant columns."""
    return len(parts) < 7 or parts[6] == sum(parts[:6])


def t4_check(parts: list[int]) -> bool:
    """T4-001: each group's 总计 (every 5th cell) equals the sum of its four results."""
    n = len(parts)
    return n % 5 != 0 or parts[n - 1] == sum(parts[n - 5 : n - 1])


@dataclass
class Solution:
    values: dict[str, Cut]  # row id -> chosen cut
    uncertain: dict[str, set[int]]  # row id -> column positions that are not certain


SPECIAL = ("new_received", "carried_over", "total_processed", "carried_forward")


def solve_t3(
    fixed: dict[str, list[int | None]],
    glued: dict[str, list[str]],
    leaf_ids: Sequence[str],
    width: int = 7,
) -> Solution:
    """Choose a cut for every glued T3 row so that the table's identities hold (spec §4.3)."""
    chosen: dict[str, Cut] = {}
    uncertain: dict[str, set[int]] = {}
    cands: dict[str, list[Cut]] = {}
    for row_id, chunks in glued.items():
        found = cuts(chunks, width, t3_row_check)
        if not found:
            # No cut satisfies the row's own total (or the search was too large): keep the most plausible
            # unconstrained cut and mark the whole row uncertain.
            loose = cuts(chunks, width) or []
            if loose:
                chosen[row_id] = loose[0]
            uncertain[row_id] = set(range(width))
            continue
        cands[row_id] = found
    ambiguous = [r for r, c in cands.items() if len(c) > 1]
    for row_id, c in cands.items():
        chosen[row_id] = c[0]
    if not ambiguous:
        return Solution(chosen, uncertain)

    solutions = _t3_solutions(fixed, chosen, cands, ambiguous, leaf_ids, width)
    for row_id in ambiguous:
        if solutions:
            options = [s[row_id] for s in solutions]
            chosen[row_id] = options[0]
            diff = differing(options)
        else:
            diff = differing(cands[row_id])
        if diff:
            uncertain.setdefault(row_id, set()).update(diff)
    return Solution(chosen, uncertain)


def _t3_solutions(
    fixed: dict[str, list[int | None]],
    chosen: dict[str, Cut],
    cands: dict[str, list[Cut]],
    ambiguous: list[str],
    leaf_ids: Sequence[str],
    width: int,
) -> list[dict[str, Cut]]:
    """All consistent assignments of the ambiguous rows (bounded), the most plausible first."""
    present = set(fixed) | set(chosen)
    if not all(r in present for r in SPECIAL):
        return []

    def vec(row_id: str) -> tuple[int, ...]:
        if row_id in chosen:
            return chosen[row_id]
        return tuple(v or 0 for v in fixed.get(row_id, [0] * width))

    amb = set(ambiguous)
    amb_leaves = [r for r in leaf_ids if r in amb]
    amb_special = [r for r in SPECIAL if r in amb]
    if len(amb_leaves) + len(amb_special) != len(ambiguous):
        return []  # an ambiguous row outside the identities (should not happen)
    base = [0] * width
    for r in leaf_ids:
        if r in present and r not in amb:
            for i, v in enumerate(vec(r)):
                base[i] += v
    # Dynamic programme over the ambiguous leaves: sum vector -> a few assignments reaching it.
    states: dict[tuple[int, ...], list[tuple[int, ...]]] = {tuple(base): [()]}
    for r in amb_leaves:
        nxt: dict[tuple[int, ...], list[tuple[int, ...]]] = {}
        for total, assigns in states.items():
            for k, cand in enumerate(cands[r]):
                key = tuple(a + b for a, b in zip(total, cand, strict=True))
                bucket = nxt.setdefault(key, [])
                if len(bucket) < 8:
                    bucket.extend((*a, k) for a in assigns[: 8 - len(bucket)])
        if len(nxt) > STATE_LIMIT:
            return []
        states = nxt
    special_options = [list(enumerate(cands[r])) if r in amb else [(-1, vec(r))] for r in SPECIAL]
    solutions: list[dict[str, Cut]] = []
    for count, combo in enumerate(itertools.product(*special_options)):
        if count > COMBINATION_LIMIT or len(solutions) >= CANDIDATE_LIMIT:
            break
        new, carried, processed, forward = (c[1] for c in combo)
        # T3-002: 第一项 + 第二项 = 第三项 + 第四项, column by column.
        if any(new[i] + carried[i] != processed[i] + forward[i] for i in range(width)):
            continue
        # T3-003: （七）总计 = the sum of the outcome leaves.
        for assign in states.get(tuple(processed), []):
            solution = {r: cands[r][k] for r, k in zip(amb_leaves, assign, strict=True)}
            for r, (_, cut) in zip(SPECIAL, combo, strict=True):
                if r in amb:
                    solution[r] = cut
            solutions.append(solution)
    solutions.sort(key=lambda s: sum(plausibility(c)[0] for c in s.values()))
    return solutions


def solve_t4(chunks: list[str], width: int = 15) -> tuple[Cut | None, set[int]]:
    """Cut the T4 data row (spec §4.4, T4-001); return the cut and the uncertain positions."""
    found = cuts(chunks, width, t4_check)
    if not found:
        loose = cuts(chunks, width) or []
        return (loose[0] if loose else None), set(range(width))
    return found[0], differing(found)


def solve_plain(
    chunks: list[str], width: int, key: Callable[[Cut], tuple[int, tuple[int, ...]]] | None = None
) -> tuple[Cut | None, set[int]]:
    """Cut a row that has no identity (table 二): unique cuts are certain, otherwise mark disagreement."""
    found = cuts(chunks, width)
    if found is None:
        return None, set(range(width))
    if not found:
        return None, set(range(width))
    if key is not None:
        found = sorted(found, key=key)
    return found[0], differing(found)
