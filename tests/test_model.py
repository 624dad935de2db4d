"""The compact records the checks produce and the report reads."""

from __future__ import annotations

import pickle

from egov_audit.model import AgencyRef, MonthlyCounts


def test_monthly_counts_behave_like_a_sorted_tuple_of_pairs() -> None:
    counts = MonthlyCounts([((1399, 2), 20), ((1398, 12), 5), ((1399, 1), 10)])
    expected = (((1398, 12), 5), ((1399, 1), 10), ((1399, 2), 20))
    assert tuple(counts) == expected
    assert counts == expected and counts == list(expected)
    assert len(counts) == 3
    assert counts[0] == ((1398, 12), 5) and counts[-1] == ((1399, 2), 20)
    assert counts[1:] == list(expected[1:])
    assert hash(counts) == hash(expected)
    assert MonthlyCounts() == ()


def test_records_survive_pickling() -> None:
    counts = MonthlyCounts([((2020, 1), 7)])
    assert pickle.loads(pickle.dumps(counts)) == counts
    agency = AgencyRef("abfa", "Water", "آبفا")
    assert pickle.loads(pickle.dumps(agency)) == agency
