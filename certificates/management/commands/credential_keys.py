"""The issuer's signing keys for verifiable credentials (in ``CREDENTIAL_KEYS_DIR``, mode 0600).

manage.py credential_keys generate   # the first Ed25519 and P-256 keys; does nothing if the key file exists
manage.py credential_keys rotate     # a new key of each kind signs from now on; the old ones stay published in
                                     # the DID document, so credentials signed before still verify
manage.py credential_keys show       # the key file, the issuer's DID and its verification methods
"""

from django.core.management.base import BaseCommand, CommandError

from certificates.credentials import did, keys


class Command(BaseCommand):
    help = "Generate, rotate or show the issuer's signing keys for verifiable credentials."
    requires_system_checks = []  # the checks would only warn that the keys this command makes are missing

    def add_arguments(self, parser):
        parser.add_argument("action", choices=["generate", "rotate", "show"])

    def handle(self, action, **options):
        if action == "generate":
            created = keys.generate()
            self.stdout.write(
                f"Created the issuer's keys in {keys.location()}."
                if created
                else f"The issuer's keys are already in {keys.location()}: nothing to do."
            )
        elif action == "rotate":
            try:
                keys.rotate()
            except (OSError, ValueError, KeyError, TypeError) as error:
                raise CommandError(f"Cannot rotate the keys in {keys.location()}: {error}") from error
            self.stdout.write("Added new keys; the previous ones stay in the DID document.")
        try:
            keyring = keys.load()
        except keys.KeysUnavailable as error:
            raise CommandError(str(error)) from error
        self.stdout.write(f"Issuer: {did.issuer_did()}")
        for key in keyring.keys:
            signing = key in (keyring.data_integrity, keyring.jwt)
            self.stdout.write(f"  {did.method_id(key)}  {key.kind}  {key.created}{'  (signs)' if signing else ''}")
