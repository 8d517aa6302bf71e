"""Widgets more than one tab shows (probability bars, …); no tab-specific knowledge here."""
