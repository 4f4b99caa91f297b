"""Werkplaats: platform for a regional Werkplaats Sociaal Domein."""

from .celery import app as celery_app

__all__ = ("celery_app",)
