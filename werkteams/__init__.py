"""Werkteams: teams, members and hand-overs, meetings, learning outcomes, activities."""
