"""Settings of the funding applications, each with a default (read through home.app_settings)."""

from home.app_settings import AppSettings

DEFAULTS = {
    # Days before a preparation group meeting that applications for it are due. An application
    # received later goes to the following meeting.
    "APPLICATIONS_DEADLINE_LEAD_DAYS": 14,
    # Attachments one application may carry, and bytes each may have.
    "APPLICATIONS_MAX_FILES": 5,
    "APPLICATIONS_MAX_FILE_SIZE": 10 * 1024 * 1024,
    # For DOCX, XLSX and ODF files (zip archives): members an archive may hold, bytes they may
    # declare uncompressed in all, and the largest ratio of uncompressed to compressed size of one
    # member. Larger ones are refused as zip bombs; real office files stay far below all three.
    "APPLICATIONS_MAX_ZIP_MEMBERS": 2000,
    "APPLICATIONS_MAX_UNCOMPRESSED_SIZE": 100 * 1024 * 1024,
    "APPLICATIONS_MAX_COMPRESSION_RATIO": 200,
    # Seconds the status link in the receipt works: one year.
    "APPLICATIONS_STATUS_LINK_MAX_AGE": 365 * 24 * 3600,
    # Days after a rejection or a withdrawal that the applicant's personal data and the
    # attachments are erased (applications.tasks.erase_closed_applications_task, daily).
    "APPLICATIONS_RETENTION_DAYS": 365,
    # Seconds after which a receipt still unsent, or a decision's notice still unclaimed, is queued
    # again by the sweep (applications.tasks.sweep_applicant_emails_task, every five minutes).
    "APPLICATIONS_SWEEP_AFTER": 120,
}

get = AppSettings("APPLICATIONS", DEFAULTS).get
