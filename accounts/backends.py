from django.contrib.auth.backends import ModelBackend


class EmailBackend(ModelBackend):
    """Signs people in by email address, whatever capitals they type it with."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        email = username or kwargs.get("email")
        if email:
            email = email.strip().lower()
        return super().authenticate(request, username=email, password=password, **kwargs)
