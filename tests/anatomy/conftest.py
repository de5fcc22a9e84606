from tests.anatomy.own_words import SOURCE

# The checks that read the seed article itself run only where it is (beside the project, in
# ../shared); the hashed-run check in test_anatomy_own_words.py runs everywhere.
collect_ignore = [] if SOURCE.exists() else ["test_anatomy_own_words_source.py"]
