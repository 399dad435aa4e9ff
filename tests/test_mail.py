"""patchlint.mail: header decoding, addresses, dates and subjects, pinned value by value.

The reader tests see these through whole mails; here each function is asked directly about
the cases a mail list throws at it: names with commas, encoded words, a garbled From:, the
loose dates of reply attributions, subjects with and without a [PATCH] prefix.
"""

import datetime
from types import SimpleNamespace

import pytest

from patchlint.mail import (
    PlainHeaders,
    address_pairs,
    bytes_text,
    date_year,
    decode_header,
    header_fields,
    loose_date,
    parse_address,
    parse_addresses,
    parse_date,
    parse_subject,
    text_fields,
)

UTC = datetime.timezone.utc
CET = datetime.timezone(datetime.timedelta(hours=1))


# -- addresses --------------------------------------------------------------------------------

@pytest.mark.parametrize("text, pair", [
    ("Jane Doe <jane@example.org>", ("Jane Doe", "jane@example.org")),
    ('"Jane Doe" <jane@example.org>', ("Jane Doe", "jane@example.org")),
    ('"Doe, Jane" <jane@example.org>', ("Doe, Jane", "jane@example.org")),
    ("jane@example.org", ("", "jane@example.org")),
    ("Jane (work) <jane@example.org>", ("Jane (work)", "jane@example.org")),
    ("jane@example.org (Jane Doe)", ("Jane Doe", "jane@example.org")),
    # an encoded word is decoded by the reader before anyone parses the address
    ("=?UTF-8?q?J=C3=B6hn?= <jd@example.com>", ("=?UTF-8?q?J=C3=B6hn?=", "jd@example.com")),
    # garbled: what the lenient parser makes of it, never an exception
    ("Jane Doe jane at example.org", ("", "Jane")),
    ("Jane <jane@example.org", ("Jane", "jane@example.org")),
    ("<<>>", ("", "")),
    ("", ("", "")),
    (None, ("", "")),
])
def test_parse_address(text, pair):
    assert parse_address(text) == pair


def test_parse_addresses_keeps_a_quoted_comma_in_its_name():
    text = 'A <a@example.org>, "Doe, Jane" <j@example.org>,c@example.org, broken <, '
    assert parse_addresses(text) == ["A <a@example.org>", "Doe, Jane <j@example.org>",
                                     "c@example.org"]


def test_address_pairs_reads_every_value_leniently():
    # an unquoted comma splits the name: the piece before it is a pair of its own
    assert address_pairs(["A <a@example.org>", "Doe, Jane <j@example.org>"]) == [
        ("A", "a@example.org"), ("", "Doe"), ("Jane", "j@example.org")]
    assert address_pairs(["not an address at all"]) == [("", "not")]
    assert address_pairs([]) == []


# -- header decoding --------------------------------------------------------------------------

@pytest.mark.parametrize("value, text", [
    ("=?UTF-8?q?J=C3=B6hn?= Doe <jd@example.org>", "Jöhn Doe <jd@example.org>"),
    ("=?UTF-8?B?SsO2aG4=?=", "Jöhn"),
    ("=?iso-8859-1?q?caf=E9?=", "café"),
    ("[PATCH] a long\n subject,\r\n\tfolded", "[PATCH] a long subject, folded"),
    ("=?UTF-8?q?broken", "=?UTF-8?q?broken"),                  # not an encoded word
    ("=?x-no-such-charset?q?abc?=", "=?x-no-such-charset?q?abc?="),   # kept as sent
    (None, ""),
])
def test_decode_header(value, text):
    assert decode_header(value) == text


def test_bytes_text_falls_back_per_charset():
    assert bytes_text("Jöhn".encode(), None) == "Jöhn"
    assert bytes_text(b"J\xf6hn", None) == "Jöhn"                       # latin-1 fallback
    assert bytes_text(b"J\xf6hn", None, strict=False) == "J\udcf6hn"    # kept as surrogate
    assert bytes_text(b"J\xf6hn", "iso-8859-1") == "Jöhn"
    assert bytes_text(b"J\xf6hn", "no-such-charset") == "Jöhn"
    assert bytes_text(b"caf\xc3\xa9", "unknown-8bit") == "café"


def test_header_fields_of_a_plain_mail_with_a_garbled_from():
    headers = PlainHeaders(
        b"From: \xff\xfeGarbled <<>>\r\nSubject: [PATCH v2 1/3] util:\n  Fold\n"
        b"To: a@example.org\nCc: b@example.org\ncc: C <c@example.org>\n"
        b"Date: Thu, 15 Jan 2026 10:00:00 +0100\nMessage-ID:  <m@example.org> \n"
        b"References: <a@example.org>\n <b@example.org>\n")
    assert headers.simple() and headers.charset() is None
    fields = header_fields(headers)
    assert fields == {
        "subject": "[PATCH v2 1/3] util: Fold", "author": "\xff\xfeGarbled <<>>",
        "date": "Thu, 15 Jan 2026 10:00:00 +0100", "message_id": "<m@example.org>",
        "in_reply_to": None, "references": ["<a@example.org>", "<b@example.org>"],
        "to": "a@example.org", "cc": "b@example.org, C <c@example.org>",
        "headers": {"from": "\xff\xfeGarbled <<>>", "subject": "[PATCH v2 1/3] util: Fold",
                    "to": "a@example.org", "cc": "C <c@example.org>",
                    "date": "Thu, 15 Jan 2026 10:00:00 +0100", "message-id": "<m@example.org>",
                    "references": "<a@example.org> <b@example.org>"}}
    # no address in it: reply.py drops such a pair ("@" not in the address)
    assert parse_address(fields["author"]) == ("\xff\xfeGarbled", "")


