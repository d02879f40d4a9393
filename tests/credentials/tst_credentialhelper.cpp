// Docker credential helpers (CredentialHelperJob) as real executables on PATH: the protocol,
// its bounds (a helper that hangs, says too much or nonsense), names that are no helper's, and
// DockerAuth's order: plain entry, credHelpers, credsStore. No secret reaches a message or log.

#include "credentials/credentialhelper.h"
#include "credentials/dockerauth.h"
#include "fixtures/clienttest.h"
#include "fixtures/credentialhelpers.h"

#include <QDir>
#include <QElapsedTimer>
#include <QLoggingCategory>

using namespace Berth;
using namespace Berth::Test;

namespace {
const QString Server = QStringLiteral("127.0.0.1:5000");
const QString Secret = QStringLiteral("helper-s3cret-7731");
QStringList g_messages; // everything logged while the test runs

void keepMessage(QtMsgType, const QMessageLogContext &, const QString &message)
{
    g_messages << message;
}

Result<std::optional<Credentials>> ask(const QString &name, int timeoutMs = 10000)
{
    return await(new CredentialHelperJob(name, Server, timeoutMs));
}
} // namespace

class tst_CredentialHelper : public QObject
{
    Q_OBJECT

    CredentialHelpers m_helpers;

    void verifyNoSecretIn(const RegistryError &error)
    {
        QVERIFY2(!error.message.contains(Secret), qPrintable(error.message));
        QVERIFY(!error.code.contains(Secret));
    }

private Q_SLOTS:
    void initTestCase()
    {
        QLoggingCategory::setFilterRules(QStringLiteral("berth.*.debug=true"));
        qInstallMessageHandler(keepMessage);
        m_helpers.addStore(u"store"_qs, Server, u"alice"_qs, Secret);
        m_helpers.addStore(u"acr"_qs, Server, u"<token>"_qs, Secret);
        m_helpers.addScript(u"hang"_qs, "exec sleep 30\n");
        m_helpers.addScript(u"garbage"_qs, "echo 'Secret: " + Secret.toUtf8() + " {'\necho '"
                                               + Secret.toUtf8() + "' >&2\n");
        m_helpers.addScript(u"huge"_qs, "head -c 100000 /dev/zero | tr '\\0' x\n");
        m_helpers.addScript(u"nosecret"_qs, "echo '{\"Username\":\"alice\",\"Secret\":\"\"}'\n");
    }
    void cleanupTestCase()
    {
        qInstallMessageHandler(nullptr);
        for (const QString &message : std::as_const(g_messages))
            QVERIFY2(!message.contains(Secret), qPrintable(message));
    }

