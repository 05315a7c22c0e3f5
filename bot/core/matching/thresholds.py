"""Decision thresholds of the matcher, on the 0-100 score scale.

Calibrated on bench/devset.tsv with ``bench/answer_quality.py --calibrate``, which prints the
score of the best candidate for in-scope questions whose best candidate is right, in-scope
questions whose best candidate is wrong, and out-of-scope questions. At calibration time
(85 entries, 390 questions none of which copies an example question): right ones above 45
for 95 % of them, out-of-scope ones below 41 for 95 % of them (below 36 for 90 %), wrong ones
spread from 30 to 78 (a margin rule catches the close calls). Once idioms were folded
(``synonyms.PHRASES``), the right ones stood above 48 for 95 % of them and the wrong ones
between 42 and 86: a 3-point margin answers more close calls without more wrong answers than
4 points (2 points gives more wrong answers). The decline line sits just
above the 95th percentile of the out-of-scope scores, the answer line just above it; both are
round numbers checked on the development set as a whole, never fitted to one question, and
never on bench/heldout.tsv.
"""

from __future__ import annotations

ANSWER_MIN = 44.0
"""Below this the best entry is never given as the answer."""
SURE_MIN = 90.0
"""From this score the best entry is the answer whatever the runner-up scores."""
MARGIN_MIN = 3.0
"""Between ANSWER_MIN and SURE_MIN, the lead needed over the best runner-up that is a real
alternative (its topics and the best entry's do not share a main topic); else "did you
mean"."""
SUGGEST_MIN = 43.0
"""Entries scoring at least this may be offered as "did you mean"; below, the bot declines."""
SUGGESTION_SPREAD = 20.0
"""A suggestion must score within this distance of the best entry."""
REFERENCE_SCORE = 95.0
"""Score of an entry named by its number ("indicateur 22"): the surest signal there is."""
SEARCH_MIN = 33.0
"""Inline search lists entries from this score: below, off-topic junk and stray words."""
MAX_SUGGESTIONS = 3
