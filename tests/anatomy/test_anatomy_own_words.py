"""The reference takes facts from the seed article but never its sentences: no run of the
article's words, and no sentence that closely follows one of its sentences, appears in the
reference data or the anatomy templates."""

import re
from difflib import SequenceMatcher

import pytest
from django.conf import settings

from anatomy import reference

SOURCE = settings.BASE_DIR.parent / "shared" / "source" / "leg-muscles-source.txt"
TEMPLATES = settings.BASE_DIR / "templates" / "anatomy"

RUN = 7  # this many of the article's words in a row is copying
SIMILAR = 0.75  # a sentence this close to one of the article's, word for word, is copying
SHORTEST = 6  # words; shorter sentences (headings, list items) are too generic to judge


def words(text):
    text = text.replace("\u2019", "'").replace("&#x27;", "'")
    return re.findall(r"[a-z0-9']+", text.lower())


def sentences(text):
    parts = re.split(r"(?<=[.!?:;])\s+|\n+|\u2022", text)
    return [part.strip() for part in parts if part.strip()]


def runs(word_list, length=RUN):
    return {tuple(word_list[i : i + length]) for i in range(len(word_list) - length + 1)}


def similarity(ours, theirs):
    return SequenceMatcher(None, ours, theirs, autojunk=False).ratio()


def data_texts(value, key=None):
    """Every sentence-bearing string in the data file, but not the names of the sources."""
    if key in {"sources", "short_sources"}:
        return
    if isinstance(value, str):
        yield value
    elif isinstance(value, list):
        for item in value:
            yield from data_texts(item)
    elif isinstance(value, dict):
        for name, item in value.items():
            yield from data_texts(item, name)


def template_text(path):
    """A template's words as a reader sees them: no tags or template code."""
    text = path.read_text()
    text = re.sub(r"{% comment %}.*?{% endcomment %}", " ", text, flags=re.S)
    text = re.sub(r"{[%{#].*?[%}#]}", " ", text, flags=re.S)
    return re.sub(r"<[^>]+>", "\n", text)


def our_texts():
    texts = [("reference.json", text) for text in data_texts(reference.read_data())]
    for path in sorted(TEMPLATES.rglob("*.html")):
        texts.append((str(path.relative_to(settings.BASE_DIR)), template_text(path)))
    return texts


@pytest.fixture(scope="module")
def source():
    if not SOURCE.exists():
        pytest.skip(f"the seed article is not at {SOURCE}")
    article = SOURCE.read_text()
    return {
        "runs": runs(words(article)),
        "sentences": [w for w in map(words, sentences(article)) if len(w) >= 4],
    }


def copied_runs(text, source):
    return [" ".join(run) for run in runs(words(text)) & source["runs"]]


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


def test_no_run_of_the_articles_words_appears_in_the_reference(source):
    copied = [(where, found) for where, text in our_texts() if (found := copied_runs(text, source))]
    assert copied == []


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
    assert copied_runs(near_copy, source) or close_sentences(near_copy, source)
