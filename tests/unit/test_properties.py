"""Property-based tests: whatever users or files throw at the bot, no exception escapes."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from bot.core.dates import DateError, parse_user_date
from bot.core.knowledge.loader import load_knowledge
from bot.telegram import callbacks

TODAY = date(2026, 11, 28)
REPO = Path(__file__).resolve().parents[2]


@given(st.text(max_size=300))
def test_any_typed_date_is_a_date_in_range_or_a_reason(text: str) -> None:
    result = parse_user_date(text, TODAY)
    if isinstance(result, DateError):
        assert result.reason in {"empty", "unrecognised", "impossible", "too_early", "too_far"}
    else:
        assert date(2019, 1, 1) <= result <= date(2027, 11, 28)


@given(st.dates(min_value=date(2019, 1, 1), max_value=date(2027, 11, 28)))
def test_every_reasonable_date_reads_back_in_each_format(value: date) -> None:
    for text in (value.strftime("%d/%m/%Y"), value.isoformat(), value.strftime("%B %d, %Y")):
        assert parse_user_date(text, TODAY) == value


@given(st.one_of(st.text(max_size=100), st.binary(max_size=80).map(lambda b: b.decode("latin-1"))))
def test_forged_callback_data_decodes_to_none_or_valid_data(data: str) -> None:
    decoded = callbacks.decode(data)
    if decoded is not None:
        assert callbacks.encode(decoded.action, *decoded.args) == data


@given(
    st.sampled_from(["ans", "fb", "crit", "ind", "ck"]),
    st.lists(st.from_regex(r"[a-z0-9-]{1,8}", fullmatch=True), max_size=4),
)
def test_encoded_callback_data_round_trips_within_64_bytes(action: str, args: list[str]) -> None:
    data = callbacks.encode(action, *args)
    assert len(data.encode()) <= 64
    assert callbacks.decode(data) == callbacks.CallbackData(action, tuple(args))


_KNOWLEDGE_FILES = sorted(
    p.relative_to(REPO / "knowledge") for p in (REPO / "knowledge").rglob("*.yaml")
)


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    target=st.sampled_from(_KNOWLEDGE_FILES),
    position=st.floats(min_value=0, max_value=1),
    garbage=st.text(max_size=40),
)
def test_a_corrupted_knowledge_file_is_reported_never_raised(
    tmp_path_factory, target: Path, position: float, garbage: str
) -> None:
    root = tmp_path_factory.mktemp("kb") / "knowledge"
    for path in _KNOWLEDGE_FILES:
        (root / path).parent.mkdir(parents=True, exist_ok=True)
        (root / path).write_bytes((REPO / "knowledge" / path).read_bytes())
    text = (root / target).read_text(encoding="utf-8")
    cut = int(len(text) * position)
    (root / target).write_text(text[:cut] + garbage + text[cut:], encoding="utf-8")
    result = load_knowledge(root)
    assert (result.base is None) == bool(result.problems)
    for problem in result.problems:
        assert problem.line >= 1
        assert problem.message
