# mypy: ignore-errors
# -*- coding: utf-8 -*-

################################################################################
## Form generated from reading UI file 'settings_dialog.ui'
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
from PySide6.QtWidgets import (QAbstractButton, QApplication, QCheckBox, QComboBox,
    QDialog, QDialogButtonBox, QFormLayout, QHBoxLayout,
    QLabel, QLineEdit, QListWidget, QListWidgetItem,
    QProgressBar, QPushButton, QSizePolicy, QSpacerItem,
    QStackedWidget, QVBoxLayout, QWidget)

class Ui_SettingsDialog(object):
    def setupUi(self, SettingsDialog: QDialog) -> None:
        if not SettingsDialog.objectName():
            SettingsDialog.setObjectName(u"SettingsDialog")
        self.dialogLayout = QVBoxLayout(SettingsDialog)
        self.dialogLayout.setObjectName(u"dialogLayout")
        self.welcome = QLabel(SettingsDialog)
        self.welcome.setObjectName(u"welcome")
        self.welcome.setWordWrap(True)

        self.dialogLayout.addWidget(self.welcome)

        self.pagesRow = QHBoxLayout()
        self.pagesRow.setObjectName(u"pagesRow")
        self.pages = QListWidget(SettingsDialog)
        QListWidgetItem(self.pages)
        QListWidgetItem(self.pages)
        QListWidgetItem(self.pages)
        QListWidgetItem(self.pages)
        QListWidgetItem(self.pages)
        self.pages.setObjectName(u"pages")

        self.pagesRow.addWidget(self.pages)

        self.stack = QStackedWidget(SettingsDialog)
        self.stack.setObjectName(u"stack")
        self.account_page = QWidget()
        self.account_page.setObjectName(u"account_page")
        self.account_pageLayout = QVBoxLayout(self.account_page)
        self.account_pageLayout.setObjectName(u"account_pageLayout")
        self.account_page_title = QLabel(self.account_page)
        self.account_page_title.setObjectName(u"account_page_title")

        self.account_pageLayout.addWidget(self.account_page_title)

        self.accountForm = QFormLayout()
        self.accountForm.setObjectName(u"accountForm")
        self.server_label = QLabel(self.account_page)
        self.server_label.setObjectName(u"server_label")

        self.accountForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.server_label)

        self.server = QLineEdit(self.account_page)
        self.server.setObjectName(u"server")

        self.accountForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.server)

        self.user_label = QLabel(self.account_page)
        self.user_label.setObjectName(u"user_label")

        self.accountForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.user_label)

        self.user = QLineEdit(self.account_page)
        self.user.setObjectName(u"user")

        self.accountForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.user)

        self.password_label = QLabel(self.account_page)
        self.password_label.setObjectName(u"password_label")

        self.accountForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.password_label)

        self.password = QLineEdit(self.account_page)
        self.password.setObjectName(u"password")
        self.password.setEchoMode(QLineEdit.EchoMode.Password)

        self.accountForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.password)

        self.domain_label = QLabel(self.account_page)
        self.domain_label.setObjectName(u"domain_label")

        self.accountForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.domain_label)

        self.domain = QLineEdit(self.account_page)
        self.domain.setObjectName(u"domain")

        self.accountForm.setWidget(3, QFormLayout.ItemRole.FieldRole, self.domain)

        self.transport_label = QLabel(self.account_page)
        self.transport_label.setObjectName(u"transport_label")

        self.accountForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.transport_label)

        self.transport = QComboBox(self.account_page)
        self.transport.setObjectName(u"transport")

        self.accountForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.transport)

        self.srtp_label = QLabel(self.account_page)
        self.srtp_label.setObjectName(u"srtp_label")

        self.accountForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.srtp_label)

        self.srtp = QComboBox(self.account_page)
        self.srtp.setObjectName(u"srtp")

        self.accountForm.setWidget(5, QFormLayout.ItemRole.FieldRole, self.srtp)

        self.proxy_label = QLabel(self.account_page)
        self.proxy_label.setObjectName(u"proxy_label")

        self.accountForm.setWidget(6, QFormLayout.ItemRole.LabelRole, self.proxy_label)

        self.outbound_proxy = QLineEdit(self.account_page)
        self.outbound_proxy.setObjectName(u"outbound_proxy")

        self.accountForm.setWidget(6, QFormLayout.ItemRole.FieldRole, self.outbound_proxy)

        self.ca_file_label = QLabel(self.account_page)
        self.ca_file_label.setObjectName(u"ca_file_label")

        self.accountForm.setWidget(7, QFormLayout.ItemRole.LabelRole, self.ca_file_label)

        self.caFileRow = QHBoxLayout()
        self.caFileRow.setObjectName(u"caFileRow")
        self.ca_file = QLineEdit(self.account_page)
        self.ca_file.setObjectName(u"ca_file")

        self.caFileRow.addWidget(self.ca_file)

        self.ca_file_browse = QPushButton(self.account_page)
        self.ca_file_browse.setObjectName(u"ca_file_browse")

        self.caFileRow.addWidget(self.ca_file_browse)


        self.accountForm.setLayout(7, QFormLayout.ItemRole.FieldRole, self.caFileRow)


        self.account_pageLayout.addLayout(self.accountForm)

        self.testRow = QHBoxLayout()
        self.testRow.setObjectName(u"testRow")
        self.test_button = QPushButton(self.account_page)
        self.test_button.setObjectName(u"test_button")

        self.testRow.addWidget(self.test_button)

        self.testRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.testRow.addItem(self.testRowSpacer)


        self.account_pageLayout.addLayout(self.testRow)

        self.test_result = QLabel(self.account_page)
        self.test_result.setObjectName(u"test_result")
        self.test_result.setWordWrap(True)

        self.account_pageLayout.addWidget(self.test_result)

        self.account_locks = QLabel(self.account_page)
        self.account_locks.setObjectName(u"account_locks")
        self.account_locks.setWordWrap(True)

        self.account_pageLayout.addWidget(self.account_locks)

        self.account_pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.account_pageLayout.addItem(self.account_pageEnd)

        self.stack.addWidget(self.account_page)
        self.audio_page = QWidget()
        self.audio_page.setObjectName(u"audio_page")
        self.audio_pageLayout = QVBoxLayout(self.audio_page)
        self.audio_pageLayout.setObjectName(u"audio_pageLayout")
        self.audio_page_title = QLabel(self.audio_page)
        self.audio_page_title.setObjectName(u"audio_page_title")

        self.audio_pageLayout.addWidget(self.audio_page_title)

        self.audioForm = QFormLayout()
        self.audioForm.setObjectName(u"audioForm")
        self.input_label = QLabel(self.audio_page)
        self.input_label.setObjectName(u"input_label")

        self.audioForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.input_label)

        self.input = QComboBox(self.audio_page)
        self.input.setObjectName(u"input")

        self.audioForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.input)

        self.input_level_label = QLabel(self.audio_page)
        self.input_level_label.setObjectName(u"input_level_label")

        self.audioForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.input_level_label)

        self.input_meter = QProgressBar(self.audio_page)
        self.input_meter.setObjectName(u"input_meter")
        self.input_meter.setMaximum(60)
        self.input_meter.setValue(0)
        self.input_meter.setTextVisible(False)

        self.audioForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.input_meter)

        self.output_label = QLabel(self.audio_page)
        self.output_label.setObjectName(u"output_label")

        self.audioForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.output_label)

        self.output = QComboBox(self.audio_page)
        self.output.setObjectName(u"output")

        self.audioForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.output)

        self.output_test_label = QLabel(self.audio_page)
        self.output_test_label.setObjectName(u"output_test_label")

        self.audioForm.setWidget(3, QFormLayout.ItemRole.LabelRole, self.output_test_label)

        self.outputRow = QHBoxLayout()
        self.outputRow.setObjectName(u"outputRow")
        self.play_output = QPushButton(self.audio_page)
        self.play_output.setObjectName(u"play_output")

        self.outputRow.addWidget(self.play_output)

        self.output_meter = QProgressBar(self.audio_page)
        self.output_meter.setObjectName(u"output_meter")
        self.output_meter.setMaximum(60)
        self.output_meter.setValue(0)
        self.output_meter.setTextVisible(False)

        self.outputRow.addWidget(self.output_meter)


        self.audioForm.setLayout(3, QFormLayout.ItemRole.FieldRole, self.outputRow)

        self.ring_label = QLabel(self.audio_page)
        self.ring_label.setObjectName(u"ring_label")

        self.audioForm.setWidget(4, QFormLayout.ItemRole.LabelRole, self.ring_label)

        self.ring = QComboBox(self.audio_page)
        self.ring.setObjectName(u"ring")

        self.audioForm.setWidget(4, QFormLayout.ItemRole.FieldRole, self.ring)

        self.ring_test_label = QLabel(self.audio_page)
        self.ring_test_label.setObjectName(u"ring_test_label")

        self.audioForm.setWidget(5, QFormLayout.ItemRole.LabelRole, self.ring_test_label)

        self.ringRow = QHBoxLayout()
        self.ringRow.setObjectName(u"ringRow")
        self.play_ring = QPushButton(self.audio_page)
        self.play_ring.setObjectName(u"play_ring")

        self.ringRow.addWidget(self.play_ring)

        self.ring_meter = QProgressBar(self.audio_page)
        self.ring_meter.setObjectName(u"ring_meter")
        self.ring_meter.setMaximum(60)
        self.ring_meter.setValue(0)
        self.ring_meter.setTextVisible(False)

        self.ringRow.addWidget(self.ring_meter)


        self.audioForm.setLayout(5, QFormLayout.ItemRole.FieldRole, self.ringRow)


        self.audio_pageLayout.addLayout(self.audioForm)

        self.input_hint = QLabel(self.audio_page)
        self.input_hint.setObjectName(u"input_hint")
        self.input_hint.setWordWrap(True)

        self.audio_pageLayout.addWidget(self.input_hint)

        self.audio_trouble = QLabel(self.audio_page)
        self.audio_trouble.setObjectName(u"audio_trouble")
        self.audio_trouble.setWordWrap(True)

        self.audio_pageLayout.addWidget(self.audio_trouble)

        self.audio_locks = QLabel(self.audio_page)
        self.audio_locks.setObjectName(u"audio_locks")
        self.audio_locks.setWordWrap(True)

        self.audio_pageLayout.addWidget(self.audio_locks)

        self.audio_pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.audio_pageLayout.addItem(self.audio_pageEnd)

        self.stack.addWidget(self.audio_page)
        self.central_page = QWidget()
        self.central_page.setObjectName(u"central_page")
        self.central_pageLayout = QVBoxLayout(self.central_page)
        self.central_pageLayout.setObjectName(u"central_pageLayout")
        self.central_page_title = QLabel(self.central_page)
        self.central_page_title.setObjectName(u"central_page_title")

        self.central_pageLayout.addWidget(self.central_page_title)

        self.central_intro = QLabel(self.central_page)
        self.central_intro.setObjectName(u"central_intro")
        self.central_intro.setWordWrap(True)

        self.central_pageLayout.addWidget(self.central_intro)

        self.centralForm = QFormLayout()
        self.centralForm.setObjectName(u"centralForm")
        self.url_label = QLabel(self.central_page)
        self.url_label.setObjectName(u"url_label")

        self.centralForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.url_label)

        self.central_url = QLineEdit(self.central_page)
        self.central_url.setObjectName(u"central_url")

        self.centralForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.central_url)

        self.central_user_label = QLabel(self.central_page)
        self.central_user_label.setObjectName(u"central_user_label")

        self.centralForm.setWidget(1, QFormLayout.ItemRole.LabelRole, self.central_user_label)

        self.central_user = QLineEdit(self.central_page)
        self.central_user.setObjectName(u"central_user")

        self.centralForm.setWidget(1, QFormLayout.ItemRole.FieldRole, self.central_user)

        self.central_password_label = QLabel(self.central_page)
        self.central_password_label.setObjectName(u"central_password_label")

        self.centralForm.setWidget(2, QFormLayout.ItemRole.LabelRole, self.central_password_label)

        self.central_password = QLineEdit(self.central_page)
        self.central_password.setObjectName(u"central_password")
        self.central_password.setEchoMode(QLineEdit.EchoMode.Password)

        self.centralForm.setWidget(2, QFormLayout.ItemRole.FieldRole, self.central_password)


        self.central_pageLayout.addLayout(self.centralForm)

        self.signInRow = QHBoxLayout()
        self.signInRow.setObjectName(u"signInRow")
        self.sign_in = QPushButton(self.central_page)
        self.sign_in.setObjectName(u"sign_in")

        self.signInRow.addWidget(self.sign_in)

        self.signInRowSpacer = QSpacerItem(0, 0, QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)

        self.signInRow.addItem(self.signInRowSpacer)


        self.central_pageLayout.addLayout(self.signInRow)

        self.sign_in_result = QLabel(self.central_page)
        self.sign_in_result.setObjectName(u"sign_in_result")
        self.sign_in_result.setWordWrap(True)

        self.central_pageLayout.addWidget(self.sign_in_result)

        self.central_locks = QLabel(self.central_page)
        self.central_locks.setObjectName(u"central_locks")
        self.central_locks.setWordWrap(True)

        self.central_pageLayout.addWidget(self.central_locks)

        self.central_pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.central_pageLayout.addItem(self.central_pageEnd)

        self.stack.addWidget(self.central_page)
        self.language_page = QWidget()
        self.language_page.setObjectName(u"language_page")
        self.language_pageLayout = QVBoxLayout(self.language_page)
        self.language_pageLayout.setObjectName(u"language_pageLayout")
        self.language_page_title = QLabel(self.language_page)
        self.language_page_title.setObjectName(u"language_page_title")

        self.language_pageLayout.addWidget(self.language_page_title)

        self.languageForm = QFormLayout()
        self.languageForm.setObjectName(u"languageForm")
        self.language_label = QLabel(self.language_page)
        self.language_label.setObjectName(u"language_label")

        self.languageForm.setWidget(0, QFormLayout.ItemRole.LabelRole, self.language_label)

        self.language = QComboBox(self.language_page)
        self.language.setObjectName(u"language")

        self.languageForm.setWidget(0, QFormLayout.ItemRole.FieldRole, self.language)


        self.language_pageLayout.addLayout(self.languageForm)

        self.language_note = QLabel(self.language_page)
        self.language_note.setObjectName(u"language_note")
        self.language_note.setWordWrap(True)

        self.language_pageLayout.addWidget(self.language_note)

        self.language_locks = QLabel(self.language_page)
        self.language_locks.setObjectName(u"language_locks")
        self.language_locks.setWordWrap(True)

        self.language_pageLayout.addWidget(self.language_locks)

        self.language_pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.language_pageLayout.addItem(self.language_pageEnd)

        self.stack.addWidget(self.language_page)
        self.startup_page = QWidget()
        self.startup_page.setObjectName(u"startup_page")
        self.startup_pageLayout = QVBoxLayout(self.startup_page)
        self.startup_pageLayout.setObjectName(u"startup_pageLayout")
        self.startup_page_title = QLabel(self.startup_page)
        self.startup_page_title.setObjectName(u"startup_page_title")

        self.startup_pageLayout.addWidget(self.startup_page_title)

        self.start_at_login = QCheckBox(self.startup_page)
        self.start_at_login.setObjectName(u"start_at_login")

        self.startup_pageLayout.addWidget(self.start_at_login)

        self.close_to_tray = QCheckBox(self.startup_page)
        self.close_to_tray.setObjectName(u"close_to_tray")

        self.startup_pageLayout.addWidget(self.close_to_tray)

        self.startup_locks = QLabel(self.startup_page)
        self.startup_locks.setObjectName(u"startup_locks")
        self.startup_locks.setWordWrap(True)

        self.startup_pageLayout.addWidget(self.startup_locks)

        self.startup_pageEnd = QSpacerItem(0, 0, QSizePolicy.Policy.Minimum, QSizePolicy.Policy.Expanding)

        self.startup_pageLayout.addItem(self.startup_pageEnd)

        self.stack.addWidget(self.startup_page)

        self.pagesRow.addWidget(self.stack)


        self.dialogLayout.addLayout(self.pagesRow)

        self.save_error = QLabel(SettingsDialog)
        self.save_error.setObjectName(u"save_error")
        self.save_error.setWordWrap(True)

        self.dialogLayout.addWidget(self.save_error)

        self.buttons = QDialogButtonBox(SettingsDialog)
        self.buttons.setObjectName(u"buttons")
        self.buttons.setStandardButtons(QDialogButtonBox.StandardButton.Cancel|QDialogButtonBox.StandardButton.Save)

        self.dialogLayout.addWidget(self.buttons)

