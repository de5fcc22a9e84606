"""Treatments: the ice timer and the log of rest, ice, compression, elevation and other care."""
