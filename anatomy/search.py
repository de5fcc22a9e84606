"""Finds leg muscles from what a person types: a name, a nickname, a misspelling, a group,
or a plain description of a movement ("point my toes").

Pure functions over muscles already loaded, so a search costs one query however it ranks.
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


def similar(a, b):
    return SequenceMatcher(None, a, b).ratio()


def _token_matches(query_token, candidate_tokens):
    if query_token in candidate_tokens:
        return 1.0
    if len(query_token) < 4:
        return 0.0
    best = max((similar(query_token, token) for token in candidate_tokens), default=0.0)
    return best if best >= 0.8 else 0.0


def match_score(query, candidate):
    """How well a query matches one text, from 0 (not at all) to 1 (exactly)."""
    q, c = normalise(query), normalise(candidate)
    if not q or not c:
        return 0.0
    q_tokens, c_tokens = tokens(q), tokens(c)
    if q == c or (q_tokens and q_tokens == c_tokens):
        return 1.0
    if c.startswith(q) and len(q) >= 3:
        return 0.9
    if len(q) >= 4 and re.search(r"\b" + re.escape(q), c):
        return 0.8
    if not q_tokens:
        return 0.0
    found = [_token_matches(token, c_tokens) for token in q_tokens]
    share = sum(found) / len(q_tokens)
    if share >= 0.99:
        return 0.7 if all(f == 1.0 for f in found) else 0.65 * min(found)
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


def search_muscles(query, muscles, minimum=18):
    """Muscles matching the query, best first; ties keep the reference order."""
    query = query.strip()[:200]
    if not normalise(query):
        return []
    results = []
    for muscle in muscles:
        best = None
        for kind, text in candidates(muscle):
            score = WEIGHTS[kind] * match_score(query, text)
            if score and (best is None or score > best.score):
                best = Result(muscle, score, text, kind)
        if best and best.score >= minimum:
            results.append(best)
    results.sort(key=lambda result: -result.score)
    return results
