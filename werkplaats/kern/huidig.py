"""The werkplaats a request or a job acts in, and the reads that keep to it.

One installation serves every Werkplaats Sociaal Domein. The host of a request names the
werkplaats (`WerkplaatsMiddleware`); a job names it through the record it works on
(`in_werkplaats`). While a werkplaats is active, every query on a model with a
`PerWerkplaatsManager` keeps to that werkplaats's rows.

The filter is added when the SQL is compiled, not when the queryset is made, so a queryset
built at import time (a form's choice list, a module constant) keeps to the werkplaats of
the request that runs it. `update()` and `delete()` are scoped the same way. With no
werkplaats active (the national portal, a management command, a job before it has named
its werkplaats) the models read across all werkplaatsen: code that runs there must say
explicitly what it may show.
"""

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models.sql import Query

_huidig: ContextVar = ContextVar("werkplaats", default=None)


def huidige_werkplaats():
    """The werkplaats this request or job acts in, or None (portal, command, system job)."""
    return _huidig.get()


def huidige_werkplaats_id() -> int | None:
    werkplaats = _huidig.get()
    return werkplaats.pk if werkplaats is not None else None


def werkplaats_activeer(werkplaats):
    """Make `werkplaats` current; returns the token for `werkplaats_herstel`."""
    return _huidig.set(werkplaats)


def werkplaats_herstel(token) -> None:
    _huidig.reset(token)


@contextmanager
def in_werkplaats(werkplaats):
    """Act in `werkplaats` (None: across all) for the duration of the block."""
    token = _huidig.set(werkplaats)
    try:
        yield werkplaats
    finally:
        _huidig.reset(token)


def _pad(model) -> str:
    return f"{getattr(model, 'WERKPLAATS_PAD', 'werkplaats')}_id"


def _filter(model, werkplaats_id: int) -> models.Q:
    """ "Of this werkplaats" for `model`: its own `werkplaats_filter(werkplaats_id)` when it
    has one (a team shared by several werkplaatsen), else its WERKPLAATS_PAD."""
    eigen = getattr(model, "werkplaats_filter", None)
    if eigen is not None:
        return eigen(werkplaats_id)
    return models.Q(**{_pad(model): werkplaats_id})


class WerkplaatsQuery(Query):
    """A query that adds "of the current werkplaats" when it is compiled."""

    _werkplaats_gefilterd = False

    def get_compiler(self, using=None, connection=None, elide_empty=True):
        werkplaats_id = huidige_werkplaats_id()
        if werkplaats_id is None or self._werkplaats_gefilterd or self.combinator:
            return super().get_compiler(using, connection, elide_empty)
        query = self.clone()
        query._werkplaats_gefilterd = True
        query.add_q(_filter(self.model, werkplaats_id))
        return Query.get_compiler(query, using, connection, elide_empty)


class PerWerkplaatsQuerySet(models.QuerySet):
    def __init__(self, model=None, query=None, using=None, hints=None):
        super().__init__(model, query or WerkplaatsQuery(model), using, hints)

    def _in_werkplaats(self):
        werkplaats_id = huidige_werkplaats_id()
        if werkplaats_id is None:
            return self
        return self.filter(_filter(self.model, werkplaats_id))

    # UpdateQuery and DeleteQuery replace the query's class, so these two filter first.
    def update(self, **kwargs):
        return super(PerWerkplaatsQuerySet, self._in_werkplaats()).update(**kwargs)

    update.alters_data = True

    def _update(self, values):
        return super(PerWerkplaatsQuerySet, self._in_werkplaats())._update(values)

    def delete(self):
        return super(PerWerkplaatsQuerySet, self._in_werkplaats()).delete()

    delete.alters_data = True
    delete.queryset_only = True


# The default manager of every model that belongs to one werkplaats. Its model names the way
# to its werkplaats in WERKPLAATS_PAD: "werkplaats" (the default) when it has the column
# itself, "kenniscafe__werkplaats" for a registration. A model with QuerySet methods of its
# own derives that QuerySet from PerWerkplaatsQuerySet instead.
PerWerkplaatsManager = models.Manager.from_queryset(PerWerkplaatsQuerySet)


def werkplaats_default():
    """Field default of `werkplaats`: the current one (a record is made where it is made)."""
    return huidige_werkplaats_id()


def werkplaats_veld():
    """The `werkplaats` column of a model that belongs to one werkplaats: set from the
    current werkplaats when a record is made, never edited through a form."""
    from django.utils.translation import gettext_lazy as _

    return models.ForeignKey(
        "kern.Werkplaats",
        verbose_name=_("werkplaats"),
        on_delete=models.PROTECT,
        default=werkplaats_default,
        editable=False,
        related_name="+",
    )


def _zonder_werkplaats(exclude):
    return set(exclude or ()) - {"werkplaats"}


class UniekPerWerkplaats:
    """Validation of the uniqueness rules that include `werkplaats` (a slug, a name).

    Forms never edit `werkplaats`, so Django would leave those rules to the database and
    answer a duplicate with an IntegrityError; this mixin checks them like any other rule,
    within the werkplaats the record belongs to, with the message of the other field."""

    def _get_unique_checks(self, exclude=None, include_meta_constraints=False):
        return super()._get_unique_checks(_zonder_werkplaats(exclude), include_meta_constraints)

    def validate_constraints(self, exclude=None):
        return super().validate_constraints(_zonder_werkplaats(exclude))

    def unique_error_message(self, model_class, unique_check):
        rest = tuple(veld for veld in unique_check if veld != "werkplaats")
        return super().unique_error_message(model_class, rest or unique_check)
