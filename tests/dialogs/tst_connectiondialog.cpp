// ConnectionDialog: validation, the connection test, the Azure CLI token, and where secrets go.

#include "dialogtest.h"
#include "fixtures/credentialhelpers.h"
#include "fixtures/screenshot.h"

#include <QMenu>

using namespace Berth;
using namespace Berth::Test;

class tst_ConnectionDialog : public DialogTest
{
    Q_OBJECT

private Q_SLOTS:
    // --- ConnectionDialog ---------------------------------------------------------------

    void connectionRejectsInvalidUrls()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *url = child<QLineEdit>(&dialog, "urlEdit");
        auto *error = child<QLabel>(&dialog, "urlError");
        dialog.findChild<QComboBox *>(QStringLiteral("authCombo"))->setCurrentIndex(0);
        QVERIFY(!okButton(&dialog)->isEnabled()); // empty: no complaint, but no OK
        QVERIFY(error->isHidden());

        QTest::keyClicks(url, QStringLiteral("http://registry.example.com"));
        QVERIFY(!error->isHidden());
        QVERIFY2(error->text().contains(u"registry.example.com"), qPrintable(error->text()));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QTest::keyClick(&dialog, Qt::Key_Return);
        QVERIFY(dialog.isVisible());

        QTest::mouseClick(child<QCheckBox>(&dialog, "plainHttpCheck"), Qt::LeftButton);
        QVERIFY(error->isHidden());
        QVERIFY(okButton(&dialog)->isEnabled());
        QTest::mouseClick(child<QCheckBox>(&dialog, "plainHttpCheck"), Qt::LeftButton);

        url->clear();
        QTest::keyClicks(url, QStringLiteral("not a registry"));
        QVERIFY(!error->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());
        url->clear();
        QTest::keyClicks(url, QStringLiteral("user:pw@myreg.azurecr.io"));
        QVERIFY(!error->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());

        url->clear();
        QTest::keyClicks(url, QStringLiteral("myreg.azurecr.io"));
        QVERIFY(error->isHidden());
        QVERIFY(okButton(&dialog)->isEnabled());
        QCOMPARE(dialog.profile().url, QUrl(QStringLiteral("https://myreg.azurecr.io")));

