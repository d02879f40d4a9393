// Where berth-cli's credentials come from when none are given: Berth's saved registry first,
// then what docker and podman keep (a plain entry, a credential helper named by credHelpers or
// credsStore, found on PATH), else anonymous; for -r's registry and a copy's destination alike.
// Against Debian's docker-registry with htpasswd, the password known only to a helper. The
// password never reaches berth-cli's output, its debug log or Berth's settings file.

#include "clirun.h"
#include "credentials/registryprofiles.h"
#include "fixtures/credentialhelpers.h"
#include "fixtures/emulatorfixture.h"
#include "fixtures/realregistry.h"

#include <QFile>
#include <QSettings>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_CliSignIn : public QObject
{
    Q_OBJECT

    RealRegistry m_registry;
    CredentialHelpers m_helpers;
    QTemporaryDir m_home;
    QString m_settings; // Berth's settings file, BERTH_SETTINGS

    QString host() const { return m_registry.hostPort(); }
    QByteArray password() const { return m_registry.password().toUtf8(); }

    // berth-cli with HOME, XDG_RUNTIME_DIR and DOCKER_CONFIG of the test's own, docker's config
    // being `dockerConfig`, its debug log on, and no credentials in the environment.
    CliRun run(const QByteArray &dockerConfig, const QStringList &args, const QByteArray &in = {})
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        for (const char *name : {"BERTH_REGISTRY", "BERTH_USERNAME", "BERTH_PASSWORD",
                                 "BERTH_AAD_TOKEN", "BERTH_DEST_PASSWORD", "REGISTRY_AUTH_FILE"})
            env.remove(QString::fromLatin1(name));
        env.insert(u"HOME"_qs, m_home.path());
        env.insert(u"XDG_RUNTIME_DIR"_qs, m_home.filePath(u"run"_qs));
        env.insert(u"DOCKER_CONFIG"_qs, m_helpers.writeDockerConfig(dockerConfig));
        env.insert(u"BERTH_SETTINGS"_qs, m_settings);
        env.insert(u"BERTH_CLI_DEBUG"_qs, u"1"_qs);
        env.insert(u"QT_LOGGING_RULES"_qs, u"berth.*.debug=true"_qs);
        const CliRun r = runCli(args, env, in, 60000, {password()});
        QFile settings(m_settings);
        if (settings.open(QIODevice::ReadOnly) && settings.readAll().contains(password()))
            return {-98, {}, "the secret reached Berth's settings file"};
        return r;
    }
    QStringList listRepositories() const
    {
        return {u"-r"_qs, m_registry.url().toString(), u"--plain-http"_qs, u"repo"_qs, u"list"_qs};
    }
    QByteArray helperFor(const QByteArray &key, const QByteArray &name) const
    {
        return "{\"auths\": {\"" + host().toUtf8() + "\": {}}, \"" + key + "\": " + name + "}";
    }

private Q_SLOTS:
    void initTestCase()
    {
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Htpasswd, &error), qPrintable(error));
        m_settings = m_home.filePath(u"berth.ini"_qs);
        m_helpers.addStore(u"teststore"_qs, host(), m_registry.username(), m_registry.password());
        m_helpers.addScript(u"garbage"_qs, "echo \"{$(cat)\"\n");
    }
    void init() { QFile::remove(m_settings); }

    void theRegistrySignsInThroughAHelper_data()
    {
        QTest::addColumn<QByteArray>("config");
        QTest::newRow("credsStore") << helperFor("credsStore", "\"teststore\"");
        QTest::newRow("credHelpers")
            << helperFor("credHelpers", "{\"" + host().toUtf8() + "\": \"teststore\"}");
    }
    void theRegistrySignsInThroughAHelper()
    {
        QFETCH(QByteArray, config);
        const CliRun r = run(config, listRepositories());
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QCOMPARE(m_helpers.stdinOf(u"teststore"_qs), host());
    }

    // Without the helper the same command is refused: the helper's password signed in.
    void withoutAHelperItIsAnonymous()
    {
        const CliRun r = run("{\"auths\": {}}", listRepositories());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("UNAUTHORIZED"), r.err.constData());
    }

    // Given credentials and Berth's saved registry come first: a wrong password given, or a
    // saved anonymous profile, is used although the helper knows the right one.
    void givenAndSavedCredentialsComeFirst()
    {
        const QByteArray config = helperFor("credsStore", "\"teststore\"");
        CliRun r = run(config,
                       QStringList{u"-u"_qs, m_registry.username(), u"--password-stdin"_qs}
                           + listRepositories(),
                       "wrong\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("UNAUTHORIZED"), r.err.constData());

        {
            QSettings settings(m_settings, QSettings::IniFormat);
            RegistryProfiles profiles;
            auto profile = RegistryProfile::forUrl(m_registry.url().toString(), true);
            QVERIFY(profile);
            profile->authKind = RegistryProfile::AuthKind::Anonymous;
            profiles.insert(*profile);
            profiles.save(settings);
        }
        r = run(config, listRepositories());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("UNAUTHORIZED"), r.err.constData());
    }

    // A helper that answers nonsense: a clear error naming it, nothing of what it was told.
    void aBrokenHelperIsAClearError()
    {
        const CliRun r = run(helperFor("credsStore", "\"garbage\""), listRepositories());
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("docker-credential-garbage"), r.err.constData());
        QVERIFY2(!r.err.contains(QByteArray("{" + host().toUtf8())), r.err.constData());
    }

    // A copy's destination signs in the same way.
    void theCopyDestinationSignsInThroughAHelper()
    {
        const auto emu = startDemoEmulator(u"admin"_qs, u"pw"_qs);
        QVERIFY(emu);
        const QStringList args{
            u"-r"_qs,          emu->url().toString(),  u"--plain-http"_qs, u"-u"_qs,
            u"admin"_qs,       u"--password-stdin"_qs, u"copy"_qs,         u"team/app/web:2.3.1"_qs,
            host() + u"/web:1"};
        CliRun r = run("{}", args, "pw\n");
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.contains("UNAUTHORIZED"), r.err.constData());
        r = run(helperFor("credHelpers", "{\"" + host().toUtf8() + "\": \"teststore\"}"), args,
                "pw\n");
        QVERIFY2(r.exitCode == 0, r.err.constData());
    }
};

QTEST_GUILESS_MAIN(tst_CliSignIn)
#include "tst_cli_signin.moc"
