// KeychainCredentialStore against a real Secret Service (gnome-keyring-daemon), and
// berth-cli signing in with what the window saved. Run through scripts/with-keyring.sh,
// which gives a private D-Bus bus, a throwaway HOME and an unlocked keyring; without it
// this test fails rather than touch the user's own keyring.

#include "../cli/clirun.h"
#include "credentials/keychaincredentialstore.h"
#include "credentials/registryprofiles.h"
#include "credentialtestutil.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/testutil.h"

#include <QDirIterator>
#include <QFile>
#include <QProcess>
#include <QSettings>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

const QString Secret = QStringLiteral("kc-Secret-Never-On-Disk-7f3a");
const QString EmulatorPassword = QStringLiteral("Emu-Pa55-word-9c1d");

// Every file under `dir` whose bytes contain `needle`.
QStringList filesContaining(const QString &dir, const QByteArray &needle)
{
    QStringList hits;
    QDirIterator it(dir, QDir::Files | QDir::Hidden | QDir::System, QDirIterator::Subdirectories);
    while (it.hasNext()) {
        const QString path = it.next();
        if (fileBytes(path).contains(needle))
            hits << path;
    }
    return hits;
}

using Run = CliRun;

} // namespace

class tst_Keychain : public EmulatorFixture
{
    Q_OBJECT

public:
    tst_Keychain()
        : EmulatorFixture(QStringLiteral("admin"), EmulatorPassword)
    {}

private:
    QTemporaryDir m_dir;
    QString m_settingsPath;

    // berth-cli with no credentials in flags or environment, and the test's settings file.
    Run cli(const QStringList &args, const QProcessEnvironment &extra = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name :
             {"BERTH_REGISTRY", "BERTH_USERNAME", "BERTH_PASSWORD", "BERTH_AAD_TOKEN"})
            env.remove(QString::fromLatin1(name));
        env.insert(QStringLiteral("BERTH_SETTINGS"), m_settingsPath);
        env.insert(extra);
        return Berth::Test::runCli(args, env, {}, 60000,
                                   {Secret.toUtf8(), EmulatorPassword.toUtf8()});
    }

    // Saves a password profile for the emulator, as the window does: settings + keychain.
    void saveEmulatorProfile(const QString &user, const std::optional<QString> &secret)
    {
        Result<RegistryProfile> p = RegistryProfile::forUrl(m_emu->url().toString());
        QVERIFY(p);
        p->authKind = RegistryProfile::AuthKind::Password;
        p->username = user;
        p->displayName = QStringLiteral("emulator");
        {
            QSettings settings(m_settingsPath, QSettings::IniFormat);
            RegistryProfiles profiles = RegistryProfiles::load(settings);
            profiles.insert(*p);
            profiles.save(settings);
        }
        KeychainCredentialStore store;
        const Result<Done> done
            = secret ? awaitJob(store.store(p->registryKey(), p->account(), *secret))
                     : awaitJob(store.forget(p->registryKey(), p->account()));
        QVERIFY2(done, qPrintable(errorMessage(done)));
    }

