"""Reading a received message (.eml or text), prefilling from it, and the .eml draft it answers."""

from __future__ import annotations

import base64
import email
import io
import json
import quopri
from email import policy
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replykit.cli import app
from replykit.formats.eml import reply_subject
from replykit.limits import MAX_MESSAGE_BYTES
from replykit.message import MessageError, parse_message
from replykit.playbook.search import SearchPath
from replykit.prefill import Prefill

from .clihelp import COMPLAINT_CONSTANTS

RU_BODY = "Здравствуйте! Заказ N 48150 от 03.03.2025 так и не пришёл, хотя я оплатила 2 500 руб."
EN_BODY = "Hello, my order #722-2116492 placed on March 3, 2025 never arrived. I paid $49.99."

CONSTANTS = [*COMPLAINT_CONSTANTS, "--set=problem=заказ не приехал в обещанный день"]


def _eml(
    body: str, charset: str, cte: str, *, name: str = "Анна Петрова", extra: str = ""
) -> bytes:
    raw = body.encode(charset)
    if cte == "base64":
        payload = base64.encodebytes(raw)
    elif cte == "quoted-printable":
        payload = quopri.encodestring(raw)
    else:
        payload = raw
    sender = (
        f"=?utf-8?b?{base64.b64encode(name.encode()).decode()}?= <anna@example.ru>"
        if name
        else "anna@example.ru"
    )
    head = (
        f"From: {sender}\r\nTo: care@lampa.ru\r\n"
        "Subject: =?utf-8?b?" + base64.b64encode("Re: Где мой заказ?".encode()).decode() + "?=\r\n"
        "Date: Mon, 03 Mar 2025 10:15:00 +0300\r\nMessage-ID: <m1@example.ru>\r\n"
        "References: <m0@example.ru>\r\nMIME-Version: 1.0\r\n"
        f"Content-Type: text/plain; charset={charset}\r\nContent-Transfer-Encoding: {cte}\r\n{extra}\r\n"
    )
    return head.encode("ascii") + payload


@pytest.mark.parametrize("charset", ["utf-8", "cp1251", "koi8-r"])
@pytest.mark.parametrize("cte", ["8bit", "base64", "quoted-printable"])
def test_every_charset_and_transfer_encoding(charset: str, cte: str) -> None:
    message = parse_message(_eml(RU_BODY, charset, cte), "m.eml")
    assert message.body == RU_BODY
    assert message.sender_name == "Анна Петрова"
    assert message.reply_address == "anna@example.ru"
    assert message.topic == "Где мой заказ?"
    assert message.message_id == "<m1@example.ru>"
    assert message.references == ("<m0@example.ru>",)
    assert message.lang == "ru"
    assert message.facts.orders == ("48150",)
    assert [str(a.value) for a in message.facts.amounts] == ["2500"]


@pytest.mark.parametrize("encoding", ["utf-8", "utf-8-sig", "cp1251", "koi8-r"])
def test_plain_text_in_any_common_encoding(encoding: str) -> None:
    message = parse_message(RU_BODY.encode(encoding), "pasted.txt")
    assert message.body == RU_BODY
    assert not message.is_email and message.sender_name == ""


def test_undeclared_8bit_headers_are_read_by_guess() -> None:
    raw = "From: Иван Смирнов <ivan@example.ru>\nSubject: Жалоба\nContent-Type: text/plain\n\nТекст жалобы.\n"
    message = parse_message(raw.encode("cp1251"), "raw.eml")
    assert message.sender_name == "Иван Смирнов"
    assert message.subject == "Жалоба"
    assert message.body == "Текст жалобы."


def test_html_only_mail_becomes_text() -> None:
    html = "<html><head><style>p{color:red}</style></head><body><p>Hello,</p><p>my order&nbsp;#12345 is late &amp; broken.</p></body></html>"
    raw = (
        "From: Ann Smith <ann@example.com>\nSubject: Late order\nMIME-Version: 1.0\n"
        "Content-Type: text/html; charset=utf-8\n\n" + html
    )
    message = parse_message(raw.encode(), "h.eml")
    assert message.body == "Hello,\n\nmy order #12345 is late & broken."
    assert message.lang == "en"
    assert message.facts.orders == ("12345",)


