"""Admin endpoints (filled in with the admin issue step)."""

from __future__ import annotations

from fastapi import APIRouter

router = APIRouter(tags=["admin"])
