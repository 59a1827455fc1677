"""Mobile numbers in E.164 (``+56912345678``), parsed and validated with ``phonenumbers`` (Google's libphonenumber
metadata): a number written without its country code is read as Chilean."""

import phonenumbers


class InvalidPhoneNumber(ValueError):
    pass


def to_e164(text, region="CL"):
    """``text`` as an E.164 mobile number, or ``InvalidPhoneNumber``."""
    if not isinstance(text, str) or len(text) > 32:
        raise InvalidPhoneNumber(text)
    try:
        number = phonenumbers.parse(text, region)
    except phonenumbers.NumberParseException as error:
        raise InvalidPhoneNumber(text) from error
    if not phonenumbers.is_valid_number(number):
        raise InvalidPhoneNumber(text)
    if phonenumbers.number_type(number) not in (
        phonenumbers.PhoneNumberType.MOBILE,
        phonenumbers.PhoneNumberType.FIXED_LINE_OR_MOBILE,
    ):
        raise InvalidPhoneNumber(text)
    return phonenumbers.format_number(number, phonenumbers.PhoneNumberFormat.E164)
