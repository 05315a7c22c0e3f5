"""Words that carry no meaning for matching, and spoken shorthands, in folded form."""

from __future__ import annotations

_FRENCH = """
a afin ai aie aient aies ait alors as au aucun aucune aupres aussi autre autres aux avait avec
avez avoir avons bah ben bien bon bonjour bonsoir c ca car ce ceci cela celle celles celui ces
cest cet cette ceux chez ci comme comment coucou d dans de des deja dire dis dit donc du elle
elles en encore es est estce et etc etais etait ete etes etre eu eux exactement faire fais
faisons fait faites genre hello il ils j jai je juste l la le les leur leurs lui m ma mais me
meme merci mes moi mon n ne ni nos notre nous on ont ou oui non par parce pas peu peut peuvent
peux plait plus pour pourquoi pouvoir pouvez pourrais puis puisje qu quel quelle quelles quels
quest questce quoi qui que quelqu quelque quelques chose choses s sa sais salut sans savoir se
sera serait ses si sinon soit sommes son sont stp suis sur svp t ta te tes toi ton tous tout
toute toutes tres truc tu un une unes uns va vais vers veux via voila voudrais vouloir vos
votre vous vrai vraiment y ya aimerais cad donne dites aujourd hui veut veulent voulez voulons
voudrait voudrais sera serai seras serons serez seront serait seraient etaient aura aurai auras
aurons aurez auront aurait auraient avais avait avaient eue eus jusqu lorsqu puisqu quoiqu
"""

_ENGLISH = """
about also am an and any anything are as at be been being but by can cannot could did do does
doesnt doing dont for from get gets got had has have having he her here hey hi him his how i if
im in into is isnt it its ive just know let me might more most my no not of ok okay on or our
out own please really she should so some such tell than thank thanks that the their them then
there these they this those to too up us very want was we were what whats which who whom why
will with would you your yours ve ll re don didn doesn isn aren won wouldn shouldn couldn
"""

FRENCH_STOP_WORDS: frozenset[str] = frozenset(_FRENCH.split())
ENGLISH_STOP_WORDS: frozenset[str] = frozenset(_ENGLISH.split())
STOP_WORDS: frozenset[str] = FRENCH_STOP_WORDS | ENGLISH_STOP_WORDS
"""Function words, fillers and greetings in French and English (accents folded)."""

SPOKEN_SHORTHANDS: dict[str, tuple[str, ...]] = {
    "qd": ("quand",),
    "cb": ("combien",),
    "cmb": ("combien",),
    "koi": ("quoi",),
    "kesako": ("quoi",),
    "ke": ("que",),
    "pk": ("pourquoi",),
    "pq": ("pourquoi",),
    "bcp": ("beaucoup",),
    "ds": ("dans",),
    "pr": ("pour",),
    "tt": ("tout",),
    "jsuis": ("je", "suis"),
    "chui": ("je", "suis"),
    "jdois": ("je", "dois"),
    "jpeux": ("je", "peux"),
    "certif": ("certification",),
    "certifs": ("certification",),
    "indic": ("indicateur",),
    "indics": ("indicateur",),
    "doc": ("document",),
    "docs": ("document",),
    "info": ("information",),
    "infos": ("information",),
    "pb": ("probleme",),
    "qqn": ("quelqu", "un"),
    "qqun": ("quelqu", "un"),
    "qqch": ("quelque", "chose"),
    "pbm": ("probleme",),
    "rdv": ("rendez", "vous"),
    "dispo": ("disponible",),
    "eval": ("evaluation",),
    "evals": ("evaluation",),
    "diag": ("diagnostic",),
    "orga": ("organisme",),
    "asso": ("association",),
    "faut": ("obligatoire",),
    "faudra": ("obligatoire",),
    "faudrait": ("obligatoire",),
    "dois": ("obligatoire",),
    "doit": ("obligatoire",),
    "doivent": ("obligatoire",),
    "devons": ("obligatoire",),
    "devez": ("obligatoire",),
    "oblige": ("obligatoire",),
    "obligee": ("obligatoire",),
    "obliges": ("obligatoire",),
    "obligatoirement": ("obligatoire",),
    "need": ("mandatory",),
    "needs": ("mandatory",),
    "must": ("mandatory",),
    "compulsory": ("mandatory",),
    "required": ("mandatory",),
    "pls": ("please",),
    "plz": ("please",),
    "thx": ("thanks",),
    "u": ("you",),
    "r": ("are",),
}
"""How trainers abbreviate on phones, spelt out before stop words are dropped."""

_GENERIC_FRENCH = """
aller allons vont venir viens vient viennent venu voir vois voit vu prendre prend prends pris
mettre met mets mis donner donne trouver trouve passer passe arriver arrive rester reste creer
cree montrer montre garder garde utiliser utilise commencer commence finir fini continuer aider
marche sembler semble penser pense croire crois parler parle tenir laisser chercher cherche
recevoir recu envoyer envoye ecrire lire appeler jamais toujours souvent parfois bientot tard
tot maintenant apres avant pendant depuis ensuite prochain prochaine dernier derniere grand
grande petit petite gros mauvais faux possible normal chose choses fois jour jours semaine
semaines moment gens rien trop assez seulement ici lors cas maniere facon quelqu quelquun autre
autres certain certaine plusieurs chaque concretement simplement uniquement seulement plein
place sert servir bref ok niveau mise partie point cote deux trois quatre cinq six sept huit
neuf dix franchement machin bidule tenu tenus tenue apporter apporte apportent parait
printemps automne hiver
"""

_GENERIC_ENGLISH = """
never ever always often sometimes already soon later now next last old big small good bad right
wrong true false thing things something anything someone anyone everyone nothing way day days
week weeks year years happen happens happened go goes going went come comes take takes took
make makes made give gives gave show shows keep keeps put see look find say said ask asked use
used start started still during while after before since until brand again back case example
lot kind sort actually maybe probably every each other another two three four five six seven
eight nine ten hold holds held handle handles deal gather best whole spring summer
autumn winter
"""

GENERIC_WORDS: frozenset[str] = frozenset((_GENERIC_FRENCH + _GENERIC_ENGLISH).split())
"""Everyday words that say little about the topic: they weigh little whether or not the base
uses them, so a situation told in plain words is not mistaken for an off-topic question."""
