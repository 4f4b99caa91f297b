"""Beheerders manage their Werkplaats in the site: periods, partner organisations, settings."""
