"""Finds leg muscles from what a person types: a name, a nickname, a misspelling, a group,
or a plain description of a movement ("point my toes").

Pure functions over muscles already loaded, so a search costs one query however it ranks.
Every text is normalised once (`prepare`); `index` does it for a list of muscles, so that a
process can keep one index per version of the reference data and a search only prepares the
query.
"""

import re
from dataclasses import dataclass
from difflib import SequenceMatcher

STOPWORDS = {
    "a", "an", "and", "at", "do", "for", "how", "i", "in", "is", "it", "me", "muscle",
    "muscles", "my", "of", "on", "the", "to", "up", "what", "which", "with", "your", "you",
}  # fmt: skip

# How much a match on each kind of text counts; the exact name always ranks first.
WEIGHTS = {
    "name": 100,
    "other name": 70,
    "search term": 60,
    "group": 50,
    "everyday action": 45,
    "action": 30,
}


@dataclass
class Result:
    muscle: object
    score: float
    matched: str  # the text that matched, to show why the muscle is listed
    kind: str


def normalise(text):
    return " ".join(re.sub(r"[^a-z0-9]+", " ", text.lower()).split())


def stem(word):
    """A crude English stem, enough for plurals and verb forms people type."""
    if len(word) <= 3 or word.endswith(("us", "is", "ss")):
        return word
    for suffix, replacement in (("ves", "f"), ("ies", "y"), ("s", "")):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)] + replacement
    return word


def tokens(text):
    return [stem(word) for word in normalise(text).split() if word not in STOPWORDS]


CLOSE_ENOUGH = 0.8  # a misspelt word counts when it is this similar to a word of the text


def _token_matches(query_token, candidate_tokens, memo):
    if query_token in candidate_tokens:
        return 1.0
    if len(query_token) < 4:
        return 0.0
    best = 0.0
    for token in candidate_tokens:
        pair = (query_token, token)
        if pair not in memo:
            memo[pair] = _similarity(query_token, token)
        best = max(best, memo[pair])
    return best


def _similarity(query_token, token):
    """How alike two words are, if alike enough to count as a misspelling, else 0."""
    # The ratio is at most 2 * the shorter length / both lengths: most words are ruled out
    # by their lengths, most others by the matcher's quick upper bound.
    short, total = min(len(query_token), len(token)), len(query_token) + len(token)
    if 2 * short < CLOSE_ENOUGH * total:
        return 0.0
    matcher = SequenceMatcher(None, query_token, token)
    if matcher.quick_ratio() < CLOSE_ENOUGH:
        return 0.0
    ratio = matcher.ratio()
    return ratio if ratio >= CLOSE_ENOUGH else 0.0


@dataclass(frozen=True)
class Prepared:
    """A text as the search compares it: normalised, and its stemmed words."""

    text: str
    tokens: list[str]


def prepare(text):
    normalised = normalise(text)
    return Prepared(normalised, tokens(normalised))


def match_score(query, candidate):
    """How well a query matches one text, from 0 (not at all) to 1 (exactly)."""
    return prepared_score(prepare(query), prepare(candidate), {})


def prepared_score(query, candidate, memo):
    """`match_score` of a prepared query and text; `memo` keeps word similarities for the
    next text of the same search."""
    q, c = query.text, candidate.text
    if not q or not c:
        return 0.0
    q_tokens, c_tokens = query.tokens, candidate.tokens
    if q == c or (q_tokens and q_tokens == c_tokens):
        return 1.0
    if c.startswith(q) and len(q) >= 3:
        return 0.9
    if len(q) >= 4 and re.search(r"\b" + re.escape(q), c):
        return 0.8
    if not q_tokens:
        return 0.0
    found = [_token_matches(token, c_tokens, memo) for token in q_tokens]
    if all(found):  # every word is in the text, some perhaps misspelt
        return 0.7 if all(f == 1.0 for f in found) else 0.65 * min(found)
    share = sum(found) / len(q_tokens)
    if share >= 0.5 and len(q_tokens) >= 2:
        return 0.4 * share
    return 0.0


def candidates(muscle):
    """Every text a muscle can be found by, with its kind."""
    yield "name", muscle.name
    for name in muscle.other_names:
        yield "other name", name
    for term in muscle.search_terms:
        yield "search term", term
    if muscle.group:
        yield "group", muscle.group.name
        for name in muscle.group.other_names:
            yield "group", name
    for action in muscle.everyday_actions:
        yield "everyday action", action
    for action in muscle.actions:
        yield "action", action


def index(muscles):
    """[(muscle, [(kind, text, prepared text)])]: what a search goes through."""
    return [
        (muscle, [(kind, text, prepare(text)) for kind, text in candidates(muscle)])
        for muscle in muscles
    ]


def search_muscles(query, muscles, minimum=18):
    """Muscles matching the query, best first; ties keep the reference order."""
    return search_index(query, index(muscles), minimum)


def search_index(query, muscle_index, minimum=18):
    """`search_muscles` over an `index` of the muscles."""
    query = prepare(query.strip()[:200])
    if not query.text:
        return []
    results, memo = [], {}
    for muscle, texts in muscle_index:
        best = None
        for kind, text, prepared in texts:
            score = WEIGHTS[kind] * prepared_score(query, prepared, memo)
            if score and (best is None or score > best.score):
                best = Result(muscle, score, text, kind)
        if best and best.score >= minimum:
            results.append(best)
    results.sort(key=lambda result: -result.score)
    return results
