"""Plain-text replies for each outcome, in French and English (used by ``qualibot ask``)."""

from __future__ import annotations

from bot.core.localized import Localized
from bot.core.matching.result import (
    AMBIGUOUS,
    ANSWER,
    GREETING,
    NO_SUCH_NUMBER,
    THANKS,
    TOO_VAGUE,
    MatchResult,
)

HELP_SCOPE = Localized(
    fr=(
        "Je réponds aux questions sur Qualiopi : les 7 critères et 32 indicateurs, les audits "
        "(initial, surveillance, renouvellement), les non-conformités, les obligations des "
        "organismes de formation (BPF, NDA, règlement intérieur…) et les financements (OPCO, "
        "CPF). Essayez par exemple : « c'est quoi l'indicateur 22 ? » ou « quand a lieu "
        "l'audit de surveillance ? »"
    ),
    en=(
        "I answer questions about Qualiopi: the 7 criteria and 32 indicators, audits (initial, "
        "surveillance, renewal), non-conformities, training providers' obligations (BPF, NDA, "
        "internal rules…) and funding (OPCO, CPF). For example, try: “what is indicator 22?” "
        "or “when is the surveillance audit?”"
    ),
)
DECLINE_OFF_TOPIC = Localized(
    fr="Désolé, je ne sais pas répondre à cette question.",
    en="Sorry, I can't answer that question.",
)
DECLINE_TOO_VAGUE = Localized(
    fr="Pouvez-vous préciser votre question ?",
    en="Could you tell me a bit more about your question?",
)
DECLINE_NO_SUCH_NUMBER = Localized(
    fr="Le référentiel Qualiopi compte 7 critères (1 à 7) et 32 indicateurs (1 à 32).",
    en="The Qualiopi framework has 7 criteria (1 to 7) and 32 indicators (1 to 32).",
)
DID_YOU_MEAN = Localized(
    fr="Je ne suis pas sûr d'avoir compris. Vouliez-vous dire :",
    en="I'm not sure I understood. Did you mean:",
)
SEE_ALSO = Localized(fr="Voir aussi :", en="See also:")
GREETING_REPLY = Localized(
    fr="Bonjour ! Je suis Qualibot, votre assistant Qualiopi. Posez-moi votre question.",
    en="Hello! I'm Qualibot, your Qualiopi assistant. Ask me your question.",
)
THANKS_REPLY = Localized(
    fr="Avec plaisir ! N'hésitez pas si vous avez une autre question sur Qualiopi.",
    en="You're welcome! Ask me anything else about Qualiopi.",
)
_DECLINES = {TOO_VAGUE: DECLINE_TOO_VAGUE, NO_SUCH_NUMBER: DECLINE_NO_SUCH_NUMBER}


def reply_text(result: MatchResult, lang: str, *, see_also: bool = False) -> str:
    """The text to show for ``result`` in ``lang``; ``see_also`` lists the other candidates."""
    if result.outcome == ANSWER and result.entry is not None:
        text = result.entry.answer.get(lang).strip()
        if see_also and result.suggestions:
            titles = "\n".join(f"- {s.title.get(lang)}" for s in result.suggestions)
            text += f"\n\n{SEE_ALSO.get(lang)}\n{titles}"
        return text
    if result.outcome == AMBIGUOUS and result.suggestions:
        titles = "\n".join(f"- {s.title.get(lang)}" for s in result.suggestions)
        return f"{DID_YOU_MEAN.get(lang)}\n{titles}"
    if result.outcome == GREETING:
        return GREETING_REPLY.get(lang)
    if result.outcome == THANKS:
        return THANKS_REPLY.get(lang)
    opening = _DECLINES.get(result.reason, DECLINE_OFF_TOPIC)
    return f"{opening.get(lang)} {HELP_SCOPE.get(lang)}"