#if QT_CONFIG(shortcut)
        self.server_label.setBuddy(self.server)
        self.user_label.setBuddy(self.user)
        self.password_label.setBuddy(self.password)
        self.domain_label.setBuddy(self.domain)
        self.transport_label.setBuddy(self.transport)
        self.srtp_label.setBuddy(self.srtp)
        self.proxy_label.setBuddy(self.outbound_proxy)
        self.ca_file_label.setBuddy(self.ca_file)
        self.input_label.setBuddy(self.input)
        self.input_level_label.setBuddy(self.input_meter)
        self.output_label.setBuddy(self.output)
        self.ring_label.setBuddy(self.ring)
        self.url_label.setBuddy(self.central_url)
        self.central_user_label.setBuddy(self.central_user)
        self.central_password_label.setBuddy(self.central_password)
        self.language_label.setBuddy(self.language)
#endif // QT_CONFIG(shortcut)

        self.retranslateUi(SettingsDialog)

        QMetaObject.connectSlotsByName(SettingsDialog)
    # setupUi

    def retranslateUi(self, SettingsDialog: QDialog) -> None:
        SettingsDialog.setWindowTitle(QCoreApplication.translate("SettingsDialog", u"Settings", None))
        self.welcome.setText(QCoreApplication.translate("SettingsDialog", u"Welcome! Enter the SIP account your contact center gave you, press Test, then Save.", None))
