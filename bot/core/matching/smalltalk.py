"""Greetings and thanks: a friendly reply instead of a decline."""

from __future__ import annotations

from bot.core.matching.normalize import words
from bot.core.matching.result import GREETING, THANKS

_GREETING_WORDS = """
bonjour bonsoir salut coucou hello hi hey hola yo bjr slt cc re morning evening afternoon
greetings va
"""
_THANKS_WORDS = """
merci thanks thank thx ty mrc cool super parfait genial top great perfect nickel bye revoir
ciao ok okay daccord journee soiree
"""
_FILLER_WORDS = """
a beaucoup bien bon bonne c ca est vous toi tout le monde good so much very lot lots you all
everyone qualibot bot accord d oui yes comment how are is it de la les mille encore again au
and et pour ta ton votre reponse aide info infos for your the help answer reply this that
l j m n s t qu
"""
_GREETINGS = frozenset(_GREETING_WORDS.split())
_THANKS = frozenset(_THANKS_WORDS.split())
_FILLERS = frozenset(_FILLER_WORDS.split())
_GREETING_EMOJI = frozenset("👋🙋")
_THANKS_EMOJI = frozenset("👍🙏🙌👌😊🙂")


def small_talk(text: str) -> str | None:
    """``GREETING`` or ``THANKS`` (the outcomes) when the text is only that, else None.

    "bonjour" is a greeting; "bonjour, c'est quoi le BPF ?" is a question.
    """
    folded = words(text)
    kinds = {GREETING for word in folded if word in _GREETINGS}
    kinds |= {THANKS for word in folded if word in _THANKS}
    if not folded:
        emoji = {char for char in text if not char.isspace()}
        if emoji and emoji <= _THANKS_EMOJI:
            return THANKS
        if emoji and emoji <= _GREETING_EMOJI | _THANKS_EMOJI:
            return GREETING
        return None
    if any(word not in _GREETINGS | _THANKS | _FILLERS for word in folded):
        return None
    if {"how", "are", "you"} <= set(folded):
        kinds.add(GREETING)
    if not kinds:
        return None
    return THANKS if THANKS in kinds else GREETING
