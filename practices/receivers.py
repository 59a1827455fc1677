"""What the practices app does when something happens: an erased person's practices lose their texts and files."""

from accounts.signals import personal_data_erased

from .personal_data import erase_practices


def connect():
    personal_data_erased.connect(erase_practices, dispatch_uid="practices.erase_practices")