def test_multipart_alternative_prefers_plain_and_lists_attachments() -> None:
    msg = email.message.EmailMessage()
    msg["From"] = "Ann Smith <ann@example.com>"
    msg["Subject"] = "Broken kettle"
    msg.set_content(EN_BODY)
    msg.add_alternative("<p>HTML version</p>", subtype="html")
    msg.add_attachment(b"\x89PNG...", maintype="image", subtype="png", filename="photo.png")
    message = parse_message(msg.as_bytes(), "a.eml")
    assert message.body == EN_BODY
    assert message.attachments == ("photo.png",)


def test_quoted_history_and_signature_are_cut() -> None:
    raw = (
        "From: Ann <ann@example.com>\nSubject: Re: order\n\nStill nothing.\n\n"
        "On Mon, 3 Mar 2025 at 10:00, Lamp Store <care@lamp.example> wrote:\n> We are sorry.\n"
    )
    assert parse_message(raw.encode(), "q.eml").body == "Still nothing."
    sig = "From: Ann <ann@example.com>\nSubject: x\n\nBroken again.\n-- \nAnn Smith\n+44 20 7946 0958\n"
    assert parse_message(sig.encode(), "s.eml").body == "Broken again."


def test_a_forwarded_message_answers_the_customer_inside() -> None:
    raw = (
        "From: Colleague <desk@lampa.ru>\nSubject: Fwd: Где мой заказ?\n"
        "Content-Type: text/plain; charset=utf-8\n\nПосмотри, пожалуйста.\n\n"
        "---------- Forwarded message ---------\nОт: Анна Петрова <anna@example.ru>\n"
        "Дата: Mon, 3 Mar 2025 10:15:00 +0300\nТема: Где мой заказ?\nКому: care@lampa.ru\n\n"
        f"{RU_BODY}\n"
    )
    message = parse_message(raw.encode(), "f.eml")
    assert message.forwarded
    assert (message.sender_name, message.reply_address) == ("Анна Петрова", "anna@example.ru")
    assert message.body == RU_BODY
    assert message.date is not None and message.date.day == 3


def test_from_without_display_name_and_malformed_headers() -> None:
    message = parse_message(_eml(RU_BODY, "utf-8", "8bit", name=""), "n.eml")
    assert message.sender_name == "" and message.reply_address == "anna@example.ru"
    broken = "From: Anna <anna@example\nDate: 32 Foo 2025\nSubject: =?bogus?q?x?=\n\nТекст.\n"
    message = parse_message(broken.encode(), "b.eml")
    assert message.date is None and message.body == "Текст."


@pytest.mark.parametrize(
    ("data", "why"),
    [
        (b"", "the message is empty"),
        (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "not a mail message or text"),
        (b"From: a@b.c\nSubject: \n\n\n", "no text to answer"),
    ],
)
def test_unusable_messages_are_refused(data: bytes, why: str) -> None:

    with pytest.raises(MessageError, match=why) as caught:
        parse_message(data, "x.eml")
    assert caught.value.exit_code == 3


def test_a_20_mb_message_is_refused_by_the_cli(tmp_path: Path) -> None:
    big = tmp_path / "big.eml"
    big.write_bytes(_eml("x" * 20 * 2**20, "utf-8", "8bit"))
    assert big.stat().st_size > MAX_MESSAGE_BYTES
    result = CliRunner().invoke(app, ["triage", str(big)])
    assert result.exit_code == 3
    assert "larger than 10 MB" in result.stderr


def test_reply_subject_never_stacks() -> None:
    assert reply_subject("Re: RE: Fwd: Отв: Заказ") == "Re: Заказ"
    assert reply_subject("Re[2]: order") == "Re: order"


def _draft(tmp_path: Path, *extra: str, message: bytes | None = None) -> tuple[object, Path]:
    source = tmp_path / "message.eml"
    source.write_bytes(message or _eml(RU_BODY, "koi8-r", "quoted-printable"))
    out = tmp_path / "reply.eml"
    result = CliRunner().invoke(
        app,
        ["draft", "complaint", "--from", str(source), *CONSTANTS, "-o", str(out), *extra],
        env={"SOURCE_DATE_EPOCH": "1741000000"},
    )
    return result, out


