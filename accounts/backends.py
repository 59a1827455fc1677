from django.contrib.auth.backends import ModelBackend
from django.contrib.auth.models import Permission
from django.db.models import Q


class EmailBackend(ModelBackend):
    """Signs people in by email address, whatever capitals they type it with."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email")
        if email:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)

    def get_all_permissions(self, user_obj, obj=None):
        """The person's own and their groups' permissions in one query (Django's backend makes two), kept on the
        user for the rest of the request as Django keeps them. Every signed-in page asks: the Wagtail user bar
        checks access to the admin."""
        if not user_obj.is_active or user_obj.is_anonymous or obj is not None:
            return set()
        if not hasattr(user_obj, "_perm_cache"):
            permissions = Permission.objects.all()
            if not user_obj.is_superuser:
                permissions = permissions.filter(Q(user=user_obj) | Q(group__user=user_obj))
            user_obj._perm_cache = {
                f"{app_label}.{codename}"
                for app_label, codename in permissions.values_list("content_type__app_label", "codename").order_by()
            }
        return user_obj._perm_cache
