// Credentials read from podman's auth.json and docker's config.json (DockerAuth): plain `auth`
// entries, keys with or without scheme and path, podman's file first, and what is no usable
// entry passed over.

#include "credentials/dockerauth.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;

class tst_DockerAuth : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QString write(const QString &name, const QByteArray &content)
    {
        const QString path = m_dir.filePath(name);
        QFile file(path);
        if (!file.open(QIODevice::WriteOnly) || file.write(content) != content.size())
            qFatal("cannot write %s", qPrintable(path));
        return path;
    }
    static QByteArray entry(const QByteArray &key, const QByteArray &userAndPassword)
    {
        return "{\"auths\": {\"" + key + "\": {\"auth\": \"" + userAndPassword.toBase64() + "\"}}}";
    }

private Q_SLOTS:
    void findsAnEntryByHost_data()
    {
        QTest::addColumn<QByteArray>("key");
        QTest::addColumn<QString>("registry");
        QTest::addColumn<bool>("found");
        QTest::newRow("host:port") << QByteArray("127.0.0.1:5000") << u"127.0.0.1:5000"_qs << true;
        QTest::newRow("with scheme and path")
            << QByteArray("https://Reg.Example.com/v1/") << u"reg.example.com"_qs << true;
        QTest::newRow("another port")
            << QByteArray("127.0.0.1:5001") << u"127.0.0.1:5000"_qs << false;
        QTest::newRow("another host") << QByteArray("other.io") << u"reg.example.com"_qs << false;
        QTest::newRow("Docker Hub")
            << QByteArray("https://index.docker.io/v1/") << u"registry-1.docker.io"_qs << true;
    }
    void findsAnEntryByHost()
    {
        QFETCH(QByteArray, key);
        QFETCH(QString, registry);
        QFETCH(bool, found);
        const QString file = write(u"config.json"_qs, entry(key, "alice:s3cr:et"));
        const std::optional<Credentials> c = DockerAuth::find(registry, {file});
        QCOMPARE(c.has_value(), found);
        if (found) {
            QCOMPARE(c->username, u"alice"_qs);
            QCOMPARE(c->secret, u"s3cr:et"_qs); // only the first colon separates
        }
    }

    // An identity token (what `docker login` keeps for ACR) is an ACR refresh token.
    void anIdentityTokenIsARefreshToken()
    {
        const QString file = write(
            u"config.json"_qs, "{\"auths\": {\"r.azurecr.io\": {\"auth\": \""
                                   + QByteArray("00000000-0000-0000-0000-000000000000:").toBase64()
                                   + "\", \"identitytoken\": \"refresh-1\"}}}");
        const std::optional<Credentials> c = DockerAuth::find(u"r.azurecr.io"_qs, {file});
        QVERIFY(c);
        QCOMPARE(c->kind, Credentials::Kind::RefreshToken);
        QCOMPARE(c->secret, u"refresh-1"_qs);
        QCOMPARE(DockerAuth::registries({file}), QStringList{u"r.azurecr.io"_qs});
    }

    void thePodmanFileComesFirst()
    {
        const QString podman = write(u"auth.json"_qs, entry("localhost:5000", "podman:pw1"));
        const QString docker = write(u"docker.json"_qs, entry("localhost:5000", "docker:pw2"));
        QCOMPARE(DockerAuth::find(u"localhost:5000"_qs, {podman, docker})->username, u"podman"_qs);
        QCOMPARE(DockerAuth::find(u"localhost:5000"_qs, {docker, podman})->username, u"docker"_qs);
    }

    void unusableEntriesArePassedOver_data()
    {
        QTest::addColumn<QByteArray>("content");
        QTest::newRow("not JSON") << QByteArray("{auths");
        QTest::newRow("no colon") << entry("localhost:5000", "alice");
        QTest::newRow("no user") << entry("localhost:5000", ":pw");
        QTest::newRow("not base64") << QByteArray("{\"auths\": {\"localhost:5000\": {\"auth\": "
                                                  "\"***\"}}}");
        QTest::newRow("helper only") << QByteArray("{\"credsStore\": \"secretservice\", "
                                                   "\"auths\": {\"localhost:5000\": {}}}");
        QTest::newRow("over 1 MiB")
            << QByteArray(entry("localhost:5000", "a:b") + QByteArray((1 << 20), ' '));
    }
    void unusableEntriesArePassedOver()
    {
        QFETCH(QByteArray, content);
        const QString bad = write(u"bad.json"_qs, content);
        QVERIFY(!DockerAuth::find(u"localhost:5000"_qs, {bad}));
        const QString good = write(u"good.json"_qs, entry("localhost:5000", "bob:pw"));
        QCOMPARE(DockerAuth::find(u"localhost:5000"_qs, {bad, good})->username, u"bob"_qs);
        QVERIFY(!DockerAuth::find(u"localhost:5000"_qs, {m_dir.filePath(u"missing.json"_qs)}));
    }

    void defaultFilesArePodmansThenDockers()
    {
        qputenv("XDG_RUNTIME_DIR", "/run/user/1234");
        qunsetenv("DOCKER_CONFIG");
        const QStringList files = DockerAuth::defaultFiles();
        QCOMPARE(files.size(), 2);
        QCOMPARE(files.at(0), u"/run/user/1234/containers/auth.json"_qs);
        QCOMPARE(files.at(1), QDir::home().filePath(u".docker/config.json"_qs));
    }
};

QTEST_GUILESS_MAIN(tst_DockerAuth)
#include "tst_dockerauth.moc"
