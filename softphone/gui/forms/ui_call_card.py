# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'call_card.ui'
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
from PySide6.QtWidgets import (QApplication, QFrame, QGridLayout, QHBoxLayout,
    QLabel, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_CallCard(object):
    def setupUi(self, CallCard: QFrame) -> None:
        if not CallCard.objectName():
            CallCard.setObjectName(u"CallCard")
        self.cardLayout = QVBoxLayout(CallCard)
        self.cardLayout.setSpacing(6)
        self.cardLayout.setObjectName(u"cardLayout")
        self.headRow = QHBoxLayout()
        self.headRow.setObjectName(u"headRow")
        self.who = QLabel(CallCard)
        self.who.setObjectName(u"who")
        self.who.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        self.headRow.addWidget(self.who)

        self.headSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.headRow.addItem(self.headSpacer)

        self.state = QLabel(CallCard)
        self.state.setObjectName(u"state")

        self.headRow.addWidget(self.state)

        self.timer = QLabel(CallCard)
        self.timer.setObjectName(u"timer")

        self.headRow.addWidget(self.timer)


        self.cardLayout.addLayout(self.headRow)

        self.qualitySlot = QHBoxLayout()
        self.qualitySlot.setSpacing(8)
        self.qualitySlot.setObjectName(u"qualitySlot")

        self.cardLayout.addLayout(self.qualitySlot)

        self.levelSlot = QVBoxLayout()
        self.levelSlot.setSpacing(0)
        self.levelSlot.setObjectName(u"levelSlot")

        self.cardLayout.addLayout(self.levelSlot)

        self.consult_bar = QFrame(CallCard)
        self.consult_bar.setObjectName(u"consult_bar")
        self.consultLayout = QGridLayout(self.consult_bar)
        self.consultLayout.setObjectName(u"consultLayout")
        self.held_title = QLabel(self.consult_bar)
        self.held_title.setObjectName(u"held_title")

        self.consultLayout.addWidget(self.held_title, 0, 0, 1, 1)

        self.consult_title = QLabel(self.consult_bar)
        self.consult_title.setObjectName(u"consult_title")

        self.consultLayout.addWidget(self.consult_title, 0, 1, 1, 1)

        self.held_call = QLabel(self.consult_bar)
        self.held_call.setObjectName(u"held_call")

        self.consultLayout.addWidget(self.held_call, 1, 0, 1, 1)

        self.consult_call = QLabel(self.consult_bar)
        self.consult_call.setObjectName(u"consult_call")

        self.consultLayout.addWidget(self.consult_call, 1, 1, 1, 1)

        self.complete_transfer = QPushButton(self.consult_bar)
        self.complete_transfer.setObjectName(u"complete_transfer")

        self.consultLayout.addWidget(self.complete_transfer, 2, 0, 1, 1)

        self.cancel_consult = QPushButton(self.consult_bar)
        self.cancel_consult.setObjectName(u"cancel_consult")

        self.consultLayout.addWidget(self.cancel_consult, 2, 1, 1, 1)


        self.cardLayout.addWidget(self.consult_bar)

        self.controls = QGridLayout()
        self.controls.setObjectName(u"controls")
        self.mute = QPushButton(CallCard)
        self.mute.setObjectName(u"mute")
        self.mute.setCheckable(True)

        self.controls.addWidget(self.mute, 0, 0, 1, 1)

        self.hold = QPushButton(CallCard)
        self.hold.setObjectName(u"hold")
        self.hold.setCheckable(True)

        self.controls.addWidget(self.hold, 0, 1, 1, 1)

        self.hang_up = QPushButton(CallCard)
        self.hang_up.setObjectName(u"hang_up")

        self.controls.addWidget(self.hang_up, 0, 2, 1, 1)

        self.transfer = QPushButton(CallCard)
        self.transfer.setObjectName(u"transfer")

        self.controls.addWidget(self.transfer, 1, 0, 1, 1)

        self.consult = QPushButton(CallCard)
        self.consult.setObjectName(u"consult")

        self.controls.addWidget(self.consult, 1, 1, 1, 1)

        self.survey = QPushButton(CallCard)
        self.survey.setObjectName(u"survey")

        self.controls.addWidget(self.survey, 1, 2, 1, 1)


        self.cardLayout.addLayout(self.controls)

        self.keypad = QGridLayout()
        self.keypad.setObjectName(u"keypad")
        self.key_1 = QPushButton(CallCard)
        self.key_1.setObjectName(u"key_1")
        self.key_1.setText(u"1")

        self.keypad.addWidget(self.key_1, 0, 0, 1, 1)

        self.key_2 = QPushButton(CallCard)
        self.key_2.setObjectName(u"key_2")
        self.key_2.setText(u"2")

        self.keypad.addWidget(self.key_2, 0, 1, 1, 1)

        self.key_3 = QPushButton(CallCard)
        self.key_3.setObjectName(u"key_3")
        self.key_3.setText(u"3")

        self.keypad.addWidget(self.key_3, 0, 2, 1, 1)

        self.key_4 = QPushButton(CallCard)
        self.key_4.setObjectName(u"key_4")
        self.key_4.setText(u"4")

        self.keypad.addWidget(self.key_4, 1, 0, 1, 1)

        self.key_5 = QPushButton(CallCard)
        self.key_5.setObjectName(u"key_5")
        self.key_5.setText(u"5")

        self.keypad.addWidget(self.key_5, 1, 1, 1, 1)

        self.key_6 = QPushButton(CallCard)
        self.key_6.setObjectName(u"key_6")
        self.key_6.setText(u"6")

        self.keypad.addWidget(self.key_6, 1, 2, 1, 1)

        self.key_7 = QPushButton(CallCard)
        self.key_7.setObjectName(u"key_7")
        self.key_7.setText(u"7")

        self.keypad.addWidget(self.key_7, 2, 0, 1, 1)

        self.key_8 = QPushButton(CallCard)
        self.key_8.setObjectName(u"key_8")
        self.key_8.setText(u"8")

        self.keypad.addWidget(self.key_8, 2, 1, 1, 1)

        self.key_9 = QPushButton(CallCard)
        self.key_9.setObjectName(u"key_9")
        self.key_9.setText(u"9")

        self.keypad.addWidget(self.key_9, 2, 2, 1, 1)

        self.key_star = QPushButton(CallCard)
        self.key_star.setObjectName(u"key_star")
        self.key_star.setText(u"*")

        self.keypad.addWidget(self.key_star, 3, 0, 1, 1)

        self.key_0 = QPushButton(CallCard)
        self.key_0.setObjectName(u"key_0")
        self.key_0.setText(u"0")

        self.keypad.addWidget(self.key_0, 3, 1, 1, 1)

        self.key_hash = QPushButton(CallCard)
        self.key_hash.setObjectName(u"key_hash")
        self.key_hash.setText(u"#")

        self.keypad.addWidget(self.key_hash, 3, 2, 1, 1)


        self.cardLayout.addLayout(self.keypad)


        self.retranslateUi(CallCard)

        QMetaObject.connectSlotsByName(CallCard)
    # setupUi

    def retranslateUi(self, CallCard: QFrame) -> None:
#if QT_CONFIG(accessibility)
        CallCard.setAccessibleName(QCoreApplication.translate("CallCard", u"Call card", None))
#endif // QT_CONFIG(accessibility)
        self.who.setText(QCoreApplication.translate("CallCard", u"No call", None))
#if QT_CONFIG(accessibility)
        self.who.setAccessibleName(QCoreApplication.translate("CallCard", u"Who the call is with", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.state.setAccessibleName(QCoreApplication.translate("CallCard", u"Call state", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.timer.setAccessibleName(QCoreApplication.translate("CallCard", u"Call duration", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.consult_bar.setAccessibleName(QCoreApplication.translate("CallCard", u"Attended transfer", None))
#endif // QT_CONFIG(accessibility)
        self.held_title.setText(QCoreApplication.translate("CallCard", u"On hold", None))
        self.consult_title.setText(QCoreApplication.translate("CallCard", u"Consulting", None))
#if QT_CONFIG(accessibility)
        self.held_call.setAccessibleName(QCoreApplication.translate("CallCard", u"The held call", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.consult_call.setAccessibleName(QCoreApplication.translate("CallCard", u"The consult call", None))
#endif // QT_CONFIG(accessibility)
        self.complete_transfer.setText(QCoreApplication.translate("CallCard", u"Complete transfer", None))
#if QT_CONFIG(accessibility)
        self.complete_transfer.setAccessibleName(QCoreApplication.translate("CallCard", u"Complete transfer", None))
#endif // QT_CONFIG(accessibility)
        self.cancel_consult.setText(QCoreApplication.translate("CallCard", u"Cancel transfer", None))
#if QT_CONFIG(accessibility)
        self.cancel_consult.setAccessibleName(QCoreApplication.translate("CallCard", u"Cancel transfer", None))
#endif // QT_CONFIG(accessibility)
        self.mute.setText(QCoreApplication.translate("CallCard", u"Mute", None))
#if QT_CONFIG(accessibility)
        self.mute.setAccessibleName(QCoreApplication.translate("CallCard", u"Mute", None))
#endif // QT_CONFIG(accessibility)
        self.hold.setText(QCoreApplication.translate("CallCard", u"Hold", None))
#if QT_CONFIG(accessibility)
        self.hold.setAccessibleName(QCoreApplication.translate("CallCard", u"Hold", None))
#endif // QT_CONFIG(accessibility)
        self.hang_up.setText(QCoreApplication.translate("CallCard", u"Hang up", None))
#if QT_CONFIG(accessibility)
        self.hang_up.setAccessibleName(QCoreApplication.translate("CallCard", u"Hang up", None))
#endif // QT_CONFIG(accessibility)
        self.transfer.setText(QCoreApplication.translate("CallCard", u"Transfer\u2026", None))
#if QT_CONFIG(accessibility)
        self.transfer.setAccessibleName(QCoreApplication.translate("CallCard", u"Transfer", None))
#endif // QT_CONFIG(accessibility)
        self.consult.setText(QCoreApplication.translate("CallCard", u"Consult\u2026", None))
#if QT_CONFIG(accessibility)
        self.consult.setAccessibleName(QCoreApplication.translate("CallCard", u"Consult before transferring", None))
#endif // QT_CONFIG(accessibility)
        self.survey.setText(QCoreApplication.translate("CallCard", u"Survey", None))
#if QT_CONFIG(accessibility)
        self.survey.setAccessibleName(QCoreApplication.translate("CallCard", u"Transfer to the satisfaction survey", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

