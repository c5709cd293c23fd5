"""Rules for uploaded evidence and attachments: a size limit (setting
``SIFANG_UPLOAD_MAX_BYTES``, 20 MB by default) and a list of types, each checked by its extension
AND its leading bytes (and, for Office files, by the parts inside the zip)."""

from __future__ import annotations

import zipfile
from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.defaultfilters import filesizeformat
from django.utils.translation import gettext as _

DEFAULT_MAX_BYTES = 20 * 1024 * 1024

_ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
#: extension → (content type, accepted leading bytes)
TYPES: dict[str, tuple[str, tuple[bytes, ...]]] = {
    "pdf": ("application/pdf", (b"%PDF-",)),
    "docx": ("application/vnd.openxmlformats-officedocument.wordprocessingml.document", _ZIP_MAGIC),
    "xlsx": ("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", _ZIP_MAGIC),
    "jpg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "jpeg": ("image/jpeg", (b"\xff\xd8\xff",)),
    "png": ("image/png", (b"\x89PNG\r\n\x1a\n",)),
    "zip": ("application/zip", _ZIP_MAGIC),
}
_OFFICE_PART = {"docx": "word/", "xlsx": "xl/"}


def max_upload_bytes() -> int:
    return int(getattr(settings, "SIFANG_UPLOAD_MAX_BYTES", DEFAULT_MAX_BYTES))


def allowed_extensions() -> list[str]:
    return ["pdf", "docx", "xlsx", "jpg", "png", "zip"]


def check_upload(upload: Any) -> tuple[str, str]:
    """Validate an uploaded file; return ``(extension, content type)`` or raise ValidationError."""
    name = getattr(upload, "name", "") or ""
    size = getattr(upload, "size", None)
    if size is None:
        raise ValidationError({"file": _("The file could not be read.")})
    limit = max_upload_bytes()
    if size > limit:
        raise ValidationError(
            {
                "file": _("The file is too large (%(size)s); the limit is %(limit)s.")
                % {"size": filesizeformat(size), "limit": filesizeformat(limit)}
            }
        )
    if size == 0:
        raise ValidationError({"file": _("The file is empty.")})
    ext = name.rsplit(".", 1)[-1].lower() if "." in name else ""
    if ext not in TYPES:
        raise ValidationError(
            {
                "file": _("Files of type “%(ext)s” are not accepted; allowed: %(allowed)s.")
                % {"ext": ext or "?", "allowed": ", ".join(allowed_extensions())}
            }
        )
    content_type, magics = TYPES[ext]
    upload.seek(0)
    head = upload.read(16)
    upload.seek(0)
    if not any(head.startswith(m) for m in magics):
        raise ValidationError(
            {"file": _("The content of the file does not match its extension “%(ext)s”.") % {"ext": ext}}
        )
    if ext in _OFFICE_PART:
        try:
            with zipfile.ZipFile(upload) as zf:
                names = zf.namelist()
        except zipfile.BadZipFile:
            names = []
        upload.seek(0)
        if "[Content_Types].xml" not in names or not any(n.startswith(_OFFICE_PART[ext]) for n in names):
            raise ValidationError(
                {"file": _("The content of the file does not match its extension “%(ext)s”.") % {"ext": ext}}
            )
    return ext, content_type
