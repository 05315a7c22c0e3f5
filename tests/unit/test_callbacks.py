"""Callback data: small, versioned, and a forged or stale press is recognised, never trusted."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from bot.telegram.callbacks import MAX_BYTES, CallbackData, decode, encode, matches


def test_round_trip_keeps_action_and_arguments() -> None:
    data = encode("pick", "freelance-subcontractor", 123456789)
    assert decode(data) == CallbackData("pick", ("freelance-subcontractor", "123456789"))


def test_numbers_come_back_as_integers_when_asked() -> None:
    decoded = decode(encode("fb", 42, -1))
    assert decoded is not None
    assert (decoded.int_arg(0), decoded.int_arg(1), decoded.int_arg(2)) == (42, -1, None)


def test_encoding_refuses_data_over_64_bytes() -> None:
    with pytest.raises(ValueError, match="64"):
        encode("pick", "a" * 30, "b" * 30)


@pytest.mark.parametrize("argument", ["a|b", "é", "with space", "x" * 41, "line\n"])
def test_encoding_refuses_arguments_that_could_not_be_decoded(argument: str) -> None:
    with pytest.raises(ValueError, match="argument"):
        encode("pick", argument)


@pytest.mark.parametrize(
    "forged",
    [
        None,
        "",
        "pick|indicator-22",
        "0|pick|indicator-22",
        "2|pick|indicator-22",
        "1|",
        "1|PICK|x",
        "1|pick|<script>",
        "1|pick|indicator-22\n",
        "1|" + "a" * 70,
        "1|pick|" + "é" * 30,
    ],
)
def test_forged_stale_or_malformed_data_decodes_to_none(forged: str | None) -> None:
    assert decode(forged) is None


def test_a_handler_pattern_accepts_only_its_own_valid_action() -> None:
    is_pick = matches("pick")
    assert is_pick(encode("pick", "bpf"))
    assert not is_pick(encode("see", "bpf"))
    assert not is_pick("2|pick|bpf")
    assert not is_pick(None)


@given(st.text(max_size=100))
def test_decoding_any_text_never_raises(text: str) -> None:
    decoded = decode(text)
    if decoded is not None:
        assert len(text.encode()) <= MAX_BYTES
        assert encode(decoded.action, *decoded.args) == text
