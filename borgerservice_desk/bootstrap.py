"""Wiring of the core: one place builds the services the window (or a test) is given."""

from __future__ import annotations

from dataclasses import dataclass

from borgerservice_desk.config import Paths
from borgerservice_desk.receipts.archive import ReceiptArchive
from borgerservice_desk.services.appointments import AppointmentService
from borgerservice_desk.services.assurance import AssuranceService
from borgerservice_desk.services.audit import AuditTrailService
from borgerservice_desk.services.auth import AuthService
from borgerservice_desk.services.booking import BookingService
from borgerservice_desk.services.centre_settings import CentreSettingsService
from borgerservice_desk.services.citizens import CitizenService
from borgerservice_desk.services.clerks import ClerkAdminService
from borgerservice_desk.services.context import Clock, utc_now
from borgerservice_desk.services.identity import IdentityCheckService
from borgerservice_desk.services.mitid import MitidService
from borgerservice_desk.services.queue import QueueService
from borgerservice_desk.services.recovery import RecoveryService
from borgerservice_desk.services.session import DeskSessionService
from borgerservice_desk.services.statistics import StatisticsService
from borgerservice_desk.storage.database import Database


@dataclass(frozen=True)
class Services:
    db: Database
    auth: AuthService
    appointments: AppointmentService
    booking: BookingService
    citizens: CitizenService
    identity: IdentityCheckService
    mitid: MitidService
    queue: QueueService
    statistics: StatisticsService
    settings: CentreSettingsService
    archive: ReceiptArchive
    clerks: ClerkAdminService
    audit_trail: AuditTrailService
    session: DeskSessionService
    assurance: AssuranceService
    recovery: RecoveryService


def build_services(db: Database, paths: Paths, clock: Clock = utc_now) -> Services:
    archive = ReceiptArchive(paths.receipts_dir)
    auth = AuthService(db, clock)
    return Services(
        db=db,
        auth=auth,
        appointments=AppointmentService(db, clock),
        booking=BookingService(db, clock, confirmations_dir=paths.confirmations_dir),
        citizens=CitizenService(db, clock),
        identity=IdentityCheckService(db, clock),
        mitid=MitidService(db, archive, clock),
        queue=QueueService(db, clock),
        statistics=StatisticsService(db),
        settings=CentreSettingsService(db, clock),
        archive=archive,
        clerks=ClerkAdminService(db, clock),
        audit_trail=AuditTrailService(db, clock),
        session=DeskSessionService(db, auth, clock),
        assurance=AssuranceService(db, clock),
        recovery=RecoveryService(db, archive, clock),
    )
