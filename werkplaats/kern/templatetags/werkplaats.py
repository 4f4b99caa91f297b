"""Template helpers for accessible forms."""

from django import template

register = template.Library()


@register.simple_tag
def veld_widget(field):
    """Render a bound field's widget linked to its help text and errors via aria-describedby."""
    beschreven_door = []
    if field.help_text:
        beschreven_door.append(f"{field.auto_id}_helptext")
    if field.errors:
        beschreven_door.append(f"{field.auto_id}_fout")
    attrs = {}
    if beschreven_door:
        attrs["aria-describedby"] = " ".join(beschreven_door)
    if field.errors:
        attrs["aria-invalid"] = "true"
    return field.as_widget(attrs=attrs)
