"""Activity: exports read into one canonical frame, the business calendar, per-account metrics."""
