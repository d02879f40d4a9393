// Proves the shared test fixtures work: a real registry in every mode round-trips an OCI image
// pushed by skopeo, and the scripted server produces the faults client tests rely on.

#include "fixtures/datatable.h"
#include "fixtures/ocilayout.h"
#include "fixtures/processrunner.h"
#include "fixtures/realregistry.h"
#include "fixtures/replywait.h"
#include "fixtures/scriptedserver.h"
#include "fixtures/skopeo.h"
#include "fixtures/testutil.h"

#include <QDir>
#include <QFileInfo>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QSslCertificate>
#include <QSslConfiguration>
#include <QTemporaryDir>
#include <QTest>

#include <csignal>
#include <memory>

using namespace Qt::StringLiterals;
using namespace Berth::Test;

Q_DECLARE_METATYPE(RealRegistry::Mode)

namespace {

bool processExists(qint64 pid)
{
    return pid > 0 && ::kill(pid_t(pid), 0) == 0;
}

} // namespace

class tst_FixturesSmoke : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void initTestCase();
    void ociLayoutIsValid();
    void registryRoundTrip_data();
    void registryRoundTrip();
    void multiPlatformRoundTrip();
    void scriptedCannedResponses();
    void scriptedStallHitsTransferTimeout();
    void scriptedClosedConnections();
    void scriptedSlowDrip();
    void scriptedLargeBody();
    void scriptedRedirectToSecondHost();

private:
    QNetworkAccessManager m_network;
};

void tst_FixturesSmoke::initTestCase()
{
    // Missing tools fail the test (never skip): the test command installs them.
    for (const QString &tool : {u"docker-registry"_s, u"skopeo"_s, u"htpasswd"_s, u"openssl"_s})
        BERTH_REQUIRE_EXECUTABLE(tool);
}

void tst_FixturesSmoke::ociLayoutIsValid()
{
    QTemporaryDir dir;
    QVERIFY(dir.isValid());
    const auto layout = buildOciLayout(dir.path(), {.layerSizes = {0, 1000, 200000}, .seed = 7});
    BERTH_VERIFY_EXPECTED(layout);
    QCOMPARE(layout->images.size(), 1);
    const OciImage &image = layout->images.first();
    QCOMPARE(image.layers.size(), 3);
    QCOMPARE(layout->ref.digest, image.manifest.digest);

    // Every blob on disk has the digest and size the result claims.
    for (const QString &digest : layout->allDigests()) {
        QFile blob(dir.filePath(u"blobs/sha256/"_s + digest.mid(7)));
        QVERIFY2(blob.open(QIODevice::ReadOnly), qPrintable(blob.fileName()));
        QCOMPARE(sha256Digest(blob.readAll()), digest);
    }
    // Layers are real gzip-compressed tar archives.
    for (const OciDescriptor &layer : image.layers) {
        const QString path = dir.filePath(u"blobs/sha256/"_s + layer.digest.mid(7));
        QCOMPARE(QFileInfo(path).size(), layer.size);
        const ProcessResult listing
            = runProcess({.program = u"tar"_s, .arguments = {u"-tzf"_s, path}, .timeoutMs = 30000});
        QVERIFY2(listing.ok(), qPrintable(listing.describe()));
        QVERIFY(listing.standardOutput.startsWith("berth/amd64/layer-"));
    }
    // Same spec, same bytes.
    QTemporaryDir again;
    const auto second = buildOciLayout(again.path(), {.layerSizes = {0, 1000, 200000}, .seed = 7});
    BERTH_VERIFY_EXPECTED(second);
    QCOMPARE(second->ref.digest, layout->ref.digest);
}

void tst_FixturesSmoke::registryRoundTrip_data()
{
    addColumns<RealRegistry::Mode>("mode");
    QTest::newRow("plain") << RealRegistry::Mode::Plain;
    QTest::newRow("htpasswd") << RealRegistry::Mode::Htpasswd;
    QTest::newRow("tls") << RealRegistry::Mode::Tls;
    QTest::newRow("tls+htpasswd") << RealRegistry::Mode::TlsHtpasswd;
}

