import itertools

import pytest

from domain.applications.errors import TransitionError, UnknownStatus
from domain.applications.status import (
    STATUSES,
    allowed_transitions,
    check_transition,
)

# The graph of the issue, written out independently of the implementation.
STAFF_EDGES = {
    ("submitted", "accepted"),
    ("accepted", "in_review"),
    ("in_review", "needs_documents"),
    ("needs_documents", "in_review"),
    ("in_review", "approved"),
    ("in_review", "refused"),
    ("approved", "issued"),
}
APPLICANT_EDGES = {
    (s, "withdrawn") for s in ("submitted", "accepted", "in_review", "needs_documents")
}
ALL_PAIRS = list(itertools.product(STATUSES, STATUSES))


@pytest.mark.parametrize(("src", "dst"), ALL_PAIRS)
@pytest.mark.parametrize("actor", ["staff", "api", "applicant"])
def test_every_edge(src, dst, actor):
    allowed = APPLICANT_EDGES if actor == "applicant" else STAFF_EDGES
    if (src, dst) in allowed:
        check_transition(src, dst, actor)
        assert dst in allowed_transitions(src, actor)
    else:
        with pytest.raises(TransitionError) as info:
            check_transition(src, dst, actor)
        assert info.value.code == "forbidden_transition"
        assert info.value.http_status == 409
        assert info.value.params["from_status"] == src
        assert info.value.params["to_status"] == dst
        assert info.value.params["why"] in {
            "same_status",
            "not_in_graph",
            "final",
            "applicant_only",
            "staff_only",
        }
        assert dst not in allowed_transitions(src, actor)


def test_reasons_are_specific():
    def why(src, dst, actor="staff"):
        with pytest.raises(TransitionError) as info:
            check_transition(src, dst, actor)
        return info.value.params["why"]

    assert why("issued", "in_review") == "final"
    assert why("submitted", "approved") == "not_in_graph"
    assert why("in_review", "in_review") == "same_status"
    assert why("in_review", "withdrawn") == "applicant_only"
    assert why("in_review", "approved", "applicant") == "staff_only"
    assert why("approved", "withdrawn", "applicant") == "not_in_graph"


def test_unknown_status():
    with pytest.raises(UnknownStatus):
        check_transition("submitted", "lost", "staff")


def test_allowed_transitions_order_for_buttons():
    assert allowed_transitions("in_review") == ["needs_documents", "approved", "refused"]
    assert allowed_transitions("submitted", "applicant") == ["withdrawn"]
    assert allowed_transitions("issued") == []
