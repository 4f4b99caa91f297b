"""Kenniscafé pages: public list, detail and registration; personal pages; organiser pages.

Views stay thin: forms validate, selectors read (and check permissions), services write.
One URL serves the full page and its HTMX fragment (django-template-partials).
The package follows the sections the module had: `publiek`, `persoonlijk` (pages behind a
personal link) and `organiseren`; urls.py imports them from here.
"""

from .inchecken import inchecken_tik_view, inchecken_view
from .organiseren import (
    aanmelding_attendance_view,
    aanmelding_export_view,
    aanmelding_list_view,
    aanmelding_promote_view,
    aanmelding_walkin_view,
    kenniscafe_cancel_view,
    kenniscafe_create_view,
    kenniscafe_publish_view,
    kenniscafe_update_view,
    organisator_list_view,
    presentielijst_view,
    uitnodiging_ronde_view,
    uitnodiging_view,
)
from .persoonlijk import (
    aanmelding_beheer_view,
    aanmelding_ics_view,
    abonnee_confirm_view,
    abonnee_view,
    afmelden_view,
    evaluatie_view,
)
from .publiek import (
    aangemeld_view,
    aanmelden_view,
    kenniscafe_archive_view,
    kenniscafe_detail_view,
    kenniscafe_feed_view,
    kenniscafe_ics_view,
    kenniscafe_list_view,
)

__all__ = [
    "aangemeld_view",
    "aanmelden_view",
    "aanmelding_attendance_view",
    "aanmelding_beheer_view",
    "aanmelding_export_view",
    "aanmelding_ics_view",
    "aanmelding_list_view",
    "aanmelding_promote_view",
    "aanmelding_walkin_view",
    "abonnee_confirm_view",
    "abonnee_view",
    "afmelden_view",
    "evaluatie_view",
    "inchecken_tik_view",
    "inchecken_view",
    "kenniscafe_archive_view",
    "kenniscafe_cancel_view",
    "kenniscafe_create_view",
    "kenniscafe_detail_view",
    "kenniscafe_feed_view",
    "kenniscafe_ics_view",
    "kenniscafe_list_view",
    "kenniscafe_publish_view",
    "kenniscafe_update_view",
    "organisator_list_view",
    "presentielijst_view",
    "uitnodiging_ronde_view",
    "uitnodiging_view",
]
