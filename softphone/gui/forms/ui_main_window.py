# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'main_window.ui'
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
from PySide6.QtWidgets import (QApplication, QHBoxLayout, QLabel, QLineEdit,
    QMainWindow, QPlainTextEdit, QPushButton, QSizePolicy,
    QTabWidget, QVBoxLayout, QWidget)

class Ui_MainWindow(object):
    def setupUi(self, MainWindow: QMainWindow) -> None:
        if not MainWindow.objectName():
            MainWindow.setObjectName(u"MainWindow")
        MainWindow.resize(480, 780)
        self.body = QWidget(MainWindow)
        self.body.setObjectName(u"body")
        self.bodyLayout = QVBoxLayout(self.body)
        self.bodyLayout.setSpacing(8)
        self.bodyLayout.setObjectName(u"bodyLayout")
        self.bannerSlot = QVBoxLayout()
        self.bannerSlot.setSpacing(0)
        self.bannerSlot.setObjectName(u"bannerSlot")

        self.bodyLayout.addLayout(self.bannerSlot)

        self.registration = QLabel(self.body)
        self.registration.setObjectName(u"registration")
        self.registration.setWordWrap(True)

        self.bodyLayout.addWidget(self.registration)

        self.statusSlot = QVBoxLayout()
        self.statusSlot.setObjectName(u"statusSlot")

        self.bodyLayout.addLayout(self.statusSlot)

        self.wrapUpSlot = QVBoxLayout()
        self.wrapUpSlot.setObjectName(u"wrapUpSlot")

        self.bodyLayout.addLayout(self.wrapUpSlot)

        self.tabs = QTabWidget(self.body)
        self.tabs.setObjectName(u"tabs")
        self.phone_tab = QWidget()
        self.phone_tab.setObjectName(u"phone_tab")
        self.phoneLayout = QVBoxLayout(self.phone_tab)
        self.phoneLayout.setSpacing(8)
        self.phoneLayout.setObjectName(u"phoneLayout")
        self.dialRow = QHBoxLayout()
        self.dialRow.setObjectName(u"dialRow")
        self.number = QLineEdit(self.phone_tab)
        self.number.setObjectName(u"number")
        self.number.setClearButtonEnabled(True)

        self.dialRow.addWidget(self.number)

        self.call_button = QPushButton(self.phone_tab)
        self.call_button.setObjectName(u"call_button")

        self.dialRow.addWidget(self.call_button)


        self.phoneLayout.addLayout(self.dialRow)

        self.verdict = QLabel(self.phone_tab)
        self.verdict.setObjectName(u"verdict")
        self.verdict.setWordWrap(True)

        self.phoneLayout.addWidget(self.verdict)

        self.calls_title = QLabel(self.phone_tab)
        self.calls_title.setObjectName(u"calls_title")

        self.phoneLayout.addWidget(self.calls_title)

        self.callsSlot = QVBoxLayout()
        self.callsSlot.setObjectName(u"callsSlot")

        self.phoneLayout.addLayout(self.callsSlot)

        self.cardSlot = QVBoxLayout()
        self.cardSlot.setObjectName(u"cardSlot")

        self.phoneLayout.addLayout(self.cardSlot)

        self.do_not_call = QPushButton(self.phone_tab)
        self.do_not_call.setObjectName(u"do_not_call")

        self.phoneLayout.addWidget(self.do_not_call)

        self.tabs.addTab(self.phone_tab, "")
        self.history_tab = QWidget()
        self.history_tab.setObjectName(u"history_tab")
        self.historySlot = QVBoxLayout(self.history_tab)
        self.historySlot.setObjectName(u"historySlot")
        self.tabs.addTab(self.history_tab, "")
        self.messages_tab = QWidget()
        self.messages_tab.setObjectName(u"messages_tab")
        self.messagesLayout = QVBoxLayout(self.messages_tab)
        self.messagesLayout.setObjectName(u"messagesLayout")
        self.log = QPlainTextEdit(self.messages_tab)
        self.log.setObjectName(u"log")
        self.log.setReadOnly(True)

        self.messagesLayout.addWidget(self.log)

        self.tabs.addTab(self.messages_tab, "")

        self.bodyLayout.addWidget(self.tabs)

        MainWindow.setCentralWidget(self.body)
        QWidget.setTabOrder(self.number, self.call_button)
        QWidget.setTabOrder(self.call_button, self.do_not_call)

        self.retranslateUi(MainWindow)

        QMetaObject.connectSlotsByName(MainWindow)
    # setupUi

    def retranslateUi(self, MainWindow: QMainWindow) -> None:
        MainWindow.setWindowTitle(QCoreApplication.translate("MainWindow", u"Agent Softphone", None))
        self.registration.setText(QCoreApplication.translate("MainWindow", u"Not registered", None))
#if QT_CONFIG(accessibility)
        self.registration.setAccessibleName(QCoreApplication.translate("MainWindow", u"Registration", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.tabs.setAccessibleName(QCoreApplication.translate("MainWindow", u"Phone and history", None))
#endif // QT_CONFIG(accessibility)
        self.number.setPlaceholderText(QCoreApplication.translate("MainWindow", u"Number or SIP address", None))
#if QT_CONFIG(accessibility)
        self.number.setAccessibleName(QCoreApplication.translate("MainWindow", u"Number to call", None))
#endif // QT_CONFIG(accessibility)
        self.call_button.setText(QCoreApplication.translate("MainWindow", u"Call", None))
#if QT_CONFIG(accessibility)
        self.call_button.setAccessibleName(QCoreApplication.translate("MainWindow", u"Call", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.verdict.setAccessibleName(QCoreApplication.translate("MainWindow", u"May this number be called", None))
#endif // QT_CONFIG(accessibility)
        self.calls_title.setText(QCoreApplication.translate("MainWindow", u"Calls", None))
        self.do_not_call.setText(QCoreApplication.translate("MainWindow", u"Do not call again\u2026", None))
#if QT_CONFIG(accessibility)
        self.do_not_call.setAccessibleName(QCoreApplication.translate("MainWindow", u"Do not call again", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.phone_tab), QCoreApplication.translate("MainWindow", u"&Phone", None))
        self.tabs.setTabText(self.tabs.indexOf(self.history_tab), QCoreApplication.translate("MainWindow", u"&History", None))
#if QT_CONFIG(accessibility)
        self.log.setAccessibleName(QCoreApplication.translate("MainWindow", u"Messages", None))
#endif // QT_CONFIG(accessibility)
        self.tabs.setTabText(self.tabs.indexOf(self.messages_tab), QCoreApplication.translate("MainWindow", u"&Messages", None))
    # retranslateUi