private Q_SLOTS:
    void initTestCase()
    {
        // Set by scripts/with-keyring.sh: the keyring and HOME are throwaway ones.
        const QString keyringDir = qEnvironmentVariable("BERTH_TEST_KEYRING");
        QVERIFY2(!keyringDir.isEmpty() && QDir::homePath().startsWith(keyringDir),
                 "run this test through scripts/with-keyring.sh (ctest -R keychain does): it "
                 "must not use your own keyring");
        QVERIFY(!qEnvironmentVariableIsEmpty("DBUS_SESSION_BUS_ADDRESS"));
        QVERIFY(m_dir.isValid());
        m_settingsPath = m_dir.filePath(QStringLiteral("berth.ini"));
    }

    void init()
    {
        QFile::remove(m_settingsPath);
        QVERIFY(startEmulator());
    }

    void storeReadOverwriteForget()
    {
        KeychainCredentialStore store;
        const QString key = QStringLiteral("https://myreg.azurecr.io");
        const QString user = QStringLiteral("admin");

        QVERIFY(awaitJob(store.forget(key, user))); // nothing there yet: not an error
        auto missing = awaitJob(store.load(key, user));
        QVERIFY2(missing, qPrintable(errorMessage(missing)));
        QVERIFY(!missing->has_value());

        const auto stored = awaitJob(store.store(key, user, Secret));
        QVERIFY2(stored, qPrintable(errorMessage(stored)));
        auto loaded = awaitJob(store.load(key, user));
        QVERIFY2(loaded, qPrintable(errorMessage(loaded)));
        QCOMPARE(loaded->value_or(QString()), Secret);
        // A second store instance (as berth-cli is) sees the same entry.
        KeychainCredentialStore other;
        QCOMPARE(awaitJob(other.load(key, user))->value_or(QString()), Secret);
        // Other accounts and registries are other entries.
        QVERIFY(!awaitJob(store.load(key, QStringLiteral("someone")))->has_value());
        QVERIFY(!awaitJob(store.load(QStringLiteral("https://x.azurecr.io"), user))->has_value());

        const QString second = QStringLiteral("second-Secret-\u00e9\u00df-\u2603");
        QVERIFY(awaitJob(store.store(key, user, second)));
        QCOMPARE(awaitJob(store.load(key, user))->value_or(QString()), second);

        QVERIFY(awaitJob(store.forget(key, user)));
        auto gone = awaitJob(store.load(key, user));
        QVERIFY2(gone, qPrintable(errorMessage(gone)));
        QVERIFY(!gone->has_value());
    }

    void secretIsInTheKeyringNotInFiles()
    {
        Result<RegistryProfile> p = RegistryProfile::forUrl(QStringLiteral("myreg.azurecr.io"));
        QVERIFY(p);
        p->authKind = RegistryProfile::AuthKind::Password;
        p->username = QStringLiteral("admin");
        KeychainCredentialStore store;
        QVERIFY(awaitJob(store.store(p->registryKey(), p->account(), Secret)));
        {
            QSettings settings(m_settingsPath, QSettings::IniFormat);
            RegistryProfiles profiles;
            profiles.insert(*p);
            profiles.save(settings);
        }
        const QByteArray ini = fileBytes(m_settingsPath);
        QVERIFY(ini.contains("myreg.azurecr.io"));
        QVERIFY2(!ini.contains(Secret.toUtf8()), ini.constData());

        // An independent Secret Service client finds it under QtKeychain's attributes...
        const QString secretTool = Test::findExecutable(QStringLiteral("secret-tool"));
        QVERIFY2(!secretTool.isEmpty(), "secret-tool is missing: install libsecret-tools");
        QProcess lookup;
        QSignalSpy done(&lookup, &QProcess::finished);
        lookup.start(secretTool, {QStringLiteral("lookup"), QStringLiteral("server"),
                                  KeychainCredentialStore::ServiceName, QStringLiteral("user"),
                                  CredentialStore::entryKey(p->registryKey(), p->account())});
        QVERIFY(done.wait(20000));
        QCOMPARE(lookup.readAllStandardOutput().trimmed(), Secret.toUtf8());

        // ...and no file anywhere in the throwaway HOME (keyring files are encrypted; a
        // plaintext fallback would show here) or next to the settings holds it in clear.
        const QStringList leaks = filesContaining(QDir::homePath(), Secret.toUtf8())
                                  + filesContaining(m_dir.path(), Secret.toUtf8());
        QVERIFY2(leaks.isEmpty(), qPrintable(leaks.join(u", ")));
        QVERIFY(awaitJob(store.forget(p->registryKey(), p->account())));
    }

    void cliSignsInWithTheSavedSecret()
    {
        saveEmulatorProfile(QStringLiteral("admin"), EmulatorPassword);
        QVERIFY(!fileBytes(m_settingsPath).contains(EmulatorPassword.toUtf8()));
        m_emu->clearRequests();
        const Run r = cli({QStringLiteral("-r"), m_emu->url().toString(), QStringLiteral("repo"),
                           QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("hello-world\n"));
        bool signedIn = false;
        for (const AcrEmulator::RecordedRequest &req : m_emu->requests())
            signedIn = signedIn || (req.hadAuthorization && req.status == 200);
        QVERIFY(signedIn);
    }

    void cliWithoutASavedSecretAsksToSignInAgain()
    {
        saveEmulatorProfile(QStringLiteral("admin"), std::nullopt);
        const Run r = cli({QStringLiteral("-r"), m_emu->url().toString(), QStringLiteral("repo"),
                           QStringLiteral("list")});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: UNAUTHORIZED: No saved secret for admin at "),
                 r.err.constData());
        QVERIFY(r.err.contains("sign in again"));
        QVERIFY(r.out.isEmpty());
    }

    void cliWithoutAProfileIsAnonymous()
    {
        m_emu->setAnonymousActions({QStringLiteral("*")});
        m_emu->clearRequests();
        const Run r = cli({QStringLiteral("-r"), m_emu->url().toString(), QStringLiteral("repo"),
                           QStringLiteral("list")});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY(r.out.contains("hello-world\n"));
    }

    void cliReportsAnUnreachableKeychain()
    {
        saveEmulatorProfile(QStringLiteral("admin"), EmulatorPassword);
        QProcessEnvironment env;
        env.insert(QStringLiteral("DBUS_SESSION_BUS_ADDRESS"),
                   QStringLiteral("unix:path=") + m_dir.filePath(QStringLiteral("no-bus")));
        const Run r = cli({QStringLiteral("-r"), m_emu->url().toString(), QStringLiteral("repo"),
                           QStringLiteral("list")},
                          env);
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith(
                     "berth-cli: KEYCHAIN_ERROR: No keychain (Secret Service) is available: "),
                 r.err.constData());
        QCOMPARE(r.err.count('\n'), 1); // the one error line, no log lines
        QVERIFY(r.out.isEmpty());
    }

    void cliFlagsAndEnvironmentWinOverTheSavedProfile()
    {
        saveEmulatorProfile(QStringLiteral("admin"), QStringLiteral("wrong-saved-secret"));
        const QString url = m_emu->url().toString();
        QProcessEnvironment env;
        env.insert(QStringLiteral("BERTH_USERNAME"), QStringLiteral("admin"));
        env.insert(QStringLiteral("BERTH_PASSWORD"), EmulatorPassword);
        const Run withEnv
            = cli({QStringLiteral("-r"), url, QStringLiteral("repo"), QStringLiteral("list")}, env);
        QVERIFY2(withEnv.exitCode == 0, withEnv.err.constData());

        // --anonymous ignores the saved profile too (and anonymous may not list here).
        saveEmulatorProfile(QStringLiteral("admin"), EmulatorPassword);
        const Run anonymous = cli({QStringLiteral("--anonymous"), QStringLiteral("-r"), url,
                                   QStringLiteral("repo"), QStringLiteral("list")});
        QCOMPARE(anonymous.exitCode, 1);
        QVERIFY2(anonymous.err.startsWith("berth-cli: UNAUTHORIZED: "), anonymous.err.constData());
        QVERIFY(!anonymous.err.contains("saved"));
        KeychainCredentialStore store;
        QVERIFY(
            awaitJob(store.forget(RegistryProfile::keyFor(m_emu->url()), QStringLiteral("admin"))));
    }
};

QTEST_GUILESS_MAIN(tst_Keychain)
#include "tst_keychain.moc"
