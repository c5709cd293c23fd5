import pytest
from django.core.exceptions import ValidationError

from sifang.core.validators import (
    mask_email,
    mask_id_number,
    mask_phone,
    uscc_check_char,
    validate_credit_code,
    validate_id_number,
    validate_phone,
)

# Published codes of real organisations (check characters computed per GB 32100-2015).
VALID_CODES = ["91350100M000100Y43", "91110000600037341L", "12100000400010275N", "91440300708461136T"]


@pytest.mark.parametrize("code", VALID_CODES)
def test_valid_credit_codes_pass(code):
    validate_credit_code(code)


@pytest.mark.parametrize("code", VALID_CODES)
def test_a_wrong_check_character_is_refused(code):
    wrong = code[:17] + ("0" if code[17] != "0" else "1")
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(wrong)
    assert exc.value.code == "uscc_check"


@pytest.mark.parametrize(
    ("code", "error"),
    [
        ("9135010", "uscc_length"),
        ("91350100M000100Y4312", "uscc_length"),
        ("91350100M000100I43", "uscc_chars"),
        ("", "uscc_length"),
    ],
)
def test_malformed_credit_codes_are_refused(code, error):
    with pytest.raises(ValidationError) as exc:
        validate_credit_code(code)
    assert exc.value.code == error


def test_check_char_algorithm_matches_known_code():
    assert uscc_check_char("91350100M000100Y4") == "3"


def test_id_number_check_digit():
    validate_id_number("11010519491231002X")
    with pytest.raises(ValidationError):
        validate_id_number("110105194912310021")


def test_phone_validation():
    validate_phone("13812345678")
    validate_phone("0991-4567890")
    with pytest.raises(ValidationError):
        validate_phone("12345")


def test_masking_hides_the_middle():
    assert mask_phone("13812345678") == "138****5678"
    assert mask_email("zhang@xju.edu.cn") == "z***@xju.edu.cn"
    assert mask_id_number("11010519491231002X") == "110***********002X"
    assert mask_phone("") == ""
