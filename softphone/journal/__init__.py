"""The local journal: one SQLite file per profile holding call records, the operation log,
status intervals and readiness reports, written before anything is sent; plus the outbox."""