#if QT_CONFIG(accessibility)
        self.welcome.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Welcome", None))
#endif // QT_CONFIG(accessibility)

        __sortingEnabled = self.pages.isSortingEnabled()
        self.pages.setSortingEnabled(False)
        ___qlistwidgetitem = self.pages.item(0)
        ___qlistwidgetitem.setText(QCoreApplication.translate("SettingsDialog", u"Account", None))
        ___qlistwidgetitem1 = self.pages.item(1)
        ___qlistwidgetitem1.setText(QCoreApplication.translate("SettingsDialog", u"Audio", None))
        ___qlistwidgetitem2 = self.pages.item(2)
        ___qlistwidgetitem2.setText(QCoreApplication.translate("SettingsDialog", u"Central service", None))
        ___qlistwidgetitem3 = self.pages.item(3)
        ___qlistwidgetitem3.setText(QCoreApplication.translate("SettingsDialog", u"Language", None))
        ___qlistwidgetitem4 = self.pages.item(4)
        ___qlistwidgetitem4.setText(QCoreApplication.translate("SettingsDialog", u"Start", None))
        self.pages.setSortingEnabled(__sortingEnabled)

#if QT_CONFIG(accessibility)
        self.pages.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Settings pages", None))
#endif // QT_CONFIG(accessibility)
        self.account_page_title.setText(QCoreApplication.translate("SettingsDialog", u"SIP account", None))
        self.server_label.setText(QCoreApplication.translate("SettingsDialog", u"&Server:", None))
        self.server.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"pbx.example.com or pbx.example.com:5061", None))
