"""One way of rendering forms everywhere: error summary, field messages, (verplicht)/(optioneel)."""

import functools
from pathlib import Path

import django.forms
from django import forms
from django.contrib.auth.forms import AuthenticationForm, PasswordResetForm, SetPasswordForm
from django.forms.renderers import TemplatesSetting
from django.utils.translation import gettext_lazy as _

from . import widgets_snel
from .fouten import DomeinFout, eind_na_start_check, fout_op_formulier
from .services import bericht_queue


class WerkplaatsFormRenderer(TemplatesSetting):
    """Renders every form with templates/_partials/form.html and field.html.

    Django's own widget templates are written out in Python (kern.widgets_snel): the same
    HTML without a template include per attribute and per option, which made up most of
    a form's rendering time. A widget template that the project overrides keeps its
    template.
    """

    form_template_name = "_partials/form.html"
    field_template_name = "_partials/field.html"

    @functools.cached_property
    def _eigen_widget_templates(self) -> frozenset[str]:
        """Widget templates that resolve to Django's own file (none is overridden)."""
        django_map = str(Path(django.forms.__file__).resolve().parent / "templates")
        return frozenset(
            naam
            for naam in widgets_snel.SCHRIJVERS
            if str(Path(self.get_template(naam).origin.name).resolve()).startswith(django_map)
        )

    def render(self, template_name, context, request=None):
        if template_name in self._eigen_widget_templates:
            html = widgets_snel.render(template_name, context)
            if html is not None:
                return html.strip()  # as Django's renderer does with a template's output
        return super().render(template_name, context, request=request)


class VouwMixin:
    """A form whose optional extras sit folded in a <details> that works without JavaScript.

    `opgevouwen` names the folded fields, `onderaan` the fields after the fold (e.g. a
    consent just above the button). The fold opens by itself when one of its fields has a
    value or an error, so nothing typed or wrong is ever hidden.
    """

    template_name = "_partials/form_vouw.html"
    opgevouwen: tuple[str, ...] = ()
    onderaan: tuple[str, ...] = ()
    vouw_titel = _("More")
    vouw_hulp = ""

    def velden_vooraan(self):
        """The visible fields above the fold, in form order."""
        weg = (*self.opgevouwen, *self.onderaan)
        return [veld for veld in self.visible_fields() if veld.name not in weg]

    def velden_opgevouwen(self):
        return [self[naam] for naam in self.opgevouwen if naam in self.fields]

    def velden_onderaan(self):
        return [self[naam] for naam in self.onderaan if naam in self.fields]

    def vouw_open(self) -> bool:
        return any(veld.errors or veld.value() for veld in self.velden_opgevouwen())


class EindNaStartMixin:
    """A form with `start` and `eind` fields that reports an end before the start on `eind`."""

    # True where the end must come strictly after the start (times), False for dates.
    eind_na_start_strikt = False

    def clean(self):
        data = super().clean()
        try:
            eind_na_start_check(
                data.get("start"), data.get("eind"), strikt=self.eind_na_start_strikt
            )
        except DomeinFout as fout:
            fout_op_formulier(self, fout)
        return data


class LoginForm(AuthenticationForm):
    """Login with Dutch messages; the username is the e-mail address or user name."""

    username = forms.CharField(
        label=_("E-mail address or user name"),
        max_length=254,
        widget=forms.TextInput(attrs={"autocomplete": "username", "autofocus": True}),
    )
    error_messages = {
        "invalid_login": _(
            "This combination of user name and password is not known. Check both and try again."
        ),
        "inactive": _("This account is not active."),
    }


class WachtwoordResetForm(PasswordResetForm):
    """Ask for a password reset link; always answers the same (no account enumeration)."""

    def send_mail(
        self,
        subject_template_name,
        email_template_name,
        context,
        from_email,
        to_email,
        html_email_template_name=None,
    ):
        """Send through the outbox like every other mail (one row, idempotent, retried)."""
        bericht_queue(
            sleutel=f"wachtwoord-reset:{context['uid']}:{context['token']}",
            aan=to_email,
            template_prefix="registration/wachtwoord_reset",
            context={k: context[k] for k in ("uid", "token", "protocol", "domain")}
            | {"gebruiker_naam": context["user"].get_full_name() or context["user"].username},
        )


class NieuwWachtwoordForm(SetPasswordForm):
    """Choose a new password from a reset link."""
