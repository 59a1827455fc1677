"""Evidence uploads: what is accepted, judged by content (never by the name or the browser's content type).

- Photos (JPEG, PNG, WebP): decoded with Pillow under a pixel limit, turned upright, reduced to at most
  ``PHOTO_MAX_SIDE`` pixels and re-encoded as JPEG. Re-encoding writes none of the original's metadata: no EXIF, no
  GPS position, no camera serial, no comments.
- Documents: PDF only, not encrypted, with no JavaScript, actions run on opening, launch actions or embedded files.

Anything else, a file over the size limit, or a file that does not decode, is refused with a Spanish message and
nothing is stored.
"""

import io
from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

MAX_PHOTO_BYTES = 8 * 1024 * 1024
MAX_DOCUMENT_BYTES = 5 * 1024 * 1024
#: Decompression bombs: a small file that decodes to a huge image is refused before it is decoded.
MAX_PIXELS = 40_000_000
PHOTO_MAX_SIDE = 1600
PHOTO_QUALITY = 80

IMAGE_SIGNATURES = (b"\xff\xd8\xff", b"\x89PNG\r\n\x1a\n")
PDF_SIGNATURE = b"%PDF-"
#: Names that make a PDF do something when opened or clicked (scripts, launching programs, attached files).
PDF_ACTIVE_NAMES = ("/JavaScript", "/JS", "/Launch", "/OpenAction", "/AA", "/EmbeddedFile", "/RichMedia", "/XFA")
MAX_PDF_OBJECTS = 50_000

WRONG_TYPE = _("Send a photo (JPEG, PNG or WebP) or a PDF document; this file is neither.")


@dataclass(frozen=True)
class CleanFile:
    kind: str  # Evidence.Kind value
    content: bytes
    width: int | None = None
    height: int | None = None


def _read(upload, limit):
    if upload.size is not None and upload.size > limit:
        raise ValidationError(
            _("The file is too large: at most %(megabytes)s MB.") % {"megabytes": limit // (1024 * 1024)}
        )
    upload.seek(0)
    content = upload.read(limit + 1)
    if len(content) > limit:
        raise ValidationError(
            _("The file is too large: at most %(megabytes)s MB.") % {"megabytes": limit // (1024 * 1024)}
        )
    if not content:
        raise ValidationError(_("The file is empty."))
    return content


def _is_image(head):
    return head.startswith(IMAGE_SIGNATURES) or (head[:4] == b"RIFF" and head[8:12] == b"WEBP")


def clean_upload(upload):
    """The upload as it will be stored, or ``ValidationError`` with the reason in Spanish."""
    head = upload.read(16)
    upload.seek(0)
    if _is_image(head):
        return clean_photo(_read(upload, MAX_PHOTO_BYTES))
    if head.startswith(PDF_SIGNATURE):
        return clean_pdf(_read(upload, MAX_DOCUMENT_BYTES))
    raise ValidationError(WRONG_TYPE)


def clean_photo(content):
    from PIL import Image, ImageOps

    broken = ValidationError(_("The photo could not be read: it may be damaged. Try another file."))
    try:
        with Image.open(io.BytesIO(content)) as probe:
            if probe.format not in ("JPEG", "PNG", "WEBP"):
                raise ValidationError(WRONG_TYPE)
            width, height = probe.size
            if width * height > MAX_PIXELS:
                raise ValidationError(_("The photo has too many pixels: at most 40 megapixels."))
            probe.verify()
        with Image.open(io.BytesIO(content)) as image:
            image.load()
            image = ImageOps.exif_transpose(image)
            if image.mode not in ("RGB", "L"):
                background = Image.new("RGB", image.size, "white")
                rgba = image.convert("RGBA")
                background.paste(rgba, mask=rgba.getchannel("A"))
                image = background
            image.thumbnail((PHOTO_MAX_SIDE, PHOTO_MAX_SIDE))
            output = io.BytesIO()
            # No exif=, icc_profile= or comment=: the new file carries none of the original's metadata.
            image.convert("RGB").save(output, "JPEG", quality=PHOTO_QUALITY, optimize=True, progressive=True)
            return CleanFile("foto", output.getvalue(), image.width, image.height)
    except ValidationError:
        raise
    except (OSError, ValueError, SyntaxError, EOFError, Image.DecompressionBombError, MemoryError) as error:
        raise broken from error


def clean_pdf(content):
    from pypdf import PdfReader
    from pypdf.errors import PyPdfError
    from pypdf.generic import ArrayObject, DictionaryObject, IndirectObject

    scripted = ValidationError(
        _("This PDF contains scripts or automatic actions, which are not accepted. Save it again as a plain PDF.")
    )
    broken = ValidationError(_("The PDF could not be read: it may be damaged. Try another file."))
    if any(name.encode() in content for name in ("/JavaScript", "/Launch", "/EmbeddedFile", "/RichMedia")):
        raise scripted
    try:
        reader = PdfReader(io.BytesIO(content), strict=False)
        if reader.is_encrypted:
            raise ValidationError(_("The PDF is protected with a password; send it without protection."))
        pending, seen = [reader.trailer], set()
        while pending:
            if len(seen) > MAX_PDF_OBJECTS:
                raise broken
            node = pending.pop()
            if isinstance(node, IndirectObject):
                key = (node.idnum, node.generation)
                if key in seen:
                    continue
                seen.add(key)
                node = node.get_object()
            if isinstance(node, DictionaryObject):
                if any(name in node for name in PDF_ACTIVE_NAMES):
                    raise scripted
                pending.extend(node.values())
            elif isinstance(node, ArrayObject):
                pending.extend(node)
        if len(reader.pages) < 1:
            raise broken
    except ValidationError:
        raise
    except (PyPdfError, OSError, ValueError, KeyError, TypeError, AttributeError, RecursionError) as error:
        raise broken from error
    return CleanFile("documento", content)