#if QT_CONFIG(accessibility)
        self.server.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"SIP server", None))
#endif // QT_CONFIG(accessibility)
        self.user_label.setText(QCoreApplication.translate("SettingsDialog", u"&User:", None))
        self.user.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"extension or user name", None))
#if QT_CONFIG(accessibility)
        self.user.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"SIP user", None))
#endif // QT_CONFIG(accessibility)
        self.password_label.setText(QCoreApplication.translate("SettingsDialog", u"&Password:", None))
        self.password.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"kept in this computer's keyring", None))
#if QT_CONFIG(accessibility)
        self.password.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"SIP password", None))
#endif // QT_CONFIG(accessibility)
        self.domain_label.setText(QCoreApplication.translate("SettingsDialog", u"&Domain:", None))
        self.domain.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"empty: the server's name", None))
#if QT_CONFIG(accessibility)
        self.domain.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"SIP domain", None))
#endif // QT_CONFIG(accessibility)
        self.transport_label.setText(QCoreApplication.translate("SettingsDialog", u"&Transport:", None))
#if QT_CONFIG(accessibility)
        self.transport.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Transport", None))
#endif // QT_CONFIG(accessibility)
        self.srtp_label.setText(QCoreApplication.translate("SettingsDialog", u"Call &encryption (SRTP):", None))
