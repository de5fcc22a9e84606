"""Small helpers every feature uses: the user's days, units, validators, URL converters,
the delete confirmation and the privacy filter. Nothing here imports a model."""
