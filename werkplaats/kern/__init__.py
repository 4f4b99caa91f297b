"""Ground floor: organisations, periods, site settings, users and outgoing mail.

Every app may import this package; it imports no app.
"""
