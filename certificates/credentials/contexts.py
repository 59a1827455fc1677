"""JSON-LD contexts, vendored: a credential is canonicalized (and so signed) against these files, never against
whatever a server answers at the time.

``credentials-v2.jsonld`` is the W3C Verifiable Credentials 2.0 context (it also defines ``DataIntegrityProof`` and
the Bitstring Status List terms); ``ob-v3p0-3.0.3.json`` is 1EdTech's Open Badges 3.0.3 context. Any other address
is refused, so canonicalization can never reach the network.
"""

import json
from functools import cache
from pathlib import Path

from pyld import jsonld

VC_V2 = "https://www.w3.org/ns/credentials/v2"
OB_V3 = "https://purl.imsglobal.org/spec/ob/v3p0/context-3.0.3.json"
FILES = {VC_V2: "credentials-v2.jsonld", OB_V3: "ob-v3p0-3.0.3.json"}
FOLDER = Path(__file__).resolve().parent / "contexts"


class UnknownContext(jsonld.JsonLdError):
    pass


@cache
def context(url):
    return json.loads((FOLDER / FILES[url]).read_text(encoding="utf-8"))


def load_document(url, options=None):
    """pyld's document loader: the vendored files only."""
    if url not in FILES:
        raise UnknownContext(f"Context {url} is not vendored; refusing to fetch it.", "jsonld.LoadDocumentError")
    return {"contextUrl": None, "documentUrl": url, "document": context(url)}


def canonical(document):
    """The RDF Dataset Canonicalization (RDFC-1.0, a.k.a. URDNA2015) of ``document`` as N-Quads."""
    options = {"algorithm": "URDNA2015", "format": "application/n-quads", "documentLoader": load_document}
    return jsonld.normalize(document, options)
