# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'readiness_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QDialog, QDialogButtonBox,
    QGridLayout, QGroupBox, QHBoxLayout, QLabel,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QVBoxLayout, QWidget)

class Ui_ReadinessDialog(object):
    def setupUi(self, ReadinessDialog: QDialog) -> None:
        if not ReadinessDialog.objectName():
            ReadinessDialog.setObjectName(u"ReadinessDialog")
        ReadinessDialog.setMinimumSize(QSize(760, 560))
        self.readinessLayout = QVBoxLayout(ReadinessDialog)
        self.readinessLayout.setObjectName(u"readinessLayout")
        self.intro = QLabel(ReadinessDialog)
        self.intro.setObjectName(u"intro")
        self.intro.setWordWrap(True)

        self.readinessLayout.addWidget(self.intro)

        self.devicesLayout = QHBoxLayout()
        self.devicesLayout.setObjectName(u"devicesLayout")
        self.micBox = QGroupBox(ReadinessDialog)
        self.micBox.setObjectName(u"micBox")
        self.micLayout = QVBoxLayout(self.micBox)
        self.micLayout.setObjectName(u"micLayout")
        self.micHint = QLabel(self.micBox)
        self.micHint.setObjectName(u"micHint")
        self.micHint.setWordWrap(True)

        self.micLayout.addWidget(self.micHint)

        self.micLevel = QProgressBar(self.micBox)
        self.micLevel.setObjectName(u"micLevel")
        self.micLevel.setMaximum(100)
        self.micLevel.setValue(0)
        self.micLevel.setTextVisible(False)

        self.micLayout.addWidget(self.micLevel)

        self.micSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.micLayout.addItem(self.micSpacer)


        self.devicesLayout.addWidget(self.micBox)

        self.speakerBox = QGroupBox(ReadinessDialog)
        self.speakerBox.setObjectName(u"speakerBox")
        self.speakerLayout = QVBoxLayout(self.speakerBox)
        self.speakerLayout.setObjectName(u"speakerLayout")
        self.speakerHint = QLabel(self.speakerBox)
        self.speakerHint.setObjectName(u"speakerHint")
        self.speakerHint.setWordWrap(True)

        self.speakerLayout.addWidget(self.speakerHint)

        self.question = QLabel(self.speakerBox)
        self.question.setObjectName(u"question")
        self.question.setWordWrap(True)

        self.speakerLayout.addWidget(self.question)

        self.answerLayout = QHBoxLayout()
        self.answerLayout.setObjectName(u"answerLayout")
        self.heardYes = QPushButton(self.speakerBox)
        self.heardYes.setObjectName(u"heardYes")

        self.answerLayout.addWidget(self.heardYes)

        self.heardNo = QPushButton(self.speakerBox)
        self.heardNo.setObjectName(u"heardNo")

        self.answerLayout.addWidget(self.heardNo)


        self.speakerLayout.addLayout(self.answerLayout)

        self.speakerSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.speakerLayout.addItem(self.speakerSpacer)


        self.devicesLayout.addWidget(self.speakerBox)

        self.cameraBox = QGroupBox(ReadinessDialog)
        self.cameraBox.setObjectName(u"cameraBox")
        self.previewSlot = QVBoxLayout(self.cameraBox)
        self.previewSlot.setObjectName(u"previewSlot")

        self.devicesLayout.addWidget(self.cameraBox)


        self.readinessLayout.addLayout(self.devicesLayout)

        self.resultsBox = QGroupBox(ReadinessDialog)
        self.resultsBox.setObjectName(u"resultsBox")
        self.checksLayout = QGridLayout(self.resultsBox)
        self.checksLayout.setObjectName(u"checksLayout")

        self.readinessLayout.addWidget(self.resultsBox)

        self.overall = QLabel(ReadinessDialog)
        self.overall.setObjectName(u"overall")
        self.overall.setWordWrap(True)

        self.readinessLayout.addWidget(self.overall)

        self.buttonsLayout = QHBoxLayout()
        self.buttonsLayout.setObjectName(u"buttonsLayout")
        self.again = QPushButton(ReadinessDialog)
        self.again.setObjectName(u"again")

        self.buttonsLayout.addWidget(self.again)

        self.goAvailable = QPushButton(ReadinessDialog)
        self.goAvailable.setObjectName(u"goAvailable")

        self.buttonsLayout.addWidget(self.goAvailable)

        self.buttonsSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.buttonsLayout.addItem(self.buttonsSpacer)

        self.buttons = QDialogButtonBox(ReadinessDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Close)

        self.buttonsLayout.addWidget(self.buttons)


        self.readinessLayout.addLayout(self.buttonsLayout)


        self.retranslateUi(ReadinessDialog)

        QMetaObject.connectSlotsByName(ReadinessDialog)
    # setupUi

    def retranslateUi(self, ReadinessDialog: QDialog) -> None:
        ReadinessDialog.setWindowTitle(QCoreApplication.translate("ReadinessDialog", u"Readiness check", None))
        self.intro.setText(QCoreApplication.translate("ReadinessDialog", u"Put your headset on. The check listens to your microphone, plays a tone in your headset, looks through your camera and measures the network: about ten seconds.", None))