void tst_FixturesSmoke::registryRoundTrip()
{
    QFETCH(RealRegistry::Mode, mode);
    qint64 pid = 0;
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(mode, &error), qPrintable(error));
        pid = registry.processId();
        QVERIFY(processExists(pid));
        QCOMPARE(registry.url().host(), u"127.0.0.1"_s);

        // GET /v2/ directly: 401 without credentials when auth is on, the CA verifies TLS.
        QNetworkRequest ping(registry.url().resolved(QUrl(u"/v2/"_s)));
        if (registry.usesTls()) {
            QSslConfiguration ssl = QSslConfiguration::defaultConfiguration();
            ssl.setCaCertificates(QSslCertificate::fromPath(registry.caFile()));
            ping.setSslConfiguration(ssl);
        }
        const auto anonymous = finish(m_network.get(ping));
        QCOMPARE(statusOf(*anonymous), registry.usesAuth() ? 401 : 200);
        if (registry.usesAuth()) {
            const QByteArray basic = (registry.username() + u':' + registry.password()).toUtf8();
            ping.setRawHeader("Authorization", "Basic " + basic.toBase64());
            const auto authorized = finish(m_network.get(ping));
            QCOMPARE(statusOf(*authorized), 200);
        }

        QTemporaryDir layoutDir;
        QVERIFY(layoutDir.isValid());
        const auto layout = buildOciLayout(layoutDir.path(), {.layerSizes = {512, 150000}});
        BERTH_VERIFY_EXPECTED(layout);

        Skopeo skopeo;
        QVERIFY2(skopeo.isValid(), qPrintable(skopeo.setupError()));
        const QString target = Skopeo::dockerReference(registry, u"demo/app:1.0"_s);
        const auto copied
            = skopeo.copy(layout->ociReference(), target, Skopeo::destinationFlags(registry));
        if (!copied)
            qWarning().noquote() << "registry log:" << registry.logText();
        BERTH_VERIFY_EXPECTED(copied);

        const auto raw = skopeo.inspectRaw(target, Skopeo::inspectFlags(registry));
        BERTH_VERIFY_EXPECTED(raw);
        QCOMPARE(sha256Digest(*raw), layout->ref.digest);
        QCOMPARE(*raw, layout->images.first().manifestBytes);

        const auto config = skopeo.inspectConfig(target, Skopeo::inspectFlags(registry));
        BERTH_VERIFY_EXPECTED(config);
        QCOMPARE(sha256Digest(*config), layout->images.first().config.digest);
        QVERIFY(QFileInfo::exists(registry.storageDir() + u"/docker/registry/v2/blobs"_s));

        // Deletes are enabled: the manifest goes away.
        const QString byDigest
            = Skopeo::dockerReference(registry, u"demo/app@"_s + layout->ref.digest);
        const auto removed = skopeo.remove(byDigest, Skopeo::inspectFlags(registry));
        BERTH_VERIFY_EXPECTED(removed);
        QVERIFY(!skopeo.inspectRaw(target, Skopeo::inspectFlags(registry)));
    }
    QVERIFY2(!processExists(pid), "the registry process outlived RealRegistry");
}

