# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'shortcut_sheet.ui'
##
## Created by: Qt User Interface Compiler version 6.11.3
##
## WARNING! All changes made in this file will be lost when recompiling UI file!
################################################################################

from PySide6.QtCore import (QCoreApplication, QDate, QDateTime, QLocale,
    QMetaObject, QObject, QPoint, QRect,
    QSize, QTime, QUrl, Qt)
from PySide6.QtGui import (QBrush, QColor, QConicalGradient, QCursor,
    QFont, QFontDatabase, QGradient, QIcon,
    QImage, QKeySequence, QLinearGradient, QPainter,
    QPalette, QPixmap, QRadialGradient, QTransform)
from PySide6.QtWidgets import (QAbstractButton, QAbstractItemView, QApplication, QDialog,
    QDialogButtonBox, QHeaderView, QLabel, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_ShortcutSheet(object):
    def setupUi(self, ShortcutSheet: QDialog) -> None:
        if not ShortcutSheet.objectName():
            ShortcutSheet.setObjectName(u"ShortcutSheet")
        self.sheetLayout = QVBoxLayout(ShortcutSheet)
        self.sheetLayout.setObjectName(u"sheetLayout")
        self.table = QTableWidget(ShortcutSheet)
        if (self.table.columnCount() < 2):
            self.table.setColumnCount(2)
        __qtablewidgetitem = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.table.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        self.table.setObjectName(u"table")
        self.table.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.table.setAlternatingRowColors(True)
        self.table.horizontalHeader().setStretchLastSection(True)
        self.table.verticalHeader().setVisible(False)

        self.sheetLayout.addWidget(self.table)

        self.where = QLabel(ShortcutSheet)
        self.where.setObjectName(u"where")
        self.where.setWordWrap(True)

        self.sheetLayout.addWidget(self.where)

        self.buttons = QDialogButtonBox(ShortcutSheet)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.sheetLayout.addWidget(self.buttons)


        self.retranslateUi(ShortcutSheet)

        QMetaObject.connectSlotsByName(ShortcutSheet)
    # setupUi

    def retranslateUi(self, ShortcutSheet: QDialog) -> None:
        ShortcutSheet.setWindowTitle(QCoreApplication.translate("ShortcutSheet", u"Keyboard shortcuts", None))
        ___qtablewidgetitem = self.table.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("ShortcutSheet", u"Keys", None))
        ___qtablewidgetitem1 = self.table.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("ShortcutSheet", u"What they do", None))
#if QT_CONFIG(accessibility)
        self.table.setAccessibleName(QCoreApplication.translate("ShortcutSheet", u"Keyboard shortcuts", None))
#endif // QT_CONFIG(accessibility)
        self.where.setText(QCoreApplication.translate("ShortcutSheet", u"Answer, decline, hang up, mute and hold work from every window of the app, the pop-up too.", None))
#if QT_CONFIG(accessibility)
        self.where.setAccessibleName(QCoreApplication.translate("ShortcutSheet", u"Where the shortcuts work", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.buttons.setAccessibleName(QCoreApplication.translate("ShortcutSheet", u"Close", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

