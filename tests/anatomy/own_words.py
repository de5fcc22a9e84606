"""How the tests tell the project's own words from the seed article's: runs of words, sentence
likeness, and a fingerprint of the article's runs (hashes, no text) that is committed so the
check runs wherever the suite runs, with or without the article beside the project."""

import hashlib
import re
from difflib import SequenceMatcher
from pathlib import Path

from anatomy import reference

PROJECT = Path(__file__).resolve().parents[2]
SOURCE = PROJECT.parent / "shared" / "source" / "leg-muscles-source.txt"
FINGERPRINT = Path(__file__).resolve().parent / "data" / "seed_article_runs.txt"
TEMPLATES = PROJECT / "templates" / "anatomy"

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
        texts.append((str(path.relative_to(PROJECT)), template_text(path)))
    return texts


def run_hash(run):
    return hashlib.sha256(" ".join(run).encode()).hexdigest()[:16]


def fingerprint(article):
    """The article's runs of words as sorted hashes: enough to find a copied run, not to read
    the article back."""
    return sorted({run_hash(run) for run in runs(words(article))})


def copied_runs(text, run_hashes):
    return [" ".join(run) for run in runs(words(text)) if run_hash(run) in run_hashes]


if __name__ == "__main__":
    FINGERPRINT.write_text("\n".join(fingerprint(SOURCE.read_text())) + "\n")
