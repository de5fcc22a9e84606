"""`make load`: simulated users on gunicorn and PostgreSQL (see run.sh)."""
