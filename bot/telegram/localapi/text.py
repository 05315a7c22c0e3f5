"""Message text as Telegram stores it: HTML parsed into plain text and entities.

Offsets and lengths are in UTF-16 code units, like the Bot API. Parsing follows Telegram's
rules (https://core.telegram.org/bots/api#html-style): only the documented tags, the
``&lt; &gt; &amp; &quot;`` named entities and numeric entities; the error descriptions are
Telegram's own. One deliberate difference: a bare ``&`` is rejected, where Telegram would
keep it as text, so that a handler forgetting to escape user text fails loudly in tests.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from bot.telegram.localapi.errors import ApiError, bad_request

ALLOWED_TAGS = frozenset(
    {"b", "strong", "i", "em", "u", "ins", "s", "strike", "del", "span", "tg-spoiler", "a"}
    | {"code", "pre", "blockquote"}
)
_SIMPLE_TYPES = {
    "b": "bold",
    "strong": "bold",
    "i": "italic",
    "em": "italic",
    "u": "underline",
    "ins": "underline",
    "s": "strikethrough",
    "strike": "strikethrough",
    "del": "strikethrough",
    "tg-spoiler": "spoiler",
    "span": "spoiler",
}
_HTML_ENTITY = re.compile(r"&(?:#([0-9]{1,7})|#[xX]([0-9a-fA-F]{1,6})|(lt|gt|amp|quot));")
_NAMED = {"lt": "<", "gt": ">", "amp": "&", "quot": '"'}
_UNQUOTED_VALUE = re.compile(r"[A-Za-z0-9.-]*")
_URL_SCHEME = re.compile(r"^(https?|tg|ton|mailto)://|^mailto:", re.IGNORECASE)
_BARE_DOMAIN = re.compile(r"^[A-Za-z0-9-]+(\.[A-Za-z0-9-]+)+(/\S*)?$")


def utf16_len(text: str) -> int:
    """Length of ``text`` in UTF-16 code units (the unit of entity offsets)."""
    return len(text.encode("utf-16-le")) // 2


@dataclass
class _OpenTag:
    name: str
    attributes: dict[str, str]
    start: int
    content_index: int


@dataclass
class _HtmlParser:
    source: str
    position: int = 0
    utf16: int = 0
    chunks: list[str] = field(default_factory=list)
    stack: list[_OpenTag] = field(default_factory=list)
    entities: list[dict[str, Any]] = field(default_factory=list)
    code_languages: dict[int, str] = field(default_factory=dict)

    def fail(self, message: str) -> ApiError:
        return bad_request(f"can't parse entities: {message}")

    def byte_offset(self, index: int) -> int:
        return len(self.source[:index].encode("utf-8"))

    def emit(self, text: str) -> None:
        self.chunks.append(text)
        self.utf16 += utf16_len(text)

    def run(self) -> tuple[str, list[dict[str, Any]]]:
        source = self.source
        while self.position < len(source):
            char = source[self.position]
            if char == "&":
                self.emit(self.read_html_entity(strict=True))
            elif char == "<":
                self.read_tag()
            else:
                self.emit(char)
                self.position += 1
        if self.stack:
            name = self.stack[-1].name
            raise self.fail(f'Can\'t find end tag corresponding to start tag "{name}"')
        self.entities.sort(key=lambda e: (e["offset"], -e["length"]))
        return "".join(self.chunks), self.entities

    def read_html_entity(self, *, strict: bool) -> str:
        match = _HTML_ENTITY.match(self.source, self.position)
        if match is None:
            if strict:
                offset = self.byte_offset(self.position)
                raise self.fail(f'Unescaped "&" at byte offset {offset}, use "&amp;"')
            self.position += 1
            return "&"
        self.position = match.end()
        decimal, hexadecimal, name = match.groups()
        if name:
            return _NAMED[name]
        code = int(decimal) if decimal else int(hexadecimal, 16)
        return chr(code) if 0 < code <= 0x10FFFF and not 0xD800 <= code <= 0xDFFF else ""

    def skip_spaces(self) -> None:
        while self.position < len(self.source) and self.source[self.position].isspace():
            self.position += 1

    def read_name(self) -> str:
        start = self.position
        source = self.source
        while (
            self.position < len(source)
            and not source[self.position].isspace()
            and source[self.position] != ">"
        ):
            self.position += 1
        return source[start : self.position].lower()

    def read_tag(self) -> None:
        tag_index = self.position
        self.position += 1
        if self.source.startswith("/", self.position):
            self.position += 1
            self.close_tag(tag_index)
            return
        name = self.read_name()
        offset = self.byte_offset(tag_index)
        if self.position >= len(self.source):
            raise self.fail(f"Unclosed start tag at byte offset {offset}")
        if name not in ALLOWED_TAGS:
            raise self.fail(f'Unsupported start tag "{name}" at byte offset {offset}')
        attributes = self.read_attributes(name, offset)
        if name == "span" and attributes.get("class") != "tg-spoiler":
            raise self.fail(f'Tag "span" must have class "tg-spoiler" at byte offset {offset}')
        self.stack.append(_OpenTag(name, attributes, self.utf16, self.position))

    def read_attributes(self, tag: str, offset: int) -> dict[str, str]:
        source = self.source
        attributes: dict[str, str] = {}
        while True:
            self.skip_spaces()
            if self.position >= len(source):
                raise self.fail(f'Unclosed start tag "{tag}" at byte offset {offset}')
            if source[self.position] == ">":
                self.position += 1
                return attributes
            start = self.position
            while self.position < len(source) and not (
                source[self.position].isspace() or source[self.position] in "=>/\"'"
            ):
                self.position += 1
            attribute = source[start : self.position].lower()
            if not attribute:
                raise self.fail(f'Empty attribute name in the tag "{tag}" at byte offset {offset}')
            self.skip_spaces()
            if self.position >= len(source) or source[self.position] != "=":
                attributes[attribute] = ""
                continue
            self.position += 1
            self.skip_spaces()
            attributes[attribute] = self.read_attribute_value(tag, offset)

    def read_attribute_value(self, tag: str, offset: int) -> str:
        source = self.source
        if self.position >= len(source):
            raise self.fail(f'Unclosed start tag "{tag}" at byte offset {offset}')
        quote = source[self.position]
        if quote not in "\"'":
            match = _UNQUOTED_VALUE.match(source, self.position)
            value = match.group(0) if match else ""
            self.position += len(value)
            if self.position < len(source) and not (
                source[self.position].isspace() or source[self.position] == ">"
            ):
                position = self.byte_offset(self.position)
                raise self.fail(f"Unexpected end of name token at byte offset {position}")
            return value.lower()
        self.position += 1
        value: list[str] = []
        while self.position < len(source) and source[self.position] != quote:
            if source[self.position] == "&":
                value.append(self.read_html_entity(strict=False))
            else:
                value.append(source[self.position])
                self.position += 1
        if self.position >= len(source):
            raise self.fail(f'Unclosed start tag "{tag}" at byte offset {offset}')
        self.position += 1
        return "".join(value)

    def close_tag(self, tag_index: int) -> None:
        name = self.read_name()
        offset = self.byte_offset(tag_index)
        self.skip_spaces()
        if self.position >= len(self.source) or self.source[self.position] != ">":
            raise self.fail(f"Unclosed end tag at byte offset {offset}")
        self.position += 1
        if not self.stack:
            raise self.fail(f"Unexpected end tag at byte offset {offset}")
        opened = self.stack.pop()
        if name and name != opened.name:
            raise self.fail(
                f'Unmatched end tag at byte offset {offset}, expected "</{opened.name}>", '
                f'found "</{name}>"'
            )
        length = self.utf16 - opened.start
        if length > 0:
            self.add_entity(opened, length, inner_end=tag_index)

    def add_entity(self, opened: _OpenTag, length: int, inner_end: int) -> None:
        base = {"offset": opened.start, "length": length}
        name = opened.name
        if name in _SIMPLE_TYPES:
            self.entities.append({"type": _SIMPLE_TYPES[name], **base})
        elif name == "a":
            inner = self.source[opened.content_index : inner_end]
            url = _normalize_url(opened.attributes.get("href") or inner)
            if url:
                self.entities.append({"type": "text_link", **base, "url": url})
        elif name == "code":
            language = opened.attributes.get("class", "")
            if language.startswith("language-") and len(language) > len("language-"):
                self.code_languages[len(self.entities)] = language.removeprefix("language-")
            self.entities.append({"type": "code", **base})
        elif name == "pre":
            self.add_pre(base)
        elif name == "blockquote":
            kind = "expandable_blockquote" if "expandable" in opened.attributes else "blockquote"
            self.entities.append({"type": kind, **base})

    def add_pre(self, base: dict[str, int]) -> None:
        for index in range(len(self.entities) - 1, -1, -1):
            entity = self.entities[index]
            same_range = entity["offset"] == base["offset"] and entity["length"] == base["length"]
            if entity["type"] == "code" and same_range:
                language = self.code_languages.pop(index, None)
                self.entities[index] = {"type": "pre", **base}
                if language:
                    self.entities[index]["language"] = language
                return
        self.entities.append({"type": "pre", **base})


def _normalize_url(url: str) -> str | None:
    url = url.strip()
    if _URL_SCHEME.match(url):
        return url
    if _BARE_DOMAIN.match(url):
        return f"http://{url}"
    return None


def parse_html(source: str) -> tuple[str, list[dict[str, Any]]]:
    """Plain text and entities of Telegram HTML; raises ApiError 400 like Telegram does."""
    return _HtmlParser(source).run()


def trim(text: str, entities: list[dict[str, Any]]) -> tuple[str, list[dict[str, Any]]]:
    """Strip leading and trailing whitespace as Telegram does, keeping entities aligned."""
    stripped_left = text.lstrip()
    shift = utf16_len(text) - utf16_len(stripped_left)
    result = stripped_left.rstrip()
    end = utf16_len(result)
    trimmed: list[dict[str, Any]] = []
    for entity in entities:
        start = max(entity["offset"] - shift, 0)
        stop = min(entity["offset"] + entity["length"] - shift, end)
        if stop > start:
            trimmed.append({**entity, "offset": start, "length": stop - start})
    return result, trimmed


def formatted_text(
    text: str | None, parse_mode: str | None, entities: list[dict[str, Any]] | None
) -> tuple[str, list[dict[str, Any]]]:
    """Text and entities of a message as Telegram stores them (``parse_mode`` or ``entities``)."""
    text = text or ""
    if parse_mode:
        mode = parse_mode.strip().lower()
        if mode == "html":
            return trim(*parse_html(text))
        if mode in ("markdown", "markdownv2"):
            raise bad_request("the local Bot API implements parse_mode HTML only")
        raise bad_request("unsupported parse_mode")
    return trim(text, [dict(e) for e in entities or [] if isinstance(e, dict)])