        // A password sign-in needs a user name and a secret.
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::Password)));
        QVERIFY(!okButton(&dialog)->isEnabled());
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QVERIFY(!okButton(&dialog)->isEnabled());
        auto *secret = child<QLineEdit>(&dialog, "secretEdit");
        QCOMPARE(secret->echoMode(), QLineEdit::Password);
        QTest::keyClicks(secret, QStringLiteral("x"));
        QVERIFY(okButton(&dialog)->isEnabled());

        // An unreadable CA file is an inline error too.
        QTest::keyClicks(child<QLineEdit>(&dialog, "caFileEdit"),
                         QStringLiteral("/nonexistent.pem"));
        QVERIFY(!child<QLabel>(&dialog, "caError")->isHidden());
        QVERIFY(!okButton(&dialog)->isEnabled());
    }

    void testConnectionReportsAcrAndBearer()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), m_emu->url().toString());
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QCOMPARE(tested.first().at(0).toBool(), true);
        QCOMPARE(tested.first().at(1).toString(),
                 QStringLiteral("Azure Container Registry, bearer token auth"));
        QCOMPARE(message(&dialog)->text(), tested.first().at(1).toString());
        QVERIFY(!message(&dialog)->text().contains(Secret));

        // A wrong password is reported, without the secret.
        auto *secret = child<QLineEdit>(&dialog, "secretEdit");
        secret->clear();
        QTest::keyClicks(secret, QStringLiteral("wrong-password"));
        QTRY_VERIFY(child<QPushButton>(&dialog, "testButton")->isEnabled());
        QTest::mouseClick(child<QPushButton>(&dialog, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 2, Wait);
        QCOMPARE(tested.at(1).at(0).toBool(), false);
        QVERIFY(showsError(&dialog));
        QVERIFY(!message(&dialog)->text().contains(u"wrong-password"));
    }

    // A registry that lets anyone pull needs no password: Test Connection works without one.
    void testConnectionWorksAnonymously()
    {
        m_emu->setAnonymousActions({QStringLiteral("pull")});
        ConnectionDialog dialog(nullptr, nullptr);
        QSignalSpy tested(&dialog, &ConnectionDialog::testFinished);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::Anonymous)));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), m_emu->url().toString());
        auto *test = child<QPushButton>(&dialog, "testButton");
        QVERIFY(test->isEnabled());
        QVERIFY(child<QLineEdit>(&dialog, "secretEdit")->isHidden());
        QTest::mouseClick(test, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QVERIFY(!showsError(&dialog));
    }

    // What the Azure CLI said goes when another sign-in kind is chosen.
    void azureMessageGoesWithTheSignInKind()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::AadToken)));
        dialog.setAzureCliProgram(QStringLiteral("/nonexistent/bin/az"));
        QTest::mouseClick(child<QPushButton>(&dialog, "azureButton"), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::Password)));
        QVERIFY(message(&dialog)->text().isEmpty());
        QVERIFY(message(&dialog)->isHidden());
        QVERIFY(
            !saveScreenshot(&dialog, QStringLiteral("connection-azure-message-gone")).isEmpty());
    }

    // Without settings (the demo) Remember is off and says why.
    void rememberSaysWhyItIsOffInTheDemo()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *remember = child<QCheckBox>(&dialog, "rememberCheck");
        QVERIFY(!remember->isEnabled());
        QVERIFY(!remember->isChecked());
        QVERIFY2(remember->toolTip().contains(u"demo"), qPrintable(remember->toolTip()));
        QVERIFY2(remember->text().contains(u"demo"), qPrintable(remember->text()));
        QVERIFY(!saveScreenshot(&dialog, QStringLiteral("connection-remember-in-demo")).isEmpty());
    }

    void rememberKeepsTheSecretOutOfSettings()
    {
        QTemporaryDir dir;
        QVERIFY(dir.isValid());
        const QString iniPath = dir.filePath(QStringLiteral("berth.ini"));
        QSettings settings(iniPath, QSettings::IniFormat);
        MemoryCredentialStore store;

        ConnectionDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), m_emu->url().toString());
        QTest::keyClicks(child<QLineEdit>(&dialog, "nameEdit"), QStringLiteral("Emulator"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QVERIFY(child<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), Wait);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));

        const RegistryProfile profile = dialog.profile();
        QCOMPARE(profile.authKind, RegistryProfile::AuthKind::Password);
        QCOMPARE(profile.username, QStringLiteral("u"));
        QCOMPARE(dialog.credentials().secret, Secret);
        QCOMPARE(dialog.connectionSettings().registry, m_emu->url());

        const auto stored = await(store.load(profile.registryKey(), QStringLiteral("u")));
        BERTH_VERIFY_OK(stored);
        QCOMPARE(stored->value_or(QString()), Secret);

        QFile ini(iniPath);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray bytes = ini.readAll();
        QVERIFY(!bytes.isEmpty());
        QVERIFY(!bytes.contains(Secret.toUtf8()));
        QVERIFY(bytes.contains("Emulator"));
        const RegistryProfiles saved = RegistryProfiles::load(settings);
        QCOMPARE(saved.size(), 1);
        QCOMPARE(saved.profiles().first(), profile);

        // Opened again on the saved profile, an empty secret field uses the saved secret.
        ConnectionDialog again(&settings, &store);
        again.setProfile(profile);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QVERIFY(okButton(&again)->isEnabled());
        QSignalSpy tested(&again, &ConnectionDialog::testFinished);
        QTest::mouseClick(child<QPushButton>(&again, "testButton"), Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(tested.count(), 1, Wait);
        QVERIFY2(tested.first().at(0).toBool(), qPrintable(tested.first().at(1).toString()));
        QTest::mouseClick(okButton(&again), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isVisible(), Wait);
        QCOMPARE(again.credentials().secret, Secret);

        // Forgetting removes both halves.
        const auto forgotten = await(ConnectionDialog::forgetRegistry(settings, &store, profile));
        BERTH_VERIFY_OK(forgotten);
        const auto after = await(store.load(profile.registryKey(), QStringLiteral("u")));
        BERTH_VERIFY_OK(after);
        QVERIFY(!after->has_value());
        QCOMPARE(store.size(), 0);
        QVERIFY(RegistryProfiles::load(settings).isEmpty());
        QFile iniAfter(iniPath);
        QVERIFY(iniAfter.open(QIODevice::ReadOnly));
        QVERIFY(!iniAfter.readAll().contains("Emulator"));
    }

    void keychainFailureKeepsTheDialogOpen()
    {
        QTemporaryDir dir;
        QSettings settings(dir.filePath(QStringLiteral("berth.ini")), QSettings::IniFormat);
        MemoryCredentialStore store;
        store.setUnavailable(true);
        ConnectionDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QTest::keyClicks(child<QLineEdit>(&dialog, "urlEdit"), QStringLiteral("myreg.azurecr.io"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "usernameEdit"), QStringLiteral("u"));
        QTest::keyClicks(child<QLineEdit>(&dialog, "secretEdit"), Secret);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        QVERIFY(dialog.isVisible());
        QVERIFY(okButton(&dialog)->isEnabled());
        QVERIFY(RegistryProfiles::load(settings).isEmpty()); // nothing half-saved

        // Without Remember it connects, saving nothing.
        QTest::mouseClick(child<QCheckBox>(&dialog, "rememberCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), Wait);
        QCOMPARE(dialog.result(), int(QDialog::Accepted));
        QVERIFY(!dialog.remember());
        QCOMPARE(dialog.credentials().secret, Secret);
        QVERIFY(RegistryProfiles::load(settings).isEmpty());
    }

    // "Import from Docker/Podman…" lists the hosts docker's config names, and choosing one
    // fills in its address and credentials (from a plain entry, or from the credential helper
    // credsStore names), Remember unticked: nothing reaches a file; ticked, the keychain only.
    void importFromDockerFillsTheDialog()
    {
        CredentialHelpers helpers;
        helpers.addStore(u"teststore"_qs, u"helped.example.com:5000"_qs, u"alice"_qs, Secret);
        const QByteArray plain = QByteArray("bob:") + "plain-" + Secret.toUtf8();
        qputenv("DOCKER_CONFIG", QFile::encodeName(helpers.writeDockerConfig(
                                     "{\"auths\": {\"https://plain.example.com/v1/\": {\"auth\": \""
                                     + plain.toBase64()
                                     + "\"}, \"helped.example.com:5000\": {}}, "
                                       "\"credsStore\": \"teststore\"}")));
        const QByteArray runtime = qgetenv("XDG_RUNTIME_DIR");
        qunsetenv("XDG_RUNTIME_DIR");
        QTemporaryDir dir;
        const QString iniPath = dir.filePath(u"berth.ini"_qs);
        QSettings settings(iniPath, QSettings::IniFormat);
        MemoryCredentialStore store;
        const auto importFrom = [](ConnectionDialog *dialog, const QString &registry) {
            auto *menu = child<QMenu>(dialog, "importMenu");
            Q_EMIT menu->aboutToShow();
            QStringList hosts;
            for (QAction *action : menu->actions()) {
                hosts << action->text();
                if (action->text() == registry)
                    action->trigger();
            }
            return hosts;
        };
        const QStringList hosts{u"helped.example.com:5000"_qs, u"plain.example.com"_qs};

        ConnectionDialog dialog(&settings, &store);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        QCOMPARE(importFrom(&dialog, u"helped.example.com:5000"_qs), hosts);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "secretEdit")->text(), Secret, Wait);
        QCOMPARE(child<QLineEdit>(&dialog, "urlEdit")->text(), u"helped.example.com:5000"_qs);
        QCOMPARE(child<QLineEdit>(&dialog, "usernameEdit")->text(), u"alice"_qs);
        QCOMPARE(helpers.stdinOf(u"teststore"_qs), u"helped.example.com:5000"_qs);
        QVERIFY(!child<QCheckBox>(&dialog, "rememberCheck")->isChecked());
        QVERIFY(!message(&dialog)->text().contains(Secret));
        QTest::mouseClick(okButton(&dialog), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!dialog.isVisible(), Wait);
        QCOMPARE(dialog.credentials().secret, Secret);
        QCOMPARE(store.size(), 0);
        QVERIFY(RegistryProfiles::load(settings).isEmpty());

        ConnectionDialog again(&settings, &store);
        again.show();
        QVERIFY(QTest::qWaitForWindowExposed(&again));
        QCOMPARE(importFrom(&again, u"plain.example.com"_qs), hosts);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&again, "usernameEdit")->text(), u"bob"_qs,
                                  Wait);
        QCOMPARE(child<QLineEdit>(&again, "secretEdit")->text(), u"plain-"_qs + Secret);
        QTest::mouseClick(child<QCheckBox>(&again, "rememberCheck"), Qt::LeftButton);
        QTest::mouseClick(okButton(&again), Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(!again.isVisible(), Wait);
        const auto kept = await(store.load(again.profile().registryKey(), u"bob"_qs));
        BERTH_VERIFY_OK(kept);
        QCOMPARE(kept->value_or(QString()), u"plain-"_qs + Secret);
        settings.sync();
        QFile ini(iniPath);
        QVERIFY(ini.open(QIODevice::ReadOnly));
        const QByteArray bytes = ini.readAll();
        QVERIFY(bytes.contains("plain.example.com"));
        QVERIFY(!bytes.contains(Secret.toUtf8()));

        qunsetenv("DOCKER_CONFIG");
        qputenv("XDG_RUNTIME_DIR", runtime);
    }

    void azureCliToken()
    {
        ConnectionDialog dialog(nullptr, nullptr);
        dialog.show();
        QVERIFY(QTest::qWaitForWindowExposed(&dialog));
        auto *kind = dialog.findChild<QComboBox *>(QStringLiteral("authCombo"));
        kind->setCurrentIndex(kind->findData(int(RegistryProfile::AuthKind::AadToken)));
        auto *button = child<QPushButton>(&dialog, "azureButton");
        QVERIFY(!button->isHidden());
        QVERIFY(child<QLineEdit>(&dialog, "usernameEdit")->isHidden());

        // az missing: a clear error.
        dialog.setAzureCliProgram(QStringLiteral("/nonexistent/bin/az"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_VERIFY_WITH_TIMEOUT(showsError(&dialog), Wait);
        QVERIFY2(message(&dialog)->text().contains(u"not found"),
                 qPrintable(message(&dialog)->text()));
        QVERIFY(button->isEnabled());

        // A stand-in az that records its arguments and prints a token.
        QTemporaryDir dir;
        const QString az = dir.filePath(QStringLiteral("az"));
        QFile script(az);
        QVERIFY(script.open(QIODevice::WriteOnly));
        script.write("#!/bin/sh\necho \"$@\" > \"$(dirname \"$0\")/args\"\necho aad-token-123\n");
        script.close();
        script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        dialog.setAzureCliProgram(az);
        QTest::keyClicks(child<QLineEdit>(&dialog, "tenantEdit"), QStringLiteral("my-tenant"));
        QTest::mouseClick(button, Qt::LeftButton);
        QTRY_COMPARE_WITH_TIMEOUT(child<QLineEdit>(&dialog, "secretEdit")->text(),
                                  QStringLiteral("aad-token-123"), Wait);
        QFile args(dir.filePath(QStringLiteral("args")));
        QVERIFY(args.open(QIODevice::ReadOnly));
        QCOMPARE(args.readAll().trimmed(),
                 QByteArray("account get-access-token --resource https://management.azure.com "
                            "--query accessToken -o tsv --tenant my-tenant"));
        const Credentials credentials = dialog.credentials();
        QCOMPARE(credentials.kind, Credentials::Kind::AadToken);
        QCOMPARE(credentials.secret, QStringLiteral("aad-token-123"));
        QCOMPARE(credentials.tenant, QStringLiteral("my-tenant"));
    }

    void azureCliFailsAndTimesOut()
    {
        QTemporaryDir dir;
        const auto writeScript = [&dir](const char *name, const QByteArray &body) {
            const QString path = dir.filePath(QString::fromLatin1(name));
            QFile script(path);
            if (!script.open(QIODevice::WriteOnly))
                return QString();
            script.write("#!/bin/sh\n" + body);
            script.close();
            script.setPermissions(QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
            return path;
        };

        // az that is not signed in: its complaint is passed on.
        AzureCliToken fetcher;
        fetcher.setProgram(writeScript(
            "az", "echo \"ERROR: Please run 'az login' to setup account.\" >&2\nexit 1\n"));
        QSignalSpy failed(&fetcher, &AzureCliToken::failed);
        QSignalSpy ready(&fetcher, &AzureCliToken::tokenReady);
        fetcher.start();
        QVERIFY(fetcher.isRunning());
        QTRY_COMPARE_WITH_TIMEOUT(failed.count(), 1, Wait);
        QVERIFY2(failed.first().first().toString().contains(u"az login"),
                 qPrintable(failed.first().first().toString()));
        QVERIFY(!fetcher.isRunning());

        // az that hangs: the timeout stops it.
        AzureCliToken slow;
        slow.setProgram(writeScript("slow-az", "exec sleep 30\n"));
        slow.setTimeout(300);
        QSignalSpy slowFailed(&slow, &AzureCliToken::failed);
        QElapsedTimer timer;
        timer.start();
        slow.start();
        QTRY_COMPARE_WITH_TIMEOUT(slowFailed.count(), 1, Wait);
        QVERIFY(timer.elapsed() < 10000);
        QVERIFY2(slowFailed.first().first().toString().contains(u"did not answer"),
                 qPrintable(slowFailed.first().first().toString()));
        QVERIFY(!slow.isRunning());
        QCOMPARE(ready.count(), 0);
    }
};

QTEST_MAIN(tst_ConnectionDialog)
#include "tst_connectiondialog.moc"
