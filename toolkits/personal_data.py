"""The toolkit's part of a person's data (Ley 19.628): the uses of methods they recorded."""

from .models import MethodUse


def export_method_uses(user):
    """Listed in ``settings.PERSONAL_DATA_EXPORTERS``."""
    uses = MethodUse.objects.filter(user=user).select_related("method", "municipality").order_by("used_on", "pk")
    return {
        "toolkit_method_uses": [
            {
                "method": use.method.title,
                "used_on": use.used_on,
                "municipality": use.municipality.name,
                "note": use.note,
                "recorded_at": use.created_at,
            }
            for use in uses
        ]
    }
