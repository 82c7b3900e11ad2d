"""File > Restore: pick one of the automatic or manual backups and put it back."""
from __future__ import annotations

from PySide6.QtCore import QLocale, Qt
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QVBoxLayout,
    QWidget,
)

from core.store.backup import backup_folder, list_backups, restore_backup
from core.store.db import Database
from core.store.errors import BackupUnreadable

from gui.widgets.fields import moment_text

_PATH_ROLE = int(Qt.ItemDataRole.UserRole)


class RestoreDialog(QDialog):
    def __init__(self, database: Database, parent: QWidget | None = None, *,
                 intro: str | None = None) -> None:
        super().__init__(parent)
        self._database = database
        self.restored = False
        self.setWindowTitle(self.tr("Restore From Backup"))
        self.resize(560, 420)
        self.intro_label = QLabel(intro or self.tr(
            "Choose a backup to restore. The current database is kept as a backup too, "
            "so you can change your mind."))
        self.intro_label.setWordWrap(True)
        self.backups_list = QListWidget()
        reasons = {
            "daily": self.tr("Daily backup"), "manual": self.tr("Backed up by hand"),
            "before-migration": self.tr("Before an update"),
            "before-restore": self.tr("Before a restore"),
        }
        locale = QLocale()
        backups = list_backups(backup_folder(database.sqlite_path)) if database.sqlite_path else []
        for info in backups:
            when = moment_text(locale, info.taken_at, QLocale.FormatType.LongFormat)
            size = locale.formattedDataSize(info.size_bytes, 1, QLocale.DataSizeFormat.DataSizeSIFormat)
            item = QListWidgetItem(f"{when}  ·  {reasons.get(info.reason, info.reason)}  ·  {size}")
            item.setData(_PATH_ROLE, str(info.path))
            self.backups_list.addItem(item)
        if self.backups_list.count():
            self.backups_list.setCurrentRow(0)
        else:
            self.backups_list.addItem(self.tr("No backups yet."))
            self.backups_list.setEnabled(False)
        self.button_box = QDialogButtonBox(QDialogButtonBox.StandardButton.Cancel)
        self.restore_button = self.button_box.addButton(
            self.tr("Restore"), QDialogButtonBox.ButtonRole.AcceptRole)
        self.restore_button.setEnabled(self.backups_list.isEnabled())
        self.button_box.accepted.connect(self._on_restore_clicked)
        self.button_box.rejected.connect(self.reject)
        self.backups_list.itemDoubleClicked.connect(self._on_restore_clicked)
        layout = QVBoxLayout(self)
        layout.addWidget(self.intro_label)
        layout.addWidget(self.backups_list, 1)
        layout.addWidget(self.button_box)

    def _on_restore_clicked(self) -> None:
        from pathlib import Path

        item = self.backups_list.currentItem()
        target = self._database.sqlite_path
        if item is None or target is None or item.data(_PATH_ROLE) is None:
            return
        self._database.close()
        try:
            restore_backup(Path(item.data(_PATH_ROLE)), target)
        except BackupUnreadable as exc:
            QMessageBox.warning(self, self.tr("Cannot restore"),
                                self.tr("This backup cannot be read: %s") % exc.reason)
            return
        self.restored = True
        self.accept()
