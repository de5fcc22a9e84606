"""The exercise half of recovery: a rehab programme per injury and its rules."""
