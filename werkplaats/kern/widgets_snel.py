"""Django's own widget templates, written out in Python: the same HTML, a tenth of the work.

Rendering a form spent most of its time in the widget templates: every widget includes
attrs.html, every option of a select or radio list includes two or three more templates.
`render(template_name, context)` gives, character for character, what Django's
templates in django/forms/templates/django/forms/widgets/ give for the widgets we use
(tests/kern/test_widgets_snel.py compares the two for every widget of every form), or None
for anything unusual (another template, a value the templates would localise or call),
and the renderer then falls back to the template.
"""

from django.utils.functional import Promise
from django.utils.html import conditional_escape, escape
from django.utils.safestring import SafeData

MAP = "django/forms/widgets/"


class _Terug(Exception):
    """Something the template language would treat differently: use the template."""


def _tekst(waarde) -> str:
    """`{{ waarde }}` for the strings widgets carry."""
    if isinstance(waarde, str):
        return conditional_escape(waarde)
    if isinstance(waarde, Promise):
        return conditional_escape(str(waarde))
    raise _Terug


def _stringformat(waarde) -> str:
    """`{{ waarde|stringformat:'s' }}`."""
    if isinstance(waarde, tuple) or callable(waarde):
        raise _Terug
    tekst = str(waarde)  # "%s" % waarde for anything but a tuple
    return tekst if isinstance(waarde, SafeData) else escape(tekst)


def _attrs(attrs: dict) -> str:
    delen = []
    for naam, waarde in attrs.items():
        if waarde is False:
            continue
        if callable(waarde):
            raise _Terug
        delen.append(f" {_tekst(naam)}")
        if waarde is not True:
            delen.append(f'="{_stringformat(waarde)}"')
    return "".join(delen)


def _opzoeken(attrs: dict, sleutel: str):
    """`widget.attrs.<sleutel>`: a missing key renders as the empty string."""
    waarde = attrs.get(sleutel, "")
    if callable(waarde):
        raise _Terug
    return waarde


def _input(w) -> str:
    waarde = "" if w["value"] is None else f' value="{_stringformat(w["value"])}"'
    return f'<input type="{_tekst(w["type"])}" name="{_tekst(w["name"])}"{waarde}{_attrs(w["attrs"])}>\n'


def _input_option(w) -> str:
    if not w["wrap_label"]:
        return _input(w) + "\n"
    id_ = _opzoeken(w["attrs"], "id")
    voor = f' for="{_tekst(id_)}"' if id_ else ""
    return f"<label{voor}>{_input(w)} {_tekst(w['label'])}</label>\n"


def _select_option(w) -> str:
    return (
        f'<option value="{_stringformat(w["value"])}"{_attrs(w["attrs"])}>'
        f"{_tekst(w['label'])}</option>\n"
    )


def _select(w) -> str:
    delen = [f'<select name="{_tekst(w["name"])}"{_attrs(w["attrs"])}>']
    for groep, opties, _index in w["optgroups"]:
        if groep:
            delen.append(f'\n  <optgroup label="{_tekst(groep)}">')
        for optie in opties:
            delen.append("\n  " + _render(optie["template_name"], optie))
        if groep:
            delen.append("\n  </optgroup>")
    delen.append("\n</select>\n")
    return "".join(delen)


def _multiple_input(w) -> str:
    id_ = _opzoeken(w["attrs"], "id")
    klasse = _opzoeken(w["attrs"], "class")
    delen = ["<div"]
    if id_:
        delen.append(f' id="{_tekst(id_)}"')
    if klasse:
        delen.append(f' class="{_tekst(klasse)}"')
    delen.append(">")
    for groep, opties, _index in w["optgroups"]:
        if groep:
            delen.append(f"\n  <div><label>{_tekst(groep)}</label>")
        for optie in opties:
            delen.append("<div>\n    " + _render(optie["template_name"], optie) + "</div>")
        if groep:
            delen.append("\n  </div>")
    delen.append("\n</div>\n")
    return "".join(delen)


def _textarea(w) -> str:
    waarde = w["value"]
    inhoud = _tekst(waarde) if waarde else ""
    return f'<textarea name="{_tekst(w["name"])}"{_attrs(w["attrs"])}>\n{inhoud}</textarea>\n'


# Template name -> how to write it; the wrappers add the newline their file ends with.
_INPUTS = ("text", "email", "number", "url", "password", "hidden", "date", "tel", "search")
SCHRIJVERS = {
    MAP + "input.html": _input,
    MAP + "input_option.html": _input_option,
    MAP + "radio_option.html": lambda w: _input_option(w) + "\n",
    MAP + "checkbox_option.html": lambda w: _input_option(w) + "\n",
    MAP + "select_option.html": _select_option,
    MAP + "select.html": _select,
    MAP + "multiple_input.html": _multiple_input,
    MAP + "radio.html": lambda w: _multiple_input(w) + "\n",
    MAP + "checkbox_select.html": lambda w: _multiple_input(w) + "\n",
    MAP + "checkbox.html": lambda w: _input(w) + "\n",
    MAP + "textarea.html": _textarea,
    **{f"{MAP}{naam}.html": (lambda w: _input(w) + "\n") for naam in _INPUTS},
}


def _render(template_name: str, w) -> str:
    schrijver = SCHRIJVERS.get(template_name)
    if schrijver is None:
        raise _Terug
    return schrijver(w)


def render(template_name: str, context: dict) -> str | None:
    """The widget's HTML as Django's template writes it, or None to use the template."""
    if template_name not in SCHRIJVERS or set(context) != {"widget"}:
        return None
    try:
        return _render(template_name, context["widget"])
    except (_Terug, KeyError, TypeError, ValueError):
        return None