#if QT_CONFIG(accessibility)
        self.srtp.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Call encryption (SRTP)", None))
#endif // QT_CONFIG(accessibility)
        self.proxy_label.setText(QCoreApplication.translate("SettingsDialog", u"Outbound pro&xy:", None))
        self.outbound_proxy.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"empty: none", None))
#if QT_CONFIG(accessibility)
        self.outbound_proxy.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Outbound proxy", None))
#endif // QT_CONFIG(accessibility)
        self.ca_file_label.setText(QCoreApplication.translate("SettingsDialog", u"TLS &CA certificate:", None))
        self.ca_file.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"empty: the authorities this computer trusts", None))
#if QT_CONFIG(accessibility)
        self.ca_file.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"TLS CA certificate file", None))
#endif // QT_CONFIG(accessibility)
        self.ca_file_browse.setText(QCoreApplication.translate("SettingsDialog", u"&Browse\u2026", None))
#if QT_CONFIG(accessibility)
        self.ca_file_browse.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Choose the TLS CA certificate file", None))
#endif // QT_CONFIG(accessibility)
        self.test_button.setText(QCoreApplication.translate("SettingsDialog", u"&Test", None))
#if QT_CONFIG(accessibility)
        self.test_button.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Test the account", None))
#endif // QT_CONFIG(accessibility)
        self.test_result.setText("")
