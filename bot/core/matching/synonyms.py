"""Words trainers use interchangeably, each group folded to its first word on both sides.

The glossary (knowledge/glossary.yaml) names the domain's acronyms and terms; these groups are
the everyday words around them: a trainer writes "intervenant", "vacataire" or "trainer" for
the same person, "plainte" or "réclamation" for the same event, "facultatif" when asking
whether something is "obligatoire". Every word is in folded form (lower case, no accents); a
plural with a final "s" is added automatically. Words that carry two meanings in the domain
("site": a website or premises; "structure": a body or a layout; "décrocher": to obtain or to
drop out; "difficulté": an incident or a learner who struggles; "issue": a problem or, in
French, the end of a course) and everyday words weighed as such
(``stopwords.GENERIC_WORDS``) are left out on purpose.
"""

from __future__ import annotations

_GROUPS = """
stagiaire apprenant participant beneficiaire learner trainee attendee student eleve
formateur formatrice intervenant intervenante vacataire animateur animatrice enseignant
    enseignante trainer instructor facilitator teacher
auditeur auditrice auditor
apprenti apprentie alternant alternante apprentice
salarie salariee employe employee personnel staff
entreprise employeur societe company companies employer firm
organisme prestataire provider centre center
financeur funder payeur
independant independante freelance freelancer microentrepreneur autoentrepreneur
obligatoire mandatory exige exigee exigent exiger exigence impose imposee requis requise
    obligation require requires requirement besoin facultatif facultative optionnel optionnelle
    optional necessaire necessary indispensable essential contraint contrainte forced
cout coute coutent prix tarif tarification budget cost price pricing
financement financer finance funding financing fund funded
payer paye paie paient pay paid paying
contrat contract
client clientele customer
delai echeance deadline
duree durer dure durent temps longtemps long duration length
mois month
expiration expirer expire expiree expired expiry perime perimee
validite valable valide valid validity
renouvellement renouveler renouvele renouvelle recertification renewal renew recertify
distance distanciel visio visioconference videoconference remote remotely
preuve justificatif justificative evidence proof
corriger corrige correction corrective correctif correct remedier fix lever lift
perdre perd perds perte lose losing loss lost
retrait retirer retire retiree withdraw withdrawal withdrawn revoke revoked
suspension suspendre suspendu suspendue suspend suspended
refus refuser refuse refusee refusal refused rejet rejected
changer changement switch transfert transferer transfer
choisir choix selectionner selection choose choice select pick
perimetre scope
extension etendre extend
etape parcours demarche procedure processus step process
verifier verification controle controler check checked control
couvrir couvre concerner concerne concernee cover covers concern
gerer gestion traiter traitement manage management
acquis connaissance knowledge
type typologie categorie category
obtenir obtention obtain obtaining
creation create created founded
nouveau nouvel nouvelle recent recente recemment new newly recently
initial initiale premier premiere first
seul seule alone solo
referent referente correspondant correspondante
mail email courriel
facture facturer facturation invoice invoicing bill billing
document papier paperasse piece record paperwork
outil tool
equipe team
conserver conserve conservee conservation archiver archivage retain retention
indicateur indicator
critere criterion criteria
certificat certificate
reclamation plainte plaindre plaint complaint complain grievance
insatisfaction insatisfait insatisfaite mecontent mecontente mecontentement dissatisfied
    dissatisfaction unhappy
probleme souci incident alea problem trouble
avis opinion retour feedback appreciation ressenti commentaire remarque
questionnaire enquete sondage survey
satisfaction satisfait satisfied
amelioration ameliorer improve improvement improving progresser
veille watch monitoring
legal legale legaux reglementaire reglementation juridique loi regulatory regulation law
handicap handicape handicapee disability disabilities disabled
accessibilite accessible accessibility
competence skill qualification
objectif objective goal
emploi metier job employment occupation
abandon abandonner decrochage dropout
positionnement placement
emargement emarger emargent attendance presence
programme program syllabus
locaux premises salle venue
declaration declarer declare declared
registre log logbook
internet web website online
publier publie publiee publication afficher affiche affichee affichage publish published
    display displayed
"""
"""One group per line (indented lines go on with the group above), its first word first."""


