"""runner/compact.py: results keep their meaning, and equal values are held once."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from egov_audit.model import FileResult
from egov_audit.model.findings import DependencyRef
from egov_audit.runner.compact import Compactor

_IDS = st.sampled_from(["a", "b", "tax/return", "gas/permit", "x" * 40])
_PATHS = st.tuples(
    st.just("services"), st.integers(0, 300), st.just("depends_on"), st.integers(0, 300)
)
_RESULTS = st.builds(
    FileResult,
    path=st.sampled_from(["agencies/a.yaml", "agencies/b.yaml"]),
    findings=st.just(()),
    agency_id=st.one_of(st.none(), _IDS),
    service_ids=st.frozensets(_IDS),
    dependencies=st.lists(st.builds(DependencyRef, _IDS, _PATHS)).map(tuple),
)


def _copy(text: str) -> str:
    """An equal string that is not the same object (as one unpickled from a worker)."""
    return "".join(list(text))


@given(st.lists(_RESULTS, max_size=8))
def test_compacted_results_equal_the_originals(results: list[FileResult]) -> None:
    compactor = Compactor()
    assert [compactor.result(r) for r in results] == results


def test_equal_values_of_different_results_are_one_object() -> None:
    def result() -> FileResult:
        path = (_copy("services"), 1000, _copy("depends_on"), 2000)
        return FileResult(
            "agencies/a.yaml",
            (),
            service_ids=frozenset({_copy("return"), _copy("permit")}),
            dependencies=(DependencyRef(_copy("gas/permit"), path),),
        )

    first, second = result(), result()
    assert first.dependencies[0].target is not second.dependencies[0].target
    compactor = Compactor()
    one, two = compactor.result(first), compactor.result(second)
    assert one == first and two == second
    assert two.dependencies[0] is one.dependencies[0]
    assert {id(i) for i in one.service_ids} == {id(i) for i in two.service_ids}
    assert one.dependencies[0].at[0] is compactor.same(_copy("services"))
