"""The desktop starts the app with the link an agent clicked (`softphone-gui tel:+49…`, the
.desktop file's `%u`): the command line takes it instead of failing on usage."""

from __future__ import annotations

import pytest

from softphone import cli


@pytest.mark.parametrize("link", ["tel:+4930123456", "sip:1002@pbx.example.com", "callto:1002"])
def test_a_clicked_link_opens_the_window(link: str, monkeypatch: pytest.MonkeyPatch) -> None:
    opened: list[object] = []
    monkeypatch.setattr(
        cli, "_gui", lambda args, links: opened.append((args.profile, list(links))) or 0
    )
    assert cli.main([link]) == 0
    assert opened == [(None, [link])]  # the window (or the running app) gets the link


def test_a_link_beside_an_option_is_left_out(monkeypatch: pytest.MonkeyPatch) -> None:
    asked: list[bool] = []
    # --version itself starts pjsua2; here only what the command line understood matters
    monkeypatch.setattr("softphone.versions.print_versions", lambda as_json: asked.append(as_json))
    assert not cli.main(["tel:+4930123456", "--version", "--json"])
    assert asked == [True]