#if QT_CONFIG(accessibility)
        self.test_result.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Test result", None))
#endif // QT_CONFIG(accessibility)
        self.account_locks.setText("")
#if QT_CONFIG(accessibility)
        self.account_locks.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Locked settings", None))
#endif // QT_CONFIG(accessibility)
        self.audio_page_title.setText(QCoreApplication.translate("SettingsDialog", u"Audio devices", None))
        self.input_label.setText(QCoreApplication.translate("SettingsDialog", u"&Microphone:", None))
#if QT_CONFIG(accessibility)
        self.input.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Microphone", None))
#endif // QT_CONFIG(accessibility)
        self.input_level_label.setText(QCoreApplication.translate("SettingsDialog", u"Level:", None))
#if QT_CONFIG(accessibility)
        self.input_meter.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Microphone level", None))
#endif // QT_CONFIG(accessibility)
        self.output_label.setText(QCoreApplication.translate("SettingsDialog", u"&Speaker:", None))
#if QT_CONFIG(accessibility)
        self.output.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Speaker", None))
#endif // QT_CONFIG(accessibility)
        self.output_test_label.setText("")
        self.play_output.setText(QCoreApplication.translate("SettingsDialog", u"&Play test sound", None))
#if QT_CONFIG(accessibility)
        self.play_output.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Play a test sound on the speaker", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.output_meter.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Speaker test sound level", None))
#endif // QT_CONFIG(accessibility)
        self.ring_label.setText(QCoreApplication.translate("SettingsDialog", u"&Ring on:", None))
#if QT_CONFIG(accessibility)
        self.ring.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Ring device", None))
#endif // QT_CONFIG(accessibility)
        self.ring_test_label.setText("")
        self.play_ring.setText(QCoreApplication.translate("SettingsDialog", u"Play test so&und", None))
#if QT_CONFIG(accessibility)
        self.play_ring.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Play a test sound on the ring device", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.ring_meter.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Ring device test sound level", None))
