"""Validators of Chinese identifiers: 统一社会信用代码 (GB 32100-2015), 居民身份证号 (GB 11643-1999),
mobile phone numbers."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

USCC_CHARS = "0123456789ABCDEFGHJKLMNPQRTUWXY"
USCC_WEIGHTS = (1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28)
_USCC_SHAPE = re.compile(r"^[0-9A-HJ-NPQRTUWXY]{2}\d{6}[0-9A-HJ-NPQRTUWXY]{10}$")


def uscc_check_char(first17: str) -> str:
    total = sum(USCC_CHARS.index(ch) * w for ch, w in zip(first17, USCC_WEIGHTS, strict=True))
    return USCC_CHARS[(31 - total % 31) % 31]


def validate_credit_code(value: str) -> None:
    """Raise ValidationError unless ``value`` is an 18-character 统一社会信用代码 with a correct check character."""
    code = (value or "").strip().upper()
    if len(code) != 18:
        raise ValidationError(_("A unified social credit code has 18 characters."), code="uscc_length")
    if not _USCC_SHAPE.match(code):
        raise ValidationError(
            _("A unified social credit code uses digits and capital letters other than I, O, S, V and Z."),
            code="uscc_chars",
        )
    expected = uscc_check_char(code[:17])
    if code[17] != expected:
        raise ValidationError(
            _("The check character of this credit code is wrong (expected %(expected)s)."),
            code="uscc_check",
            params={"expected": expected},
        )


ID_WEIGHTS = (7, 9, 10, 5, 8, 4, 2, 1, 6, 3, 7, 9, 10, 5, 8, 4, 2)
ID_CHECK = "10X98765432"


def validate_id_number(value: str) -> None:
    code = (value or "").strip().upper()
    if not re.fullmatch(r"\d{17}[\dX]", code):
        raise ValidationError(_("An ID number has 17 digits and a check digit or X."), code="id_shape")
    if ID_CHECK[sum(int(c) * w for c, w in zip(code[:17], ID_WEIGHTS, strict=True)) % 11] != code[17]:
        raise ValidationError(_("The check digit of this ID number is wrong."), code="id_check")


def validate_phone(value: str) -> None:
    digits = re.sub(r"[\s-]", "", value or "")
    if not re.fullmatch(r"(\+?86)?1[3-9]\d{9}|0\d{2,3}\d{7,8}", digits):
        raise ValidationError(
            _("Enter a mobile number (11 digits) or a landline with area code."), code="phone"
        )


def mask_phone(value: str) -> str:
    digits = re.sub(r"[\s-]", "", value or "")
    if len(digits) < 7:
        return "****" if digits else ""
    return digits[:3] + "****" + digits[-4:]


def mask_email(value: str) -> str:
    if not value or "@" not in value:
        return ""
    user, domain = value.split("@", 1)
    return (user[:1] + "***@" + domain) if user else "***@" + domain


def mask_id_number(value: str) -> str:
    if not value:
        return ""
    return value[:3] + "*" * (len(value) - 7) + value[-4:] if len(value) > 7 else "****"
