"""The words of the chart and the report, in French and English."""

from __future__ import annotations

from bot.core.localized import Localized

LABELS: dict[str, Localized] = {
    "report": Localized("Rapport de checklist", "Checklist report"),
    "organisation": Localized("Organisme", "Organisation"),
    "no_organisation": Localized(
        "non renseigné (ajoutez-le avec /profile)", "not given (add it with /profile)"
    ),
    "date": Localized("Date", "Date"),
    "overall": Localized("Préparation globale : {value}", "Overall readiness: {value}"),
    "answered": Localized(
        "{answered} réponses sur {total} questions", "{answered} of {total} questions answered"
    ),
    "left_out": Localized(
        "{count} question(s) ne concernent pas votre profil et ont été écartées.",
        "{count} question(s) do not apply to your profile and were left out.",
    ),
    "summary": Localized("Synthèse par partie", "Summary by part"),
    "part": Localized("Partie", "Part"),
    "readiness": Localized("Préparation", "Readiness"),
    "chart_axis": Localized("Préparation (%)", "Readiness (%)"),
    "gaps": Localized("Écarts à traiter", "Gaps to work on"),
    "no_gaps": Localized("Aucun écart déclaré.", "No gap reported."),
    "not_assessed": Localized("Pas encore évalué", "Not assessed yet"),
    "answers": Localized("Toutes les réponses", "All answers"),
    "answer_value": Localized("Réponse : {value}", "Answer: {value}"),
    "note": Localized("Note", "Note"),
    "todo": Localized("À faire", "What to do"),
    "expected_level": Localized("Niveau attendu", "Expected level"),
    "open": Localized("À évaluer", "To assess"),
    "evidence": Localized("Preuves attendues", "Evidence expected"),
    "not_applicable_short": Localized("n/a", "n/a"),
    "disclaimer": Localized(
        "Auto-évaluation déclarative préparée avec Qualibot : elle ne remplace pas l'audit.",
        "Self-declared assessment prepared with Qualibot: it does not replace the audit.",
    ),
}
VALUES: dict[str, Localized] = {
    "yes": Localized("Oui", "Yes"),
    "partly": Localized("En partie", "Partly"),
    "no": Localized("Non", "No"),
    "na": Localized("Sans objet", "Not applicable"),
    "skip": Localized("Passée", "Skipped"),
    "unanswered": Localized("Sans réponse", "Not answered"),
}


def label(key: str, lang: str, **values: object) -> str:
    """The label ``key`` in ``lang`` with its placeholders filled."""
    text = LABELS[key].get(lang)
    return text.format(**values) if values else text


def value_label(value: str | None, lang: str) -> str:
    """How an answer value reads (None: not answered)."""
    return VALUES.get(value or "unanswered", VALUES["unanswered"]).get(lang)
