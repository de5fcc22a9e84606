"""Daily habits: drinks against a goal, leg cramps, and stretching with a guided hold timer."""