def _groups(text: str) -> tuple[tuple[str, ...], ...]:
    """The groups of ``text``: a line starts a group, an indented line goes on with it."""
    groups: list[list[str]] = []
    for line in text.splitlines():
        if line.startswith(" ") and groups:
            groups[-1].extend(line.split())
        elif line.strip():
            groups.append(line.split())
    return tuple(tuple(group) for group in groups)


SYNONYM_GROUPS = _groups(_GROUPS)


def _variants(word: str) -> tuple[str, ...]:
    """The word and its plural in "s" (nothing to add when it already ends in s or x)."""
    return (word,) if word.endswith(("s", "x")) else (word, word + "s")


SYNONYMS: dict[str, str] = {
    variant: group[0] for group in SYNONYM_GROUPS for word in group for variant in _variants(word)
}
"""Each folded word of a group (and its plural) -> the group's first word."""

_PHRASES = """
tenu de = obligatoire
tenue de = obligatoire
tenus de = obligatoire
tenues de = obligatoire
mi parcours = surveillance
arriver a echeance = expiration
arrive a echeance = expiration
arrivent a echeance = expiration
arrivera a echeance = expiration
prendre fin = expiration
prend fin = expiration
plus valable = expiration
plus valide = expiration
decrocher qualiopi = obtenir qualiopi
decrocher la certification = obtenir la certification
decrocher sa certification = obtenir sa certification
decrocher le certificat = obtenir le certificat
decrocher le label = obtenir le label
pas content = insatisfaction
pas contente = insatisfaction
pas satisfait = insatisfaction
pas satisfaite = insatisfaction
laisser tomber = abandon
laisse tomber = abandon
jeter la eponge = abandon
jete la eponge = abandon
jette la eponge = abandon
run out = expiration
runs out = expiration
ran out = expiration
running out = expiration
no longer valid = expiration
have to = mandatory
has to = mandatory
had to = mandatory
ought to = mandatory
drop out = abandon
drops out = abandon
dropped out = abandon
dropping out = abandon
not happy = dissatisfied
not satisfied = dissatisfied
go wrong = problem
goes wrong = problem
went wrong = problem
sign in sheet = attendance
"""
"""Idioms of several words, one a line: ``expression = what it means``, both folded. Each
stands for one meaning whatever the question ("run out" is "expire", "tenu de" is "obligé",
"mi-parcours" is the surveillance audit), while its words alone do not ("run", "out" and
"tenu" say nothing; "décrocher" alone may also mean to drop out, so only "décrocher" with
what is obtained is listed)."""


ELIDED = {"de": "d", "le": "l", "la": "l", "que": "qu", "je": "j", "ne": "n", "se": "s"}
"""French words written with an apostrophe before a vowel ("tenu d'être", "jeter l'éponge"):
``normalize.fold`` keeps the elided letter as a word, and each idiom matches either form."""


def _phrases(text: str) -> dict[tuple[str, ...], tuple[str, ...]]:
    """``expression = meaning`` lines as word tuples, each also in its elided forms."""
    pairs = (line.split("=") for line in text.splitlines() if line.strip())
    phrases: dict[tuple[str, ...], tuple[str, ...]] = {}
    for phrase, meaning in pairs:
        forms = [()]
        for word in phrase.split():
            spellings = dict.fromkeys((word, ELIDED.get(word, word)))
            forms = [(*form, spelling) for form in forms for spelling in spellings]
        phrases.update(dict.fromkeys(forms, tuple(meaning.split())))
    return phrases


PHRASES: dict[tuple[str, ...], tuple[str, ...]] = _phrases(_PHRASES)
"""Folded words of an idiom -> the folded words it stands for."""