    void answersWhatTheHelperKeeps()
    {
        const auto found = ask(u"store"_qs);
        BERTH_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->kind, Credentials::Kind::Password);
        QCOMPARE((*found)->username, u"alice"_qs);
        QCOMPARE((*found)->secret, Secret);
        QCOMPARE(m_helpers.stdinOf(u"store"_qs), Server); // the server URL, on stdin
    }

    // docker's "<token>" user: the secret is an identity token, for ACR a refresh token.
    void anIdentityTokenIsNoPassword()
    {
        const auto found = ask(u"acr"_qs);
        BERTH_VERIFY_OK(found);
        QVERIFY(found->has_value());
        QCOMPARE((*found)->kind, Credentials::Kind::RefreshToken);
        QCOMPARE((*found)->username, Credentials::RefreshTokenUser);
        QCOMPARE((*found)->secret, Secret);
    }

    void nothingFoundIsNoError_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("not in its keychain") << u"store"_qs; // asked for another server
        QTest::newRow("not installed") << u"missing"_qs;
        QTest::newRow("no secret") << u"nosecret"_qs;
    }
    void nothingFoundIsNoError()
    {
        QFETCH(QString, name);
        const auto found = await(new CredentialHelperJob(name, u"other.example.com"_qs));
        BERTH_VERIFY_OK(found);
        QVERIFY(!found->has_value());
    }

    void namesThatAreNoHelpersAreRefused_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("a path") << u"../store"_qs;
        QTest::newRow("absolute") << u"/bin/sh"_qs;
        QTest::newRow("upper case") << u"Store"_qs;
        QTest::newRow("space") << u"st ore"_qs;
        QTest::newRow("dot dot") << u".."_qs;
        QTest::newRow("empty") << QString();
    }
    void namesThatAreNoHelpersAreRefused()
    {
        QFETCH(QString, name);
        const auto found = ask(name);
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::InvalidArgument);
    }

    void aHelperThatHangsIsStopped()
    {
        QElapsedTimer timer;
        timer.start();
        const auto found = ask(u"hang"_qs, 300);
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::Timeout);
        QVERIFY2(found.error().message.contains(u"docker-credential-hang"),
                 qPrintable(found.error().message));
        QVERIFY(timer.elapsed() < 10000);
    }

    void nonsenseIsAClearErrorWithoutTheSecret_data()
    {
        QTest::addColumn<QString>("name");
        QTest::newRow("not JSON") << u"garbage"_qs;
        QTest::newRow("over 64 KiB") << u"huge"_qs;
    }
    void nonsenseIsAClearErrorWithoutTheSecret()
    {
        QFETCH(QString, name);
        const auto found = ask(name);
        QVERIFY(!found);
        QCOMPARE(found.error().code, ErrorCode::InvalidResponse);
        QVERIFY2(found.error().message.contains(u"docker-credential-" + name),
                 qPrintable(found.error().message));
        verifyNoSecretIn(found.error());
    }

    // A plain entry first, then the registry's credHelpers entry, then credsStore; DOCKER_CONFIG
    // names docker's directory.
    void dockerAuthAsksInOrder()
    {
        const QString docker = m_helpers.writeDockerConfig(
            "{\"auths\": {\"plain.example.com\": {\"auth\": \"" + QByteArray("bob:pw").toBase64()
            + "\"}, \"" + Server.toUtf8()
            + "\": {}},"
              " \"credHelpers\": {\"plain.example.com\": \"hang\", \""
            + Server.toUtf8()
            + "\": \"nosecret\", \"helped.example.com\": \"garbage\"},"
              " \"credsStore\": \"store\"}");
        qputenv("DOCKER_CONFIG", QFile::encodeName(docker));
        qunsetenv("XDG_RUNTIME_DIR");
        const QStringList files = DockerAuth::defaultFiles();
        QCOMPARE(files, QStringList{QDir(docker).filePath(u"config.json"_qs)});

        const auto plain = await(DockerAuth::resolve(u"plain.example.com"_qs));
        BERTH_VERIFY_OK(plain);
        QCOMPARE(plain->value_or(Credentials()).username, u"bob"_qs); // the helper never ran

        QCOMPARE(DockerAuth::helpers(Server), (QStringList{u"nosecret"_qs, u"store"_qs}));
        const auto helped = await(DockerAuth::resolve(Server));
        BERTH_VERIFY_OK(helped);
        QCOMPARE(helped->value_or(Credentials()).secret, Secret); // credsStore after credHelpers

        const auto failing = await(DockerAuth::resolve(u"helped.example.com"_qs));
        QVERIFY(!failing);
        verifyNoSecretIn(failing.error());

        const auto none = await(DockerAuth::resolve(u"unknown.example.com"_qs));
        BERTH_VERIFY_OK(none);
        QVERIFY(!none->has_value());

        QCOMPARE(DockerAuth::registries(),
                 (QStringList{Server, u"helped.example.com"_qs, u"plain.example.com"_qs}));
        qunsetenv("DOCKER_CONFIG");
    }

    // Docker Hub's hosts are one, and its helper is asked for docker's own key.
    void dockerHubIsAskedAsDockerDoes()
    {
        m_helpers.addStore(u"hub"_qs, u"https://index.docker.io/v1/"_qs, u"carol"_qs, Secret);
        qputenv("DOCKER_CONFIG",
                QFile::encodeName(m_helpers.writeDockerConfig(
                    "{\"credHelpers\": {\"https://index.docker.io/v1/\": \"hub\"}}")));
        qunsetenv("XDG_RUNTIME_DIR");
        const auto found = await(DockerAuth::resolve(u"registry-1.docker.io"_qs));
        BERTH_VERIFY_OK(found);
        QCOMPARE(found->value_or(Credentials()).username, u"carol"_qs);
        QCOMPARE(DockerAuth::registries(), QStringList{u"registry-1.docker.io"_qs});
        qunsetenv("DOCKER_CONFIG");
    }
};

QTEST_GUILESS_MAIN(tst_CredentialHelper)
#include "tst_credentialhelper.moc"
