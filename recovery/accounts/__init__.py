"""Accounts: sign-up, log-in, the profile, password reset (throttled), the health check, and the
user's data as a whole (export, import, deletion)."""