@pytest.mark.parametrize("content_type, cte, simple, charset", [
    (None, None, True, None),
    (b"text/plain; charset=ISO-8859-1", b"8bit", True, "ISO-8859-1"),
    (b'text/plain; charset="utf-8"; format=flowed', b"7bit", False, "utf-8"),
    (b"text/plain", b"quoted-printable", False, None),
    (b"multipart/mixed; boundary=x", None, False, None),
])
def test_plain_headers_know_when_the_email_parser_is_needed(content_type, cte, simple, charset):
    block = b"From: J <j@example.org>"
    if content_type:
        block += b"\nContent-Type: " + content_type
    if cte:
        block += b"\nContent-Transfer-Encoding: " + cte
    headers = PlainHeaders(block)
    assert headers.simple() is simple and headers.charset() == charset


# -- dates ------------------------------------------------------------------------------------

@pytest.mark.parametrize("text, when", [
    ("Thu, 15 Jan 2026 10:00:00 +0100", datetime.datetime(2026, 1, 15, 10, tzinfo=CET)),
    ("15 Jan 2026 10:00 +0000", datetime.datetime(2026, 1, 15, 10, tzinfo=UTC)),
    # no zone, or "-0000" (zone unknown): a naive datetime
    ("Thu, 15 Jan 2026 10:00:00", datetime.datetime(2026, 1, 15, 10)),
    ("Thu, 15 Jan 2026 10:00:00 -0000", datetime.datetime(2026, 1, 15, 10)),
    ("Thu, 32 Jan 2026 10:00:00 +0000", None),
    ("Thu, 15 Jan 2026 10:00:00 +9999", None),
    ("yesterday", None),
    ("", None),
    (None, None),
])
def test_parse_date(text, when):
    got = parse_date(text)
    assert got == when and (got is None or got.tzinfo == when.tzinfo)


@pytest.mark.parametrize("text, when", [
    ("Thu, Jan 01, 2026 at 12:00:00 +0000", datetime.datetime(2026, 1, 1, 12, tzinfo=UTC)),
    ("Thu, 15 Jan 2026 10:00:00 +0100", datetime.datetime(2026, 1, 15, 10, tzinfo=CET)),
    ("01/13/2012 01:51 PM", datetime.datetime(2012, 1, 13, 13, 51)),
    (" 01/13/2012 13:51 ", datetime.datetime(2012, 1, 13, 13, 51)),
    ("2026-01-15 10:00", datetime.datetime(2026, 1, 15, 10)),
    ("13/01/2012 13:51", datetime.datetime(2012, 1, 13, 13, 51)),
    ("last week", None),
    ("Thu, Jan 01, 2026", None),
])
def test_loose_date_of_an_attribution(text, when):
    got = loose_date(text)
    assert got == when and (got is None or got.tzinfo == when.tzinfo)


@pytest.mark.parametrize("text, year", [
    ("Thu, 15 Jan 2026 10:00:00 +0100", 2026), ("Mon, 1 Feb 1999", 1999),
    ("12 Mar 2999", None), ("no year", None)])
def test_date_year(text, year):
    assert date_year(text) == year


def _lines(text):
    return [SimpleNamespace(text=t) for t in text.split("\n")]


def test_text_fields_of_an_archive_page():
    lines = _lines("[libvirt PATCH 2/3] util: Fix\nDate: Fri, 16 Jan 2026 11:00:00 +0000\n"
                   "Author: Jane")
    assert text_fields(lines) == {"subject": "[libvirt PATCH 2/3] util: Fix",
                                  "date": datetime.datetime(2026, 1, 16, 11, tzinfo=UTC)}
    assert text_fields(_lines("Hello\nMonday 2026 was a day")) == {}


# -- subjects ---------------------------------------------------------------------------------

@pytest.mark.parametrize("subject, fields", [
    ("[libvirt PATCH v2 3/5] util: Add x", ("[libvirt PATCH v2 3/5]", "util: Add x", 3, 5, 2,
                                            False)),
    ("Re: [PATCH 0/2] cover", ("[PATCH 0/2]", "cover", 0, 2, None, True)),
    ("[PATCH] [RFC v3] two brackets", ("[PATCH] [RFC v3]", "two brackets", None, None, 3,
                                       False)),
    ("Re: RE: no prefix", ("", "no prefix", None, None, None, True)),
    ("util: plain title", ("", "util: plain title", None, None, None, False)),
    ("[PATCH 1/2/3] odd", ("[PATCH 1/2/3]", "odd", None, None, None, False)),
    ("[PATCH 9999999999/2] big", ("[PATCH 9999999999/2]", "big", None, None, None, False)),
    ("", ("", "", None, None, None, False)),
    (None, ("", "", None, None, None, False)),
])
def test_parse_subject(subject, fields):
    info = parse_subject(subject)
    assert (info.prefix, info.title, info.number, info.total, info.version,
            info.is_reply) == fields
