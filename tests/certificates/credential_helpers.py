"""Reading what the credential addresses serve: the DID document, credentials, status lists and their bits."""

import base64
import gzip
import json


def get_json(client, url):
    response = client.get(url)
    assert response.status_code == 200, (url, response.status_code)
    return json.loads(response.content)


def credential_of(client, certificate):
    return get_json(client, f"/certificados/verificar/{certificate.code}/credencial.json")


def status_list_of(client, credential):
    path = credential["credentialStatus"]["statusListCredential"].removeprefix("http://testserver")
    return get_json(client, path)


def bits(status_list):
    """The decoded bitstring of a ``BitstringStatusListCredential`` (multibase base64url of GZIP)."""
    encoded = status_list["credentialSubject"]["encodedList"]
    assert encoded.startswith("u")
    data = encoded[1:]
    return gzip.decompress(base64.urlsafe_b64decode(data + "=" * (-len(data) % 4)))


def bit(status_list, index):
    return bool(bits(status_list)[index // 8] & (0x80 >> (index % 8)))


def revoked(client, credential):
    """Whether the credential's bit is set in the status list the site serves now."""
    return bit(status_list_of(client, credential), int(credential["credentialStatus"]["statusListIndex"]))
