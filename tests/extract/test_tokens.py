"""Token memos stay bounded and keep giving the same answers."""
from __future__ import annotations

from kg.extract.tokens import _Memo


def test_a_memo_past_its_limit_starts_afresh_and_still_answers():
    calls: list[str] = []

    def upper(word: str) -> str:
        calls.append(word)
        return word.upper()

    memo = _Memo(upper, limit=2)
    assert list(map(memo.__getitem__, ["a", "b", "a"])) == ["A", "B", "A"]
    assert calls == ["a", "b"]  # "a" came from the memo
    assert memo["c"] == "C" and len(memo) == 1  # full: cleared before keeping "c"
    assert memo["a"] == "A" and calls == ["a", "b", "c", "a"]
