"""Keep the search index current when data from other apps that it contains changes."""

from django.db import transaction


def werkteam_saved(sender, instance, created, **kwargs):
    """A renamed werkteam is part of its publications' search text: index them again."""
    if created:
        return
    from .services import zoekindex_update

    ids = list(instance.publicaties.values_list("id", flat=True))
    if ids:
        transaction.on_commit(lambda: zoekindex_update(ids))