void tst_FixturesSmoke::multiPlatformRoundTrip()
{
    RealRegistry registry;
    QString error;
    QVERIFY2(registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
    QTemporaryDir layoutDir;
    const auto layout
        = buildOciLayout(layoutDir.path(), {.layerSizes = {2048}, .multiPlatform = true});
    BERTH_VERIFY_EXPECTED(layout);
    QCOMPARE(layout->images.size(), 2);
    QVERIFY(!layout->imageIndexBytes.isEmpty());

    Skopeo skopeo;
    const QString target = Skopeo::dockerReference(registry, u"demo/multi:1.0"_s);
    const auto copied = skopeo.copy(layout->ociReference(), target,
                                    QStringList{u"--all"_s} + Skopeo::destinationFlags(registry));
    BERTH_VERIFY_EXPECTED(copied);
    const auto raw = skopeo.inspectRaw(target, Skopeo::inspectFlags(registry));
    BERTH_VERIFY_EXPECTED(raw);
    QCOMPARE(sha256Digest(*raw), layout->ref.digest);

    const QString arm
        = Skopeo::dockerReference(registry, u"demo/multi@"_s + layout->images[1].manifest.digest);
    const auto armManifest = skopeo.inspectRaw(arm, Skopeo::inspectFlags(registry));
    BERTH_VERIFY_EXPECTED(armManifest);
    QCOMPARE(*armManifest, layout->images[1].manifestBytes);
}

void tst_FixturesSmoke::scriptedCannedResponses()
{
    ScriptedServer server;
    QString error;
    QVERIFY2(server.listen(&error), qPrintable(error));
    server.addRoute(
        "GET", u"/v2/"_s,
        ScriptedServer::Response::http(401, {{"WWW-Authenticate", "Bearer realm=\"x\""}}));
    server.addRoute("GET", u"/v2/"_s, ScriptedServer::Response::json(200, "{}"));

    QNetworkRequest request(server.url(u"/v2/"_s));
    const auto first = finish(m_network.get(request));
    QCOMPARE(statusOf(*first), 401);
    request.setRawHeader("Authorization", "Bearer token");
    const auto second = finish(m_network.get(request));
    QCOMPARE(statusOf(*second), 200);
    QCOMPARE(second->readAll(), QByteArray("{}"));
    const auto third = finish(m_network.get(request)); // the last response repeats
    QCOMPARE(statusOf(*third), 200);

    const auto missing = finish(m_network.get(QNetworkRequest(server.url(u"/nope?x=1"_s))));
    QCOMPARE(statusOf(*missing), 404);

    const QList<ScriptedServer::Request> requests = server.requests();
    QCOMPARE(requests.size(), 4);
    QCOMPARE(requests[0].method, QByteArray("GET"));
    QCOMPARE(requests[0].target, QByteArray("/v2/"));
    QVERIFY(!requests[0].hasHeader("authorization"));
    QCOMPARE(requests[1].header("AUTHORIZATION"), QByteArray("Bearer token"));
    QCOMPARE(requests[3].target, QByteArray("/nope?x=1"));
    QCOMPARE(requests[3].path(), QByteArray("/nope"));
    QCOMPARE(server.connectionCount(), 1); // keep-alive

    // A request body is read and recorded.
    server.addRoute("PUT", u"/upload"_s, ScriptedServer::Response::http(201));
    const auto put = finish(m_network.put(QNetworkRequest(server.url(u"/upload"_s)), "payload"));
    QCOMPARE(statusOf(*put), 201);
    QCOMPARE(server.requests().last().body, QByteArray("payload"));
}

void tst_FixturesSmoke::scriptedStallHitsTransferTimeout()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.addRoute("GET", u"/stall"_s, ScriptedServer::Response::stall());
    QNetworkRequest request(server.url(u"/stall"_s));
    request.setTransferTimeout(300);
    const auto reply = finish(m_network.get(request));
    QVERIFY(reply->isFinished());
    QVERIFY2(reply->error() == QNetworkReply::OperationCanceledError
                 || reply->error() == QNetworkReply::TimeoutError,
             qPrintable(reply->errorString()));
    QCOMPARE(server.requests().size(), 1);
}

