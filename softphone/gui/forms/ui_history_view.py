# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'history_view.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QComboBox, QHBoxLayout,
    QHeaderView, QLabel, QLineEdit, QPushButton,
    QSizePolicy, QSpacerItem, QTableWidget, QTableWidgetItem,
    QVBoxLayout, QWidget)

class Ui_HistoryView(object):
    def setupUi(self, HistoryView: QWidget) -> None:
        if not HistoryView.objectName():
            HistoryView.setObjectName(u"HistoryView")
        self.historyLayout = QVBoxLayout(HistoryView)
        self.historyLayout.setSpacing(6)
        self.historyLayout.setObjectName(u"historyLayout")
        self.historyLayout.setContentsMargins(0, 0, 0, 0)
        self.filterRow = QHBoxLayout()
        self.filterRow.setObjectName(u"filterRow")
        self.filter = QLineEdit(HistoryView)
        self.filter.setObjectName(u"filter")
        self.filter.setClearButtonEnabled(True)

        self.filterRow.addWidget(self.filter)

        self.direction = QComboBox(HistoryView)
        self.direction.addItem("")
        self.direction.addItem("")
        self.direction.addItem("")
        self.direction.setObjectName(u"direction")

        self.filterRow.addWidget(self.direction)


        self.historyLayout.addLayout(self.filterRow)

        self.calls = QTableWidget(HistoryView)
        if (self.calls.columnCount() < 5):
            self.calls.setColumnCount(5)
        __qtablewidgetitem = QTableWidgetItem()
        self.calls.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.calls.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.calls.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.calls.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.calls.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        self.calls.setObjectName(u"calls")
        self.calls.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.calls.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.calls.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.calls.setAlternatingRowColors(True)
        self.calls.setWordWrap(False)
        self.calls.horizontalHeader().setStretchLastSection(True)
        self.calls.verticalHeader().setVisible(False)

        self.historyLayout.addWidget(self.calls)

        self.note = QLabel(HistoryView)
        self.note.setObjectName(u"note")
        self.note.setWordWrap(True)

        self.historyLayout.addWidget(self.note)

        self.buttonRow = QHBoxLayout()
        self.buttonRow.setObjectName(u"buttonRow")
        self.shown = QLabel(HistoryView)
        self.shown.setObjectName(u"shown")

        self.buttonRow.addWidget(self.shown)

        self.gap = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonRow.addItem(self.gap)

        self.call_again = QPushButton(HistoryView)
        self.call_again.setObjectName(u"call_again")

        self.buttonRow.addWidget(self.call_again)


        self.historyLayout.addLayout(self.buttonRow)

        QWidget.setTabOrder(self.filter, self.direction)
        QWidget.setTabOrder(self.direction, self.calls)
        QWidget.setTabOrder(self.calls, self.call_again)

        self.retranslateUi(HistoryView)

        QMetaObject.connectSlotsByName(HistoryView)
    # setupUi

    def retranslateUi(self, HistoryView: QWidget) -> None:
        self.filter.setPlaceholderText(QCoreApplication.translate("HistoryView", u"Filter: number, name, result, disposition\u2026", None))
#if QT_CONFIG(accessibility)
        self.filter.setAccessibleName(QCoreApplication.translate("HistoryView", u"Filter the calls", None))
#endif // QT_CONFIG(accessibility)
        self.direction.setItemText(0, QCoreApplication.translate("HistoryView", u"All calls", None))
        self.direction.setItemText(1, QCoreApplication.translate("HistoryView", u"Inbound", None))
        self.direction.setItemText(2, QCoreApplication.translate("HistoryView", u"Outbound", None))

#if QT_CONFIG(accessibility)
        self.direction.setAccessibleName(QCoreApplication.translate("HistoryView", u"Direction", None))
#endif // QT_CONFIG(accessibility)
        ___qtablewidgetitem = self.calls.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("HistoryView", u"When", None))
        ___qtablewidgetitem1 = self.calls.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("HistoryView", u"Number", None))
        ___qtablewidgetitem2 = self.calls.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("HistoryView", u"Result", None))
        ___qtablewidgetitem3 = self.calls.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("HistoryView", u"MOS", None))
        ___qtablewidgetitem4 = self.calls.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("HistoryView", u"Disposition", None))
#if QT_CONFIG(accessibility)
        self.calls.setAccessibleName(QCoreApplication.translate("HistoryView", u"Recent calls", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.note.setAccessibleName(QCoreApplication.translate("HistoryView", u"About the last redial", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.shown.setAccessibleName(QCoreApplication.translate("HistoryView", u"Calls shown", None))
#endif // QT_CONFIG(accessibility)
        self.call_again.setText(QCoreApplication.translate("HistoryView", u"Call back", None))
#if QT_CONFIG(accessibility)
        self.call_again.setAccessibleName(QCoreApplication.translate("HistoryView", u"Call this number again", None))
#endif // QT_CONFIG(accessibility)
        pass
    # retranslateUi

