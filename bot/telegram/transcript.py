"""The terminal chat's screen: bot messages printed readably, buttons numbered, files saved."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any, TextIO

from bot.core.localized import Localized
from bot.telegram.localapi import ApiEvent, StoredFile, StoredMessage
from bot.telegram.localapi.files import image_size
from bot.telegram.localapi.render import render

BOLD, RESET = "\x1b[1m", "\x1b[22m"
CHROME = {
    "you": Localized("vous", "you"),
    "edited": Localized("modifié", "edited"),
    "deleted": Localized("message supprimé", "message deleted"),
    "saved": Localized("fichier enregistré : {path}", "file saved: {path}"),
    "link": Localized("lien : {url}", "link: {url}"),
    "buttons_changed": Localized("boutons mis à jour", "buttons updated"),
    "buttons_removed": Localized("boutons retirés", "buttons removed"),
    "unsupported": Localized(
        "ce bouton ne fonctionne que dans Telegram", "this button only works in Telegram"
    ),
    "hint": Localized(
        "Écrivez votre message ; tapez le numéro d'un bouton pour l'actionner ; /quit pour sortir.",
        "Type your message; type a button's number to press it; /quit to leave.",
    ),
}
_UNSAFE_NAME = re.compile(r"[^A-Za-z0-9._-]+")


class Transcript:
    """Prints what happens in the local chat and remembers the buttons on screen."""

    def __init__(
        self, out: TextIO, lang: str, *, ansi: bool, files_dir: Path, bot_name: str
    ) -> None:
        self.out = out
        self.lang = lang
        self.ansi = ansi
        self.files_dir = files_dir
        self.bot_name = bot_name
        self.keyboard_message: StoredMessage | None = None
        self.chat_id: int | None = None
        self.prompt_shown = False

    def text(self, key: str, **values: object) -> str:
        """A chrome string in the chat language."""
        template = CHROME[key].get(self.lang)
        return template.format(**values) if values else template

    def write(self, line: str = "") -> None:
        """Print one line now (below the prompt if one is waiting)."""
        if self.prompt_shown:
            self.out.write("\n")
            self.prompt_shown = False
        self.out.write(line + "\n")
        self.out.flush()

    def prompt(self) -> None:
        """Show the input prompt (interactive terminals only)."""
        self.out.write(f"{self.text('you')} › ")
        self.out.flush()
        self.prompt_shown = True

    def input_received(self) -> None:
        """The user pressed Enter: the cursor is on a fresh line."""
        self.prompt_shown = False

    def hint(self) -> None:
        """Explain how to talk to the bot."""
        self.write(self.text("hint"))

    def user_line(self, text: str) -> None:
        """Echo what the user typed (when input comes from a pipe)."""
        self.write(f"{self.text('you')} › {text}")

    def note(self, text: str) -> None:
        """A remark from the terminal itself, indented."""
        self.write(f"  ({text})")

    def __call__(self, event: ApiEvent) -> None:
        message = event.message
        if message is not None and self.chat_id is not None and message.chat_id != self.chat_id:
            return
        if event.kind == "message" and message is not None:
            self.show(message, edited=False)
        elif event.kind == "edit" and message is not None:
            if message.history and message.history[-1].text == message.content:
                self.show_new_buttons(message)
            else:
                self.show(message, edited=True)
        elif event.kind == "delete" and message is not None:
            self.note(self.text("deleted"))
            if message is self.keyboard_message:
                self.keyboard_message = None
        elif event.kind == "callback_answer" and event.detail.text:
            mark = "⚠" if event.detail.show_alert else "ⓘ"
            self.write(f"  {mark} {event.detail.text}")

    def show(self, message: StoredMessage, *, edited: bool) -> None:
        """Print a bot message (again, after an edit) with its file and buttons."""
        name = f"{BOLD}{self.bot_name}{RESET}" if self.ansi else self.bot_name
        if edited:
            name += f" ({self.text('edited')})"
        body = render(message.content, message.entities, ansi=self.ansi)
        lines = body.split("\n") if body else [""]
        self.write(f"{name} › {lines[0]}")
        for line in lines[1:]:
            self.write(f"  {line}" if line else "")
        if message.file is not None and not edited:
            self.note(self.text("saved", path=self.save(message.message_id, message.file)))
        if message.buttons:
            self.keyboard_message = message
            self.show_buttons(message)
        elif message is self.keyboard_message:
            self.keyboard_message = None
        if message.reply_keyboard and "keyboard" in message.reply_keyboard:
            labels = [_label(b) for row in message.reply_keyboard["keyboard"] for b in row]
            self.write("  ⌨ " + " | ".join(labels))

    def show_new_buttons(self, message: StoredMessage) -> None:
        """After an edit of the keyboard alone: say so and show the new buttons."""
        self.note(self.text("buttons_changed" if message.buttons else "buttons_removed"))
        if message.buttons:
            self.keyboard_message = message
            self.show_buttons(message)
        elif message is self.keyboard_message:
            self.keyboard_message = None

    def show_buttons(self, message: StoredMessage) -> None:
        """Number the inline buttons, one keyboard row per line."""
        number = 1
        for row in message.reply_markup["inline_keyboard"] if message.reply_markup else []:
            cells = []
            for button in row:
                cells.append(f"[{number}] {button['text']}")
                number += 1
            self.write("  " + "   ".join(cells))

    def choice(self, line: str) -> dict[str, Any] | None:
        """The button meant by a typed number, if a keyboard is on screen."""
        message = self.keyboard_message
        if message is None or message.deleted or not line.isdigit():
            return None
        index = int(line) - 1
        buttons = message.buttons
        return buttons[index] if 0 <= index < len(buttons) else None

    def save(self, message_id: int, file: StoredFile) -> str:
        """Write a sent file under the files directory; the path to show."""
        name = file.filename or f"photo{_image_suffix(file.content)}"
        safe = _UNSAFE_NAME.sub("_", Path(name).name).strip("._") or "file"
        self.files_dir.mkdir(parents=True, exist_ok=True)
        path = self.files_dir / f"{message_id}-{safe}"
        path.write_bytes(file.content)
        try:
            return str(path.resolve().relative_to(Path.cwd()))
        except ValueError:
            return str(path)


def _label(button: Any) -> str:
    return button["text"] if isinstance(button, dict) else str(button)


def _image_suffix(content: bytes) -> str:
    if content.startswith(b"\x89PNG"):
        return ".png"
    if content[:3] == b"GIF":
        return ".gif"
    return ".jpg" if image_size(content) else ".bin"
