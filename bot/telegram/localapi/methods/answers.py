"""Answers to button presses and inline queries."""

from __future__ import annotations

from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from bot.telegram.localapi.errors import bad_request
from bot.telegram.localapi.markup import parse_reply_markup
from bot.telegram.localapi.model import CallbackAnswer, InlineAnswer
from bot.telegram.localapi.params import Params
from bot.telegram.localapi.text import formatted_text

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload

QUERY_EXPIRED = "query is too old and response timeout expired or query ID is invalid"
MAX_ALERT = 200
MAX_INLINE_RESULTS = 50
MAX_RESULT_ID_BYTES = 64


async def answer_callback_query(
    api: LocalBotApi, params: Params, files: Mapping[str, Upload]
) -> Any:
    """``answerCallbackQuery``: once per press; the notification text is at most 200 chars."""
    query = api.callback_queries.get(params.string("callback_query_id") or "")
    if query is None or query.answer is not None:
        raise bad_request(QUERY_EXPIRED)
    text = params.string("text")
    if text and len(text) > MAX_ALERT:
        raise bad_request("MESSAGE_TOO_LONG")
    query.answer = CallbackAnswer(
        query_id=query.id,
        text=text,
        show_alert=params.boolean("show_alert"),
        url=params.string("url"),
        cache_time=params.integer("cache_time", 0) or 0,
    )
    api.emit("callback_answer", query.message, query.answer)
    return True


def _check_result(result: Any, seen: set[str]) -> dict[str, Any]:
    if not isinstance(result, dict) or not result.get("type"):
        raise bad_request("can't parse inline query result JSON object")
    result_id = str(result.get("id") or "")
    if not result_id or len(result_id.encode("utf-8")) > MAX_RESULT_ID_BYTES:
        raise bad_request("RESULT_ID_INVALID")
    if result_id in seen:
        raise bad_request("RESULT_ID_DUPLICATE")
    seen.add(result_id)
    content = result.get("input_message_content")
    if result["type"] == "article":
        if not result.get("title"):
            raise bad_request("RESULT_TITLE_EMPTY")
        if not isinstance(content, dict) or not content.get("message_text"):
            raise bad_request("MESSAGE_EMPTY")
    if isinstance(content, dict) and "message_text" in content:
        text, _ = formatted_text(
            str(content["message_text"]), content.get("parse_mode"), content.get("entities")
        )
        if not text:
            raise bad_request("MESSAGE_EMPTY")
    parse_reply_markup(result.get("reply_markup"))
    return result


async def answer_inline_query(api: LocalBotApi, params: Params, files: Mapping[str, Upload]) -> Any:
    """``answerInlineQuery``: at most 50 results with unique ids, answered once."""
    query = api.inline_queries.get(params.string("inline_query_id") or "")
    if query is None or query.answer is not None:
        raise bad_request(QUERY_EXPIRED)
    results = params.json("results", "inline query results")
    if not isinstance(results, list):
        raise bad_request("can't parse inline query results JSON object")
    if len(results) > MAX_INLINE_RESULTS:
        raise bad_request("RESULTS_TOO_MUCH")
    seen: set[str] = set()
    checked = [_check_result(result, seen) for result in results]
    query.answer = InlineAnswer(
        query_id=query.id,
        results=checked,
        cache_time=params.integer("cache_time", 300) or 0,
        is_personal=params.boolean("is_personal"),
        next_offset=params.string("next_offset") or "",
    )
    api.emit("inline_answer", detail=query.answer)
    return True
