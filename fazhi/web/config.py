"""What a running web workspace is configured with; `fazhi serve` fills it from its options."""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class WebConfig:
    """Settings of one server.

    The side files live beside the corpus so that a reviewer who copies the folder copies
    everything: `<db>.web.sqlite` (accounts, sessions, jobs) and `<db>.uploads/` (the files
    reviewers uploaded, kept as the sources the corpus points to).
    """

    db: str
    public: bool = False  # anonymous visitors may read (never write)
    max_upload_bytes: int = 50 * 1024 * 1024  # one upload request (all its files together)
    max_form_bytes: int = 1024 * 1024  # any other request body
    allow_private_urls: bool = False  # a server must not fetch loopback/intranet addresses for a visitor
    workers: int | None = None  # analysis processes per ingest job (None: one per core)
    session_hours: float = 12.0  # a session ends after this long without a request
    uploads: str | None = None  # where uploaded files are kept; default `<db>.uploads`
    accounts: str | None = None  # the SQLite side file; default `<db>.web.sqlite`
    # with `fazhi serve --readers N` (fazhi.web.processes): "writer" holds the corpus and publishes
    # read-only copies into `replicas`; a "reader" serves pages from them and sends writes to `writer_socket`
    role: str = "single"
    replicas: str | None = None
    writer_socket: str | None = None

    @property
    def uploads_dir(self) -> Path:
        return Path(self.uploads or f"{self.db}.uploads")

    @property
    def replicas_dir(self) -> str:
        return self.replicas or f"{self.db}.readers"

    @property
    def accounts_path(self) -> str:
        return self.accounts or f"{self.db}.web.sqlite"
