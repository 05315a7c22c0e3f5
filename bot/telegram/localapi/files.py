"""Files the bot sends: uploads, reuse by ``file_id``, and photo checks."""

from __future__ import annotations

import mimetypes
import struct
from collections.abc import Mapping
from typing import TYPE_CHECKING

from bot.telegram.localapi.errors import bad_request
from bot.telegram.localapi.model import StoredFile
from bot.telegram.localapi.params import Params

if TYPE_CHECKING:
    from bot.telegram.localapi.api import LocalBotApi, Upload


def stored_file(
    api: LocalBotApi, kind: str, params: Params, files: Mapping[str, Upload]
) -> StoredFile:
    """The file of a ``sendDocument``/``sendPhoto`` call (upload, ``attach://`` or file_id)."""
    value = params.string(kind)
    upload = None
    if value and value.startswith("attach://"):
        upload = files.get(value.removeprefix("attach://"))
    elif not value:
        upload = files.get(kind)
    elif value in api.files:
        return api.files[value]
    elif value.startswith(("http://", "https://")):
        raise bad_request(
            "wrong file identifier/HTTP URL specified: the local API cannot fetch URLs"
        )
    else:
        raise bad_request("wrong file identifier/HTTP URL specified")
    if upload is None:
        raise bad_request(f"there is no {kind} in the request")
    if not upload.content:
        raise bad_request("file must be non-empty")
    width = height = 0
    if kind == "photo":
        size = image_size(upload.content)
        if size is None:
            raise bad_request("IMAGE_PROCESS_FAILED")
        width, height = size
    serial = api.next_serial()
    mime_type = upload.mime_type
    if kind == "document" and upload.filename and mime_type in (None, "application/octet-stream"):
        mime_type = mimetypes.guess_type(upload.filename)[0] or mime_type
    stored = StoredFile(
        file_id=f"{'AgAC' if kind == 'photo' else 'BQAC'}{api.bot.id}_{serial:06d}",
        file_unique_id=f"AQAD{serial:06d}",
        kind=kind,
        filename=upload.filename if kind == "document" else None,
        content=upload.content,
        mime_type=mime_type if kind == "document" else None,
        width=width,
        height=height,
    )
    api.files[stored.file_id] = stored
    return stored


def image_size(content: bytes) -> tuple[int, int] | None:
    """Width and height of a PNG, GIF or JPEG image; None when it is not one."""
    if content.startswith(b"\x89PNG\r\n\x1a\n") and len(content) >= 24:
        return struct.unpack(">II", content[16:24])
    if content[:6] in (b"GIF87a", b"GIF89a") and len(content) >= 10:
        return struct.unpack("<HH", content[6:10])
    if content.startswith(b"\xff\xd8"):
        return _jpeg_size(content)
    return None


def _jpeg_size(content: bytes) -> tuple[int, int] | None:
    index = 2
    while index + 9 < len(content):
        if content[index] != 0xFF:
            return None
        marker = content[index + 1]
        length = struct.unpack(">H", content[index + 2 : index + 4])[0]
        if marker in (0xC0, 0xC1, 0xC2, 0xC3, 0xC5, 0xC6, 0xC7, 0xC9, 0xCA, 0xCB, 0xCD, 0xCE):
            height, width = struct.unpack(">HH", content[index + 5 : index + 9])
            return width, height
        index += 2 + length
    return None