#endif // QT_CONFIG(accessibility)
        self.input_hint.setText(QCoreApplication.translate("SettingsDialog", u"Speak into the microphone: its level bar moves with your voice. A test sound lets you hear the speaker and the ring device.", None))
#if QT_CONFIG(accessibility)
        self.input_hint.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"How to check the devices", None))
#endif // QT_CONFIG(accessibility)
        self.audio_trouble.setText("")
#if QT_CONFIG(accessibility)
        self.audio_trouble.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Audio device trouble", None))
#endif // QT_CONFIG(accessibility)
        self.audio_locks.setText("")
#if QT_CONFIG(accessibility)
        self.audio_locks.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Locked settings", None))
#endif // QT_CONFIG(accessibility)
        self.central_page_title.setText(QCoreApplication.translate("SettingsDialog", u"Central service", None))
        self.central_intro.setText(QCoreApplication.translate("SettingsDialog", u"The center your supervisors watch. Leave the address empty to work without one.", None))
        self.url_label.setText(QCoreApplication.translate("SettingsDialog", u"&Address:", None))
        self.central_url.setPlaceholderText(QCoreApplication.translate("SettingsDialog", u"https://center.example.com", None))
#if QT_CONFIG(accessibility)
        self.central_url.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Central service address", None))
#endif // QT_CONFIG(accessibility)
        self.central_user_label.setText(QCoreApplication.translate("SettingsDialog", u"U&ser:", None))
#if QT_CONFIG(accessibility)
        self.central_user.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Central service user", None))
#endif // QT_CONFIG(accessibility)
        self.central_password_label.setText(QCoreApplication.translate("SettingsDialog", u"Pass&word:", None))
#if QT_CONFIG(accessibility)
        self.central_password.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Central service password", None))
#endif // QT_CONFIG(accessibility)
        self.sign_in.setText(QCoreApplication.translate("SettingsDialog", u"Sign &in", None))
#if QT_CONFIG(accessibility)
        self.sign_in.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Sign in to the central service", None))
#endif // QT_CONFIG(accessibility)
        self.sign_in_result.setText("")
#if QT_CONFIG(accessibility)
        self.sign_in_result.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Sign-in result", None))
#endif // QT_CONFIG(accessibility)
        self.central_locks.setText("")
#if QT_CONFIG(accessibility)
        self.central_locks.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Locked settings", None))
#endif // QT_CONFIG(accessibility)
        self.language_page_title.setText(QCoreApplication.translate("SettingsDialog", u"Language", None))
        self.language_label.setText(QCoreApplication.translate("SettingsDialog", u"&Language:", None))
#if QT_CONFIG(accessibility)
        self.language.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Language", None))
#endif // QT_CONFIG(accessibility)
        self.language_note.setText(QCoreApplication.translate("SettingsDialog", u"The new language is used from the next start.", None))
        self.language_locks.setText("")
#if QT_CONFIG(accessibility)
        self.language_locks.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Locked settings", None))
#endif // QT_CONFIG(accessibility)
        self.startup_page_title.setText(QCoreApplication.translate("SettingsDialog", u"Start", None))
        self.start_at_login.setText(QCoreApplication.translate("SettingsDialog", u"Start the softphone when I log in", None))
#if QT_CONFIG(accessibility)
        self.start_at_login.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Start at login", None))
#endif // QT_CONFIG(accessibility)
        self.close_to_tray.setText(QCoreApplication.translate("SettingsDialog", u"Closing the window keeps the softphone running in the tray", None))
#if QT_CONFIG(accessibility)
        self.close_to_tray.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Close to tray", None))
#endif // QT_CONFIG(accessibility)
        self.startup_locks.setText("")
#if QT_CONFIG(accessibility)
        self.startup_locks.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Locked settings", None))
#endif // QT_CONFIG(accessibility)
        self.save_error.setText("")
#if QT_CONFIG(accessibility)
        self.save_error.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Why the settings were not saved", None))
#endif // QT_CONFIG(accessibility)
#if QT_CONFIG(accessibility)
        self.buttons.setAccessibleName(QCoreApplication.translate("SettingsDialog", u"Save or cancel", None))
#endif // QT_CONFIG(accessibility)
    # retranslateUi

