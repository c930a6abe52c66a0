"""softphone.toml: what IT writes is read as written; mistakes are named, not defaulted."""

from pathlib import Path

import pytest

from softphone.config import ConfigError, load_profile, parse_settings, split_host_port


def test_a_full_sip_section() -> None:
    settings = parse_settings(
        '[sip]\nserver = "pbx.example:5061"\nuser = "agent7"\ntransport = "tls"\n'
        'srtp = "mandatory"\n[audio]\ninput = "Headset Mic"\nring = "Speakers"\n'
    )
    assert settings.sip.host == "pbx.example"
    assert settings.sip.sip_domain == "pbx.example"  # domain defaults to the server's host
    assert settings.sip.transport == "tls" and settings.sip.srtp == "mandatory"
    assert settings.audio.input == "Headset Mic" and settings.audio.output == ""


def test_domain_overrides_the_server_host() -> None:
    settings = parse_settings('[sip]\nserver = "10.0.0.5"\ndomain = "corp.example"\n')
    assert settings.sip.sip_domain == "corp.example"


@pytest.mark.parametrize(
    ("text", "complaint"),
    [
        ('[sip]\ntransport = "sctp"\n', "transport"),
        ('[sip]\nsrtp = "yes"\n', "srtp"),
        ('[sip]\nusr = "typo"\n', "unknown key 'usr'"),
        ('[sip]\nregister_expires_s = "300"\n', "register_expires_s must be a int"),
        ('[sip]\nserver = "host:port"\n', "port"),
        ("[sip\nserver=", "not valid TOML"),
    ],
)
def test_mistakes_are_named(text: str, complaint: str) -> None:
    with pytest.raises(ConfigError, match=complaint):
        parse_settings(text)


def test_ipv6_server() -> None:
    assert split_host_port("[2001:db8::1]:5080")[:2] == ("2001:db8::1", 5080)


def test_missing_or_corrupt_profile_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigError, match=r"no softphone\.toml"):
        load_profile(tmp_path)
    (tmp_path / "softphone.toml").write_bytes(b"\xff\xfe\x00garbage")
    with pytest.raises(ConfigError, match="cannot read"):
        load_profile(tmp_path)
