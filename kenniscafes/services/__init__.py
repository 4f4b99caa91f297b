"""Writes for kenniscafés: registrations under a lock, waiting list, mail, reminders, retention.

Every entry point that counts places locks the Kenniscafe row first (pretix-style): one
short durable transaction, recount under the lock, a UniqueConstraint as backstop. Mail
is never sent here: it is queued in the outbox (werkplaats.kern) after commit.

The package follows the sections the module had: `aanmeldingen` (registration and the
waiting list), `mail` (mail to registrants), `organiseren` (a café's life), `herinneringen`
(rows with a due time and evaluations), `uitnodigingen` (mailing list and invitation runs)
and `bewaren` (retention and erasure). Callers import from `kenniscafes.services`.
"""

from ._basis import ACTIEF, AanmeldingFout
from .aanmeldingen import (
    AanmeldGegevens,
    InloopGegevens,
    aanmelding_attendance_set,
    aanmelding_cancel,
    aanmelding_create,
    aanmelding_forget,
    aanmelding_promote,
    aanmelding_walkin_create,
    deelname_voor,
    registratie_gesloten_reden,
)
from .bewaren import PERSOONSVELDEN, aanmeldingen_anonymise
from .herinneringen import evaluatie_create, herinneringen_sweep
from .mail import (
    MAIL_ICS,
    MAIL_TEMPLATES,
    _mail_queue,
    aanmelding_mail_queue,
    aanmeldingen_mail,
    kenniscafe_annulering_mail,
    kenniscafe_wijziging_mail,
)
from .organiseren import (
    AGENDA_VELDEN,
    KenniscafeGegevens,
    ProgrammaRegel,
    kenniscafe_cancel,
    kenniscafe_publish,
    kenniscafe_save,
)
from .uitnodigingen import (
    _uitnodiging_send,
    abonnee_confirm,
    abonnee_subscribe,
    email_unsubscribe,
    uitnodigingsronde_create,
    uitnodigingsronde_run,
)

__all__ = [
    "ACTIEF",
    "AGENDA_VELDEN",
    "MAIL_ICS",
    "MAIL_TEMPLATES",
    "PERSOONSVELDEN",
    "AanmeldGegevens",
    "AanmeldingFout",
    "InloopGegevens",
    "KenniscafeGegevens",
    "ProgrammaRegel",
    "_mail_queue",
    "_uitnodiging_send",
    "aanmelding_attendance_set",
    "aanmelding_cancel",
    "aanmelding_create",
    "aanmelding_forget",
    "aanmelding_mail_queue",
    "aanmelding_promote",
    "aanmelding_walkin_create",
    "aanmeldingen_anonymise",
    "aanmeldingen_mail",
    "abonnee_confirm",
    "abonnee_subscribe",
    "deelname_voor",
    "email_unsubscribe",
    "evaluatie_create",
    "herinneringen_sweep",
    "kenniscafe_annulering_mail",
    "kenniscafe_cancel",
    "kenniscafe_publish",
    "kenniscafe_save",
    "kenniscafe_wijziging_mail",
    "registratie_gesloten_reden",
    "uitnodigingsronde_create",
    "uitnodigingsronde_run",
]
