"""The canonical form a Data Integrity proof signs (RDFC-1.0 with pyld, against the vendored contexts only), and
the proofs checked from first principles."""

import copy

import pytest
from pyld import jsonld

from certificates.credentials import contexts, multibase

from .credential_helpers import credential_of, get_json
from .proof_check import base58_decode, proof_verifies

DOCUMENT = {
    "@context": [contexts.VC_V2, contexts.OB_V3],
    "id": "https://cocrea.example.cl/certificados/verificar/7K3M9QX2ZD4R/credencial.json",
    "type": ["VerifiableCredential", "OpenBadgeCredential"],
    "issuer": {"id": "did:web:cocrea.example.cl", "type": ["Profile"], "name": "Programa Cocrea"},
    "validFrom": "2026-12-06T20:00:00Z",
    "credentialSubject": {
        "type": ["AchievementSubject"],
        "name": "José Ñúñez Muñoz",
        "achievement": {
            "id": "https://cocrea.example.cl/cursos/co-diseno/",
            "type": ["Achievement"],
            "name": "Co-diseño de servicios municipales",
            "criteria": {"narrative": [{"@value": "Aprobar el curso.", "@language": "es"}]},
        },
    },
}


NAMES = {
    "ob": "https://purl.imsglobal.org/spec/vc/ob/vocab.html#",
    "cred": "https://www.w3.org/2018/credentials#",
    "type": "http://www.w3.org/1999/02/22-rdf-syntax-ns#type",
    "name": "https://schema.org/name",
    "dateTime": "http://www.w3.org/2001/XMLSchema#dateTime",
    "vc": "https://cocrea.example.cl/certificados/verificar/7K3M9QX2ZD4R/credencial.json",
    "course": "https://cocrea.example.cl/cursos/co-diseno/",
    "did": "did:web:cocrea.example.cl",
}
EXPECTED = """\
<{did}> <{type}> <{ob}Profile> .
<{did}> <{name}> "Programa Cocrea" .
<{vc}> <{type}> <{ob}OpenBadgeCredential> .
<{vc}> <{type}> <{cred}VerifiableCredential> .
<{vc}> <{cred}credentialSubject> _:c14n1 .
<{vc}> <{cred}issuer> <{did}> .
<{vc}> <{cred}validFrom> "2026-12-06T20:00:00Z"^^<{dateTime}> .
<{course}> <{type}> <{ob}Achievement> .
<{course}> <{ob}Criteria> _:c14n0 .
<{course}> <{name}> "Co-diseño de servicios municipales" .
_:c14n0 <{ob}narrative> "Aprobar el curso."@es .
_:c14n1 <{type}> <{ob}AchievementSubject> .
_:c14n1 <{ob}achievement> <{course}> .
_:c14n1 <{name}> "José Ñúñez Muñoz" .
""".format(**NAMES)


def test_the_canonical_form_is_the_sorted_n_quads_of_the_vocabularies_terms():
    """RDFC-1.0: the OB and VC terms expanded to their IRIs, blank nodes labelled c14n0, c14n1… in canonical order,
    the language tag kept, one quad per line, sorted."""
    assert contexts.canonical(DOCUMENT) == EXPECTED


def test_the_canonical_form_ignores_key_order_and_changes_with_one_letter():
    reordered = dict(reversed(list(copy.deepcopy(DOCUMENT).items())))
    reordered["credentialSubject"] = dict(reversed(list(reordered["credentialSubject"].items())))
    assert contexts.canonical(reordered) == contexts.canonical(DOCUMENT)
    tampered = copy.deepcopy(DOCUMENT)
    tampered["credentialSubject"]["name"] = "José Ñúñez Muñoa"
    assert contexts.canonical(tampered) != contexts.canonical(DOCUMENT)


def test_the_loader_never_fetches_a_context_it_does_not_hold():
    with pytest.raises(jsonld.JsonLdError):
        contexts.canonical({**DOCUMENT, "@context": [contexts.VC_V2, "https://example.org/other-context.json"]})


def test_multibase_base58btc_round_trips():
    for data in (b"", b"\0\0\x01", bytes(range(64))):
        encoded = multibase.base58btc(data)
        assert encoded.startswith("z") and base58_decode(encoded[1:]) == data


def test_the_credential_and_the_status_list_proofs_verify(client, certificate, issuer_keys):
    did_document = get_json(client, "/.well-known/did.json")
    credential = credential_of(client, certificate)
    assert proof_verifies(credential, did_document)
    status_path = credential["credentialStatus"]["statusListCredential"].removeprefix("http://testserver")
    assert proof_verifies(get_json(client, status_path), did_document)
    tampered = copy.deepcopy(credential)
    tampered["credentialSubject"]["name"] = tampered["credentialSubject"]["name"].replace("J", "G", 1)
    assert not proof_verifies(tampered, did_document)
