"""Checks that read the seed article itself, collected only where it is present (see
conftest.py): the committed fingerprint matches it, and no sentence of the reference closely
follows one of its sentences. To refresh the fingerprint after the article changes:
`.venv/bin/python -m tests.anatomy.own_words`."""

import pytest

from tests.anatomy.own_words import (
    FINGERPRINT,
    SHORTEST,
    SIMILAR,
    SOURCE,
    copied_runs,
    fingerprint,
    our_texts,
    sentences,
    similarity,
    words,
)


@pytest.fixture(scope="module")
def source():
    article = SOURCE.read_text()
    return {
        "article": article,
        "runs": set(fingerprint(article)),
        "sentences": [w for w in map(words, sentences(article)) if len(w) >= 4],
    }


def test_the_committed_fingerprint_is_the_articles(source):
    assert FINGERPRINT.read_text().split() == fingerprint(source["article"])


def close_sentences(text, source):
    found = []
    for sentence in sentences(text):
        ours = words(sentence)
        if len(ours) < SHORTEST:
            continue
        best = max(similarity(ours, theirs) for theirs in source["sentences"])
        if best >= SIMILAR:
            found.append(f"{best:.2f}: {sentence}")
    return found


def test_no_sentence_of_the_reference_closely_follows_one_of_the_articles(source):
    close = [
        (where, found) for where, text in our_texts() if (found := close_sentences(text, source))
    ]
    assert close == []


@pytest.mark.parametrize(
    "near_copy",
    [
        "Warm muscles are less likely to overstretch or tear.",
        "The pain can be sharp or dull.",
        "Drinking plenty of water and other fluids lowers the chance of a leg cramp.",
        "Gentle stretches can ease pain and tightness after a cramp or a pulled muscle.",
        "Severe weakness or trouble moving the lower leg",
    ],
)
def test_the_checks_catch_the_near_copies_the_review_found(source, near_copy):
    assert copied_runs(near_copy, source["runs"]) or close_sentences(near_copy, source)
