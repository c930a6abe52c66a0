# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'incoming_popup.ui'
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
from PySide6.QtWidgets import (QAbstractItemView, QApplication, QDialog, QHBoxLayout,
    QHeaderView, QLabel, QPushButton, QSizePolicy,
    QTableWidget, QTableWidgetItem, QVBoxLayout, QWidget)

class Ui_IncomingPopup(object):
    def setupUi(self, IncomingPopup: QDialog) -> None:
        if not IncomingPopup.objectName():
            IncomingPopup.setObjectName(u"IncomingPopup")
        IncomingPopup.resize(560, 420)
        self.popupLayout = QVBoxLayout(IncomingPopup)
        self.popupLayout.setObjectName(u"popupLayout")
        self.heading = QLabel(IncomingPopup)
        self.heading.setObjectName(u"heading")

        self.popupLayout.addWidget(self.heading)

        self.caller = QLabel(IncomingPopup)
        self.caller.setObjectName(u"caller")
        self.caller.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.popupLayout.addWidget(self.caller)

        self.caller_details = QLabel(IncomingPopup)
        self.caller_details.setObjectName(u"caller_details")
        self.caller_details.setWordWrap(True)

        self.popupLayout.addWidget(self.caller_details)

        self.origin = QLabel(IncomingPopup)
        self.origin.setObjectName(u"origin")
        self.origin.setWordWrap(True)

        self.popupLayout.addWidget(self.origin)

        self.local_time = QLabel(IncomingPopup)
        self.local_time.setObjectName(u"local_time")

        self.popupLayout.addWidget(self.local_time)

        self.called = QLabel(IncomingPopup)
        self.called.setObjectName(u"called")
        self.called.setWordWrap(True)

        self.popupLayout.addWidget(self.called)

        self.do_not_call_warning = QLabel(IncomingPopup)
        self.do_not_call_warning.setObjectName(u"do_not_call_warning")
        self.do_not_call_warning.setWordWrap(True)

        self.popupLayout.addWidget(self.do_not_call_warning)

        self.history_title = QLabel(IncomingPopup)
        self.history_title.setObjectName(u"history_title")

        self.popupLayout.addWidget(self.history_title)

        self.history = QTableWidget(IncomingPopup)
        if (self.history.columnCount() < 7):
            self.history.setColumnCount(7)
        __qtablewidgetitem = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(0, __qtablewidgetitem)
        __qtablewidgetitem1 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(1, __qtablewidgetitem1)
        __qtablewidgetitem2 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(2, __qtablewidgetitem2)
        __qtablewidgetitem3 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(3, __qtablewidgetitem3)
        __qtablewidgetitem4 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(4, __qtablewidgetitem4)
        __qtablewidgetitem5 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(5, __qtablewidgetitem5)
        __qtablewidgetitem6 = QTableWidgetItem()
        self.history.setHorizontalHeaderItem(6, __qtablewidgetitem6)
        self.history.setObjectName(u"history")
        self.history.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        self.history.setSelectionMode(QAbstractItemView.SelectionMode.NoSelection)
        self.history.setFocusPolicy(Qt.FocusPolicy.NoFocus)
        self.history.setAlternatingRowColors(True)
        self.history.setWordWrap(False)
        self.history.horizontalHeader().setStretchLastSection(True)
        self.history.verticalHeader().setVisible(False)

        self.popupLayout.addWidget(self.history)

        self.buttons = QHBoxLayout()
        self.buttons.setObjectName(u"buttons")
        self.answer_button = QPushButton(IncomingPopup)
        self.answer_button.setObjectName(u"answer_button")

        self.buttons.addWidget(self.answer_button)

        self.answer_hold_button = QPushButton(IncomingPopup)
        self.answer_hold_button.setObjectName(u"answer_hold_button")

        self.buttons.addWidget(self.answer_hold_button)

        self.decline_button = QPushButton(IncomingPopup)
        self.decline_button.setObjectName(u"decline_button")

        self.buttons.addWidget(self.decline_button)


        self.popupLayout.addLayout(self.buttons)


        self.retranslateUi(IncomingPopup)

        QMetaObject.connectSlotsByName(IncomingPopup)
    # setupUi

    def retranslateUi(self, IncomingPopup: QDialog) -> None:
        IncomingPopup.setWindowTitle(QCoreApplication.translate("IncomingPopup", u"Incoming call", None))
        self.heading.setText(QCoreApplication.translate("IncomingPopup", u"Incoming call", None))
#if QT_CONFIG(accessibility)
        self.caller.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Caller's number", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.caller_details.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Caller's name and international number", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.origin.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Provider and region", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.local_time.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Caller's local time", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.called.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Line called and skill group", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.do_not_call_warning.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Do-not-call warning", None))
#endif // QT_CONFIG(accessibility)
        self.history_title.setText(QCoreApplication.translate("IncomingPopup", u"Looking up our calls with this number\u2026", None))
#if QT_CONFIG(accessibility)
        self.history_title.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Our calls with this number", None))
#endif // QT_CONFIG(accessibility)
        ___qtablewidgetitem = self.history.horizontalHeaderItem(0)
        ___qtablewidgetitem.setText(QCoreApplication.translate("IncomingPopup", u"When", None))
        ___qtablewidgetitem1 = self.history.horizontalHeaderItem(1)
        ___qtablewidgetitem1.setText(QCoreApplication.translate("IncomingPopup", u"Name", None))
        ___qtablewidgetitem2 = self.history.horizontalHeaderItem(2)
        ___qtablewidgetitem2.setText(QCoreApplication.translate("IncomingPopup", u"Agent", None))
        ___qtablewidgetitem3 = self.history.horizontalHeaderItem(3)
        ___qtablewidgetitem3.setText(QCoreApplication.translate("IncomingPopup", u"Direction", None))
        ___qtablewidgetitem4 = self.history.horizontalHeaderItem(4)
        ___qtablewidgetitem4.setText(QCoreApplication.translate("IncomingPopup", u"Result", None))
        ___qtablewidgetitem5 = self.history.horizontalHeaderItem(5)
        ___qtablewidgetitem5.setText(QCoreApplication.translate("IncomingPopup", u"Disposition", None))
        ___qtablewidgetitem6 = self.history.horizontalHeaderItem(6)
        ___qtablewidgetitem6.setText(QCoreApplication.translate("IncomingPopup", u"Remarks", None))
#if QT_CONFIG(accessibility)
        self.history.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Last calls with this number", None))
#endif // QT_CONFIG(accessibility)
        self.answer_button.setText(QCoreApplication.translate("IncomingPopup", u"&Answer (Enter)", None))
#if QT_CONFIG(accessibility)
        self.answer_button.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Answer the call", None))
#endif // QT_CONFIG(accessibility)
        self.answer_hold_button.setText(QCoreApplication.translate("IncomingPopup", u"Answer and &hold current", None))
#if QT_CONFIG(accessibility)
        self.answer_hold_button.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Answer and put the current call on hold", None))
#endif // QT_CONFIG(accessibility)
        self.decline_button.setText(QCoreApplication.translate("IncomingPopup", u"&Decline (Esc)", None))
#if QT_CONFIG(accessibility)
        self.decline_button.setAccessibleName(QCoreApplication.translate("IncomingPopup", u"Decline the call", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

