"""Accounts of the center: agents, supervisors and admins, their groups, and their passwords
(Argon2). Used by the CLI (`softphone central user …`) and by the admin API alike."""

from __future__ import annotations

import functools
import os
import threading
from dataclasses import dataclass
from datetime import datetime, timezone

from argon2 import PasswordHasher
from argon2.exceptions import InvalidHashError, VerificationError
from sqlalchemy import delete, select, update
from sqlalchemy.orm import Session

from softphone.central.models import ROLES, AgentState, Group, Membership, Token, User

_hasher = PasswordHasher()
ARGON2_SLOTS = max(1, min(4, os.cpu_count() or 1))
"""Argon2 computations at once in this process. Each takes its memory cost (64 MiB by default)
and a core for a good part of a second: forty parallel logins (a shift starting, or a guessing
script) ran forty at once — gigabytes, and every other request starved of CPU. Beyond the slots
a login waits its turn."""
_slots = threading.BoundedSemaphore(ARGON2_SLOTS)


@functools.cache
def _dummy_hash() -> str:
    """Verifying against this when the user does not exist keeps a failed login's timing."""
    return hash_password("not a password of anyone")


class AccountError(ValueError):
    """A request about accounts that cannot be done (unknown user, bad role, duplicate name)."""


@dataclass(frozen=True)
class Account:
    name: str
    role: str
    groups: tuple[str, ...]
    disabled: bool


def hash_password(password: str) -> str:
    with _slots:
        return _hasher.hash(password)


def password_matches(stored_hash: str | None, password: str) -> bool:
    dummy = _dummy_hash() if stored_hash is None else ""  # hashed under the slots itself
    with _slots:
        try:
            return _hasher.verify(stored_hash or dummy, password) and stored_hash is not None
        except (VerificationError, InvalidHashError):
            return False


def group_id(session: Session, name: str) -> int:
    """The group's id, creating the group on first mention."""
    found = session.scalar(select(Group.id).where(Group.name == name))
    if found is not None:
        return found
    group = Group(name=name)
    session.add(group)
    session.flush()
    return group.id


def user_by_name(session: Session, name: str) -> User:
    user = session.scalar(select(User).where(User.name == name))
    if user is None:
        raise AccountError(f"no user {name!r}")
    return user


def add_user(session: Session, name: str, role: str, password: str, groups: list[str]) -> User:
    return create_user(session, name, role, hash_password(password), groups)


def create_user(
    session: Session, name: str, role: str, password_hash: str, groups: list[str]
) -> User:
    """An account with an already hashed password (imports, fixtures)."""
    if role not in ROLES:
        raise AccountError(f"role must be one of {', '.join(ROLES)}")
    if not name.strip() or len(name) > 128:
        raise AccountError("a user name is 1 to 128 characters")
    if session.scalar(select(User.id).where(User.name == name)) is not None:
        raise AccountError(f"user {name!r} already exists")
    user = User(
        name=name,
        role=role,
        password_hash=password_hash,
        disabled=False,
        created_at=datetime.now(timezone.utc),
    )
    session.add(user)
    session.flush()
    set_groups(session, user, groups)
    if role == "agent":
        session.add(AgentState.fresh(user.id))  # exists before any upload: uploads only lock it
    return user


def set_groups(session: Session, user: User, groups: list[str]) -> None:
    session.execute(delete(Membership).where(Membership.user_id == user.id))
    for name in dict.fromkeys(groups):
        session.add(Membership(user_id=user.id, group_id=group_id(session, name)))
    session.flush()


def groups_of(session: Session, user_id: int) -> list[str]:
    rows = session.scalars(
        select(Group.name)
        .join(Membership, Membership.group_id == Group.id)
        .where(Membership.user_id == user_id)
        .order_by(Group.name)
    )
    return list(rows)


def set_disabled(session: Session, name: str, disabled: bool = True) -> None:
    """Disabling also revokes every token the user holds: they are out at once."""
    user = user_by_name(session, name)
    user.disabled = disabled
    if disabled:
        revoke_tokens_of(session, user.id)


def set_password(session: Session, name: str, password: str) -> None:
    """A new password revokes every token the user holds: a password changed because it leaked
    must shut out whoever used it, not leave them logged in for the token's twelve hours."""
    user = user_by_name(session, name)
    user.password_hash = hash_password(password)
    revoke_tokens_of(session, user.id)


def revoke_tokens_of(session: Session, user_id: int) -> None:
    session.execute(
        update(Token)
        .where(Token.user_id == user_id, Token.revoked_at.is_(None))
        .values(revoked_at=datetime.now(timezone.utc))
    )


def list_accounts(session: Session) -> list[Account]:
    users = session.scalars(select(User).order_by(User.name)).all()
    return [Account(u.name, u.role, tuple(groups_of(session, u.id)), u.disabled) for u in users]
