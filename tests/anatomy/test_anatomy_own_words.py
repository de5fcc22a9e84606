"""The reference takes facts from the seed article but never its sentences: no run of 7 of the
article's words appears in the reference data or the anatomy templates. The article itself is
not in the project; its runs are, as hashes (tests/anatomy/data/seed_article_runs.txt), so this
runs everywhere. Where the article is present, test_anatomy_own_words_source.py also checks
that the hashes are current and that no sentence closely follows one of the article's."""

import pytest

from tests.anatomy.own_words import FINGERPRINT, copied_runs, our_texts


@pytest.fixture(scope="module")
def run_hashes():
    return set(FINGERPRINT.read_text().split())


def test_the_fingerprint_holds_the_articles_runs(run_hashes):
    assert len(run_hashes) > 1000


def test_no_run_of_the_articles_words_appears_in_the_reference(run_hashes):
    copied = [
        (where, found) for where, text in our_texts() if (found := copied_runs(text, run_hashes))
    ]
    assert copied == []


def test_the_check_finds_a_run_copied_from_the_article(run_hashes):
    # The review's example: the article's fluids sentence, which the data file once held.
    copied = "Drinking plenty of water and other fluids lowers the chance of a leg cramp."
    assert copied_runs(copied, run_hashes)
