"""Kennisbank: publications, podcasts and teaching material with Dutch full-text search."""
