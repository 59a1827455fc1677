"""System checks: ``manage.py check`` warns when the issuer's keys for verifiable credentials cannot be used (the
site serves, but the credential addresses answer 503 until they can)."""

from django.core import checks

from .credentials import keys


@checks.register(checks.Tags.security)
def credential_keys(app_configs, **kwargs):
    try:
        keys.load()
    except keys.KeysUnavailable as error:
        return [
            checks.Warning(
                f"Verifiable credentials cannot be signed: {error}.",
                hint="Run `manage.py credential_keys generate` (or set CREDENTIAL_KEYS_DIR to the folder that holds "
                "issuer-keys.json, readable by the site's user).",
                id="certificates.W001",
            )
        ]
    return []