void tst_FixturesSmoke::scriptedClosedConnections()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    server.addRoute("GET", u"/close"_s, ScriptedServer::Response::closeImmediately());
    server.addRoute("GET", u"/headers-only"_s,
                    ScriptedServer::Response::closeAfterHeaders("HTTP/1.1 200 OK\r\n"
                                                                "Content-Length: 100\r\n\r\n"
                                                                "{\"never\":"));
    const auto closed = finish(m_network.get(QNetworkRequest(server.url(u"/close"_s))));
    QVERIFY(closed->isFinished());
    QCOMPARE(closed->error(), QNetworkReply::RemoteHostClosedError);
    QVERIFY(!server.requests().isEmpty()); // QNAM may retry a closed request

    const auto cut = finish(m_network.get(QNetworkRequest(server.url(u"/headers-only"_s))));
    QVERIFY(cut->isFinished());
    QVERIFY2(cut->error() != QNetworkReply::NoError, "a body cut short must be an error");
    QVERIFY(cut->readAll().isEmpty());
}

void tst_FixturesSmoke::scriptedSlowDrip()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray body = R"({"name":"demo/app","tags":["1.0","2.0"]})";
    const QByteArray bytes = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\n"
                             "Content-Length: "
                             + QByteArray::number(body.size()) + "\r\n\r\n" + body;
    server.addRoute("GET", u"/drip"_s, ScriptedServer::Response::slowDrip(bytes, 8, 2));
    const auto reply = finish(m_network.get(QNetworkRequest(server.url(u"/drip"_s))));
    QCOMPARE(reply->error(), QNetworkReply::NoError);
    QCOMPARE(reply->readAll(), body);
}

void tst_FixturesSmoke::scriptedLargeBody()
{
    ScriptedServer server;
    QVERIFY(server.listen());
    const QByteArray body(qsizetype(10) * 1024 * 1024, 'x');
    server.addRoute("GET", u"/big"_s, ScriptedServer::Response::json(500, body));
    const auto reply = finish(m_network.get(QNetworkRequest(server.url(u"/big"_s))));
    QCOMPARE(statusOf(*reply), 500);
    QCOMPARE(reply->readAll().size(), body.size());
}

void tst_FixturesSmoke::scriptedRedirectToSecondHost()
{
    ScriptedServer first;
    ScriptedServer storage;
    QVERIFY(first.listen());
    QVERIFY(storage.listen());
    QVERIFY(first.port() != storage.port());
    // A handler builds the response from the request: redirect to the other server.
    first.addRoute("GET", u"/v2/demo/blobs/sha256:abc"_s,
                   [&storage](const ScriptedServer::Request &request) {
                       return ScriptedServer::Response::http(
                           307, {{"Location", storage.url(u"/blob"_s).toEncoded() + "?sig=1"},
                                 {"X-Seen-Path", request.target}});
                   });
    storage.addRoute("GET", u"/blob"_s,
                     ScriptedServer::Response::http(
                         200, {{"Content-Type", "application/octet-stream"}}, "blob-bytes"));
    QNetworkRequest request(first.url(u"/v2/demo/blobs/sha256:abc"_s));
    request.setRawHeader("Authorization", "Bearer secret-token");
    const auto reply = finish(m_network.get(request));
    QCOMPARE(statusOf(*reply), 200);
    QCOMPARE(reply->readAll(), QByteArray("blob-bytes"));
    // Under load Qt's network manager now and then sends the first GET again on a second
    // connection (seen in CI-like runs): each is the redirected request, never another one.
    QVERIFY(!first.requests().isEmpty());
    for (const auto &r : first.requests())
        QCOMPARE(r.target, QByteArray("/v2/demo/blobs/sha256:abc"));
    QCOMPARE(storage.requests().size(), 1);
    QCOMPARE(storage.requests().first().target, QByteArray("/blob?sig=1"));
    // Whether Authorization reached `storage` is the client's business; the fixture records it.
    qInfo() << "QNAM forwarded Authorization across hosts:"
            << storage.requests().first().hasHeader("authorization");
}

QTEST_GUILESS_MAIN(tst_FixturesSmoke)
#include "tst_fixtures_smoke.moc"