#if QT_CONFIG(accessibility)
        self.intro.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"What the check does", None))
#endif // QT_CONFIG(accessibility)
        self.micBox.setTitle(QCoreApplication.translate("ReadinessDialog", u"Microphone", None))
#if QT_CONFIG(accessibility)
        self.micBox.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Microphone", None))
#endif // QT_CONFIG(accessibility)
        self.micHint.setText(QCoreApplication.translate("ReadinessDialog", u"Say something: the bar moves when the microphone hears you.", None))
#if QT_CONFIG(accessibility)
        self.micHint.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Microphone hint", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.micLevel.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Microphone level", None))
#endif // QT_CONFIG(accessibility)
        self.speakerBox.setTitle(QCoreApplication.translate("ReadinessDialog", u"Speaker", None))
#if QT_CONFIG(accessibility)
        self.speakerBox.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Speaker", None))
#endif // QT_CONFIG(accessibility)
        self.speakerHint.setText(QCoreApplication.translate("ReadinessDialog", u"A test tone plays in your headset after the microphone check.", None))
#if QT_CONFIG(accessibility)
        self.speakerHint.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Speaker hint", None))
#endif // QT_CONFIG(accessibility)
        self.question.setText(QCoreApplication.translate("ReadinessDialog", u"Did you hear the test tone?", None))
#if QT_CONFIG(accessibility)
        self.question.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Did you hear the test tone?", None))
#endif // QT_CONFIG(accessibility)
        self.heardYes.setText(QCoreApplication.translate("ReadinessDialog", u"Yes, I heard it", None))
#if QT_CONFIG(accessibility)
        self.heardYes.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Yes, I heard the tone", None))
#endif // QT_CONFIG(accessibility)
        self.heardNo.setText(QCoreApplication.translate("ReadinessDialog", u"No", None))
#if QT_CONFIG(accessibility)
        self.heardNo.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"No, I did not hear the tone", None))
#endif // QT_CONFIG(accessibility)
        self.cameraBox.setTitle(QCoreApplication.translate("ReadinessDialog", u"Camera", None))
#if QT_CONFIG(accessibility)
        self.cameraBox.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Camera", None))
#endif // QT_CONFIG(accessibility)
        self.resultsBox.setTitle(QCoreApplication.translate("ReadinessDialog", u"Results", None))
#if QT_CONFIG(accessibility)
        self.resultsBox.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Results", None))
#endif // QT_CONFIG(accessibility)
        self.overall.setText(QCoreApplication.translate("ReadinessDialog", u"Checking\u2026", None))
#if QT_CONFIG(accessibility)
        self.overall.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Overall result", None))
#endif // QT_CONFIG(accessibility)
        self.again.setText(QCoreApplication.translate("ReadinessDialog", u"Check again", None))
#if QT_CONFIG(accessibility)
        self.again.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Check again", None))
#endif // QT_CONFIG(accessibility)
        self.goAvailable.setText(QCoreApplication.translate("ReadinessDialog", u"Go Available", None))
#if QT_CONFIG(accessibility)
        self.goAvailable.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Go Available", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.buttons.setAccessibleName(QCoreApplication.translate("ReadinessDialog", u"Close", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