def test_draft_from_message_writes_a_threaded_draft(tmp_path: Path) -> None:
    result, out = _draft(tmp_path)
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    assert "customer_name = Анна Петрова  (из письма: From)" in result.stderr  # type: ignore[attr-defined]
    reply = email.message_from_bytes(out.read_bytes(), policy=policy.default)
    assert str(reply["To"]) == "Анна Петрова <anna@example.ru>"
    assert str(reply["Subject"]) == "Re: Где мой заказ?"
    assert reply["In-Reply-To"] == "<m1@example.ru>"
    assert reply["References"] == "<m0@example.ru> <m1@example.ru>"
    assert reply["X-Unsent"] == "1"
    assert str(reply["From"]) == "Интернет-магазин «Лампа» <care@lampa.ru>"
    assert reply["Date"].datetime.timestamp() == 1741000000
    assert reply["Message-ID"].endswith("@lampa.ru>")
    assert b"\r\n" in out.read_bytes() and all(b < 128 for b in out.read_bytes())  # encoded
    plain = reply.get_body(("plain",)).get_content()
    assert "Анна" in plain and "заказ № 48150" in plain
    assert "<html" in reply.get_body(("html",)).get_content()
    first = out.read_bytes()
    _again, out2 = _draft(tmp_path, "--force")
    assert out2 == out and out.read_bytes() == first  # the same reply is the same file


def test_set_wins_over_the_message_and_json_lists_sources(tmp_path: Path) -> None:
    result, _out = _draft(tmp_path, "--set", "customer_name=Петрова Анна Сергеевна", "--json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["answers"]["customer_name"] == "Петрова Анна Сергеевна"
    entries = {e["field"]: e for e in data["prefilled"]}
    assert entries["customer_name"] == {
        "field": "customer_name",
        "value": "Анна Петрова",
        "source": "From",
        "suggestion": False,
        "used": False,
    }
    assert entries["topic"]["source"] == "body: order number" and entries["topic"]["used"]
    assert data["answers"]["complaint_date"] == "2025-03-03"
    assert data["message"]["lang"] == "ru"
    assert data["sources"]["customer_name"] == "--set"
    assert data["sources"]["topic"] == data["sources"]["complaint_date"] == "message"


def test_an_answers_file_wins_over_the_message(tmp_path: Path) -> None:
    answers = tmp_path / "answers.yml"
    answers.write_text("topic: заказ № 1\n", encoding="utf-8")
    result, _out = _draft(tmp_path, "--answers", str(answers), "--json")
    assert result.exit_code == 0, result.output  # type: ignore[attr-defined]
    data = json.loads(result.stdout)  # type: ignore[attr-defined]
    assert data["answers"]["topic"] == "заказ № 1" and data["sources"]["topic"] == "--answers"
    assert data["sources"]["customer_name"] == "message"
    used = {e["field"]: e["used"] for e in data["prefilled"]}
    assert used["topic"] is False and used["customer_name"] is True


def test_language_is_guessed_from_the_message(tmp_path: Path) -> None:
    msg = _eml(EN_BODY, "utf-8", "8bit", name="Ann Smith")
    en = [a.replace("=Интернет-магазин «Лампа»", "=Lamp Store") for a in CONSTANTS]
    source = tmp_path / "en.eml"
    source.write_bytes(msg)
    result = CliRunner().invoke(app, ["draft", "complaint", "--from", str(source), *en, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.stdout)
    assert data["lang"] == "en" and data["answers"]["customer_name"] == "Ann Smith"


def test_missing_message_file_is_a_usage_error(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["draft", "complaint", "--from", str(tmp_path / "nope.eml")])
    assert result.exit_code == 2
    assert "no such file" in result.stderr


def test_the_walk_offers_body_suggestions_as_defaults_and_shows_the_message() -> None:
    playbook = SearchPath.default(None).load("complaint")
    prefill = Prefill.build(parse_message(_eml(RU_BODY, "utf-8", "8bit"), "m.eml"), playbook, "ru")
    assert "topic" not in prefill.answers(interactive=True)  # a suggestion: asked, not assumed
    assert prefill.answers(interactive=True)["customer_name"] == "Анна Петрова"
    assert prefill.answers(interactive=False)["topic"] == "заказ № 48150"
    shown = io.StringIO()
    offered: list[object] = []

    def ask(fld: object, default: object, error: object) -> str:
        offered.append(default)
        return ""  # Enter: take the default

    wrapped = prefill.asking(ask, shown)
    topic = next(f for f in playbook.fields if f.name == "topic")
    assert wrapped(topic, None, None) == "заказ № 48150"
    assert offered == ["заказ № 48150"]
    assert (
        "Текст письма клиента:" in shown.getvalue()
        and "(из письма: body: order number)" in shown.getvalue()
    )
