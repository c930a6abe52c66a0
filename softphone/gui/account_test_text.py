"""What the agent reads after "Test" on the account page and "Sign in" on the central page: the
outcome in words, with what to do about it. Kept apart from the dialog so that the wording is
tested without a window."""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication

from softphone.agent.account_test import TIMEOUT_S, AccountTest
from softphone.agent.central_sign_in import SignIn


def tr(text: str) -> str:
    return QCoreApplication.translate("AccountTest", text)


def account_test_text(result: AccountTest, user: str) -> tuple[str, bool]:
    """The sentence for the agent, and whether the account works."""
    where = {
        "host": result.host,
        "port": result.port,
        "transport": result.transport.upper(),
        "user": user,
        "code": result.code,
        "reason": result.reason,
    }
    if result.outcome == "registered":
        return tr("Registered: {host} accepted {user} over {transport}.").format(**where), True
    texts = {
        "wrong_password": tr(
            "Wrong password: the server refused {user} ({code} {reason}). Check the password "
            "and the user name."
        ),
        "unknown_user": tr(
            "The server does not know the user {user} ({code}). Check the user name and the domain."
        ),
        "refused": tr("The server refused the registration: {code} {reason}."),
        "nothing_listens": tr(
            "Server unreachable: nothing answers on {host} port {port} over {transport}. The "
            "port or the transport is probably wrong: ask IT for the SIP server's {transport} "
            "port."
        ),
        "no_answer": tr(
            "Server unreachable: no answer from {host} port {port} over {transport} within "
            "{seconds} s. A firewall may be blocking it: ask IT to open port {port}/{protocol}, "
            "or try another transport."
        ),
        "unresolved": tr(
            "Server unreachable: the name {host} is not found. Check the server's name, your "
            "network or VPN."
        ),
        "failed": tr("The test could not finish: {reason}"),
    }
    if result.outcome == "tls_untrusted":
        return _untrusted_text(result), False
    text = texts.get(result.outcome, texts["failed"])
    protocol = "udp" if result.transport == "udp" else "tcp"
    return text.format(**where, seconds=f"{TIMEOUT_S:.0f}", protocol=protocol), False


def _untrusted_text(result: AccountTest) -> str:
    problem = result.problem or tr("not trusted")
    if result.certificate_issuer:
        return tr(
            "TLS certificate not trusted: {host} showed a certificate for {subject} issued by "
            "{issuer}, which this computer does not trust ({problem}). Ask IT for the "
            "certificate of {issuer} and install it on this computer, or enter its file as the "
            "TLS CA certificate above; do not switch verification off."
        ).format(
            host=result.host,
            subject=result.certificate_subject or result.host,
            issuer=result.certificate_issuer,
            problem=problem,
        )
    return tr(
        "TLS certificate not trusted: {host} showed a certificate this computer does not trust "
        "({problem}). Ask IT for the certificate of the authority that issued it and install it "
        "on this computer, or enter its file as the TLS CA certificate above."
    ).format(host=result.host, problem=problem)


def role_name(role: str) -> str:
    """The center's role code in the agent's language (a role of a newer center as it came)."""
    names = {"agent": tr("agent"), "supervisor": tr("supervisor"), "admin": tr("administrator")}
    return names.get(role, role)


def sign_in_text(result: SignIn, user: str) -> tuple[str, bool]:
    if result.outcome == "ok":
        role = role_name(result.role)
        return tr("Signed in as {user} ({role}).").format(user=user, role=role), True
    if result.outcome == "refused":
        return tr("The center refused {user}: check the user name and password.").format(
            user=user
        ), False
    return tr("The center cannot be reached: {reason}").format(reason=result.reason), False
