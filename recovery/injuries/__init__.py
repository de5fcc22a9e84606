"""The injury log: injuries, how they feel (symptom entries), what the user did about the advice,
and the rules and facts that advice comes from."""
