// Bad input never crashes and never hangs: every fault a registry (or the network) can
// throw at the client ends in one clear RegistryError. Served by a scripted raw server.

#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/scriptedserver.h"

#include <QBuffer>

using namespace Berth;
using namespace Berth::Test;
using Response = ScriptedServer::Response;
using namespace Qt::Literals::StringLiterals;

class tst_BadInput : public QObject
{
    Q_OBJECT

    std::unique_ptr<ScriptedServer> m_server;

    // A plain /v2/ registry with no auth; `acr` adds the /acr/v1/ probe answer.
    void serveBasics(bool acr)
    {
        m_server->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        if (acr)
            m_server->addRoute("GET", QStringLiteral("/acr/v1/_catalog?n=1"),
                               Response::json(200, R"({"repositories":["a"]})"));
    }

    std::unique_ptr<RegistryClient> client(int timeoutMs = 10000, const Credentials &creds = {})
    {
        return makeClient(m_server->url(), creds, {}, timeoutMs);
    }

    // The error of a finished job, or an empty one when it succeeded.
    template<typename T>
    static RegistryError errorOf(const Result<T> &result)
    {
        return result ? RegistryError() : result.error();
    }

    // An error message a window or a terminal can show as it is: one line, nothing that
    // moves the cursor, rings, or turns text around.
    static bool isPlainLine(const QString &message)
    {
        for (QChar c : message) {
            if (c.unicode() < 0x20 || (c.unicode() >= 0x7f && c.unicode() <= 0x9f)
                || c.category() == QChar::Other_Format || c.category() == QChar::Separator_Line)
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_server = std::make_unique<ScriptedServer>();
        QString error;
        QVERIFY2(m_server->listen(&error), qPrintable(error));
    }
    void cleanup() { m_server.reset(); }

    // Names and tags have a grammar; one that does not match it fails the list, escaped.
    void hostileNamesInListsAreInvalidResponse_data()
    {
        // Plain literals: moc misreads raw strings with escapes inside a class.
        addColumns<bool, QString, QByteArray, QString>("acr", "route", "body", "shown");

        QTest::newRow("catalog name with escape")
            << false << QStringLiteral("/v2/_catalog")
            << QByteArray("{\"repositories\":[\"ok\",\"evil\\u001b]0;owned\\u0007\"]}")
            << QStringLiteral("\"evil\\x1b]0;owned\\x07\"");
        QTest::newRow("catalog name with newline")
            << false << QStringLiteral("/v2/_catalog")
            << QByteArray("{\"repositories\":[\"a\\nberth-cli: OK: forged\"]}")
            << QStringLiteral("\"a\\nberth-cli: OK: forged\"");
        QTest::newRow("acr catalog name with right-to-left override")
            << true << QStringLiteral("/acr/v1/_catalog")
            << QByteArray("{\"repositories\":[\"gpj.\\u202eexe\"]}")
            << QStringLiteral("\"gpj.\\u202eexe\"");
        QTest::newRow("v2 tag with escape")
            << false << QStringLiteral("/v2/repo/tags/list")
            << QByteArray("{\"name\":\"repo\",\"tags\":[\"\\u001b[2J\"]}")
            << QStringLiteral("\"\\x1b[2J\"");
        QTest::newRow("v2 tag with newline")
            << false << QStringLiteral("/v2/repo/tags/list")
            << QByteArray("{\"name\":\"repo\",\"tags\":[\"v1\\nv2\"]}")
            << QStringLiteral("\"v1\\nv2\"");
        QTest::newRow("acr tag with right-to-left override")
            << true << QStringLiteral("/acr/v1/repo/_tags")
            << QByteArray("{\"tags\":[{\"name\":\"v1\\u202e\"}]}")
            << QStringLiteral("\"v1\\u202e\"");
        QTest::newRow("acr manifest tag with bell")
            << true << QStringLiteral("/acr/v1/repo/_manifests")
            << QByteArray("{\"manifests\":[{\"digest\":\"" + Sha256::digestOf("m").toLatin1()
                          + "\",\"tags\":[\"v1\\u0007\"]}]}")
            << QStringLiteral("\"v1\\x07\"");
    }
    void hostileNamesInListsAreInvalidResponse()
    {
        QFETCH(bool, acr);
        QFETCH(QString, route);
        QFETCH(QByteArray, body);
        QFETCH(QString, shown);
        serveBasics(acr);
        m_server->addRoute("GET", route, Response::json(200, body));
        auto c = client();
        RegistryError error;
        if (route.endsWith(u"_catalog"))
            error = errorOf(await(c->listRepositories()));
        else if (route.endsWith(u"_manifests"))
            error = errorOf(await(c->listManifests(QStringLiteral("repo"))));
        else
            error = errorOf(await(c->listTags(QStringLiteral("repo"))));
        QCOMPARE(error.code, ErrorCode::InvalidResponse);
        QVERIFY2(error.message.contains(shown), qPrintable(error.message));
        QVERIFY2(isPlainLine(error.message), qPrintable(error.message));
    }

    // Wherever the client reads Docker-Content-Digest, a value that is not a digest is an
    // invalid answer (it used to pass as the manifest's digest after a HEAD).
    void badDockerContentDigestHeaderIsInvalidResponse_data()
    {
        addColumns<QString, QByteArray>("operation", "header");

        const QByteArray values[] = {"sha256:\x1b]0;owned\x07", "sha256:abc\xe2\x80\xae",
                                     "sha256:" + QByteArray(64, 'A'), "garbage"};
        for (const char *operation : {"head manifest", "get manifest", "manifest list without acr",
                                      "put manifest", "complete upload"}) {
            for (const QByteArray &value : values)
                QTest::addRow("%s, %s", operation,
                              QByteArray(value)
                                  .replace('\x1b', "ESC")
                                  .replace('\x07', "BEL")
                                  .replace("\xe2\x80\xae", "RLO")
                                  .constData())
                    << QString::fromLatin1(operation) << value;
        }
    }
    void badDockerContentDigestHeaderIsInvalidResponse()
    {
        QFETCH(QString, operation);
        QFETCH(QByteArray, header);
        serveBasics(false);
        const QByteArray manifest
            = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})";
        const QList<QPair<QByteArray, QByteArray>> headers{
            {"Content-Type", "application/vnd.oci.image.manifest.v1+json"},
            {"Docker-Content-Digest", header}};
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           Response::json(200, R"({"name":"repo","tags":["v1"]})"));
        QList<QPair<QByteArray, QByteArray>> headHeaders = headers;
        headHeaders.append({"Content-Length", QByteArray::number(manifest.size())});
        m_server->addRoute("HEAD", QStringLiteral("/v2/repo/manifests/v1"),
                           Response::http(200, headHeaders));
        m_server->addRoute("GET", QStringLiteral("/v2/repo/manifests/v1"),
                           Response::http(200, headers, manifest));
        m_server->addRoute("PUT", QStringLiteral("/v2/repo/manifests/v1"),
                           Response::http(201, headers));
        m_server->addRoute("PUT", QStringLiteral("/upload/1"), Response::http(201, headers));
        auto c = client();
        RegistryError error;
        if (operation == u"head manifest")
            error = errorOf(await(c->headManifest(QStringLiteral("repo"), QStringLiteral("v1"))));
        else if (operation == u"get manifest")
            error = errorOf(await(c->getManifest(QStringLiteral("repo"), QStringLiteral("v1"))));
        else if (operation == u"manifest list without acr")
            error = errorOf(await(c->listManifests(QStringLiteral("repo"))));
        else if (operation == u"put manifest")
            error = errorOf(await(c->putManifest(QStringLiteral("repo"), QStringLiteral("v1"),
                                                 manifest, QStringLiteral("application/json"))));
        else
            error = errorOf(await(c->completeUpload(QStringLiteral("repo"),
                                                    UploadSession{m_server->url(u"/upload/1"_s), 0},
                                                    Sha256::digestOf("blob"), "blob")));
        QCOMPARE(error.code, ErrorCode::InvalidResponse);
        QVERIFY2(error.message.contains(u"Docker-Content-Digest"), qPrintable(error.message));
        QVERIFY2(isPlainLine(error.message), qPrintable(error.message));
    }

    void malformedListBodies_data()
    {
        addColumns<QByteArray>("body");
        QTest::newRow("truncated") << QByteArray(R"({"repositories":["a","b")");
        QTest::newRow("not json") << QByteArray("<html>oops</html>");
        QTest::newRow("wrong type") << QByteArray(R"({"repositories":"a,b"})");
        QTest::newRow("wrong item type") << QByteArray(R"({"repositories":[1,2]})");
        QTest::newRow("array at top") << QByteArray(R"(["a"])");
        QTest::newRow("empty") << QByteArray();
    }
    void malformedListBodies()
    {
        QFETCH(QByteArray, body);
        serveBasics(true);
        m_server->addRoute("GET", QStringLiteral("/acr/v1/_catalog"), Response::json(200, body));
        auto c = client();
        const auto r = await(c->listRepositories());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
    }

    void wrongTypesInTagAttributes()
    {
        serveBasics(true);
        m_server->addRoute(
            "GET", QStringLiteral("/acr/v1/repo/_tags"),
            Response::json(200, R"({"registry":"r","imageName":"repo","tags":[{"name":"a",
                               "digest":"sha256:00","createdTime":"x","lastUpdateTime":"y",
                               "changeableAttributes":{"writeEnabled":"no"}}]})"));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::InvalidResponse);
    }

    void tenMiBErrorBodyIsCutAndExplained()
    {
        serveBasics(false);
        QByteArray body = R"({"errors":[{"code":"NAME_UNKNOWN","message":"no such repository"}]})";
        body += QByteArray(10 << 20, ' ');
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"), Response::json(404, body));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::NameUnknown);
        QCOMPARE(r.error().httpStatus, 404);
        QVERIFY(r.error().message.size() < 1000);
    }

    void oversizedSuccessBodyIsRefused()
    {
        serveBasics(false);
        QByteArray body = R"({"name":"repo","tags":[)";
        body += QByteArray(40 << 20, ' ');
        body += "]}";
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"), Response::json(200, body));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::TooLarge);
    }

    void linkPointingAtItselfStops()
    {
        serveBasics(false);
        m_server->addRoute("GET", QStringLiteral("/v2/_catalog"),
                           Response::json(200, R"({"repositories":["a","b"]})",
                                          {{"Link", R"(</v2/_catalog?n=100>; rel="next")"}}));
        auto c = client();
        const auto r = await(c->listRepositories(100));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::PagingLoop);
        QVERIFY(m_server->requests().size() < 10);
    }

    void emptyPageEndsPaging()
    {
        serveBasics(false);
        m_server->addRoute(
            "GET", QStringLiteral("/v2/_catalog"),
            Response::json(200, R"({"repositories":[]})",
                           {{"Link", R"(</v2/_catalog?last=z&n=100>; rel="next")"}}));
        auto c = client();
        const auto r = await(c->listRepositories(100));
        BERTH_VERIFY_OK(r);
        QVERIFY(r->isEmpty());
    }

    void challengeWithoutRealm_data()
    {
        addColumns<QByteArray>("challenge");
        QTest::newRow("bearer, nothing") << QByteArray("Bearer");
        QTest::newRow("bearer, service only") << QByteArray(R"(Bearer service="x")");
        QTest::newRow("garbage") << QByteArray("=,,\"");
        QTest::newRow("unknown scheme") << QByteArray(R"(Negotiate abc)");
        QTest::newRow("missing header") << QByteArray();
    }
    void challengeWithoutRealm()
    {
        QFETCH(QByteArray, challenge);
        QList<QPair<QByteArray, QByteArray>> headers;
        if (!challenge.isEmpty())
            headers << qMakePair(QByteArray("WWW-Authenticate"), challenge);
        m_server->addRoute("GET", QStringLiteral("/v2/"), Response::json(401, "{}", headers));
        auto c = client(10000, Credentials::password(QStringLiteral("u"), QStringLiteral("p")));
        const auto r = await(c->check());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        QVERIFY(m_server->requests().size() <= 3);
    }

    void manifestDigestMismatch()
    {
        serveBasics(false);
        const QByteArray served
            = R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json"})";
        const QString asked = Sha256::digestOf("something else");
        m_server->addRoute(
            "GET", QStringLiteral("/v2/repo/manifests/") + asked,
            Response::json(200, served,
                           {{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}}));
        auto c = client();
        const auto r = await(c->getManifest(QStringLiteral("repo"), asked));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::DigestMismatch);
        // By tag, a wrong Docker-Content-Digest is caught too.
        m_server->addRoute(
            "GET", QStringLiteral("/v2/repo/manifests/latest"),
            Response::json(200, served, {{"Docker-Content-Digest", asked.toLatin1()}}));
        const auto t = await(c->getManifest(QStringLiteral("repo"), QStringLiteral("latest")));
        QVERIFY(!t);
        QCOMPARE(t.error().code, ErrorCode::DigestMismatch);
    }

    void blobDigestMismatch()
    {
        serveBasics(false);
        const QString digest = Sha256::digestOf("expected bytes");
        m_server->addRoute(
            "GET", QStringLiteral("/v2/repo/blobs/") + digest,
            Response::http(200, {{"Content-Type", "application/octet-stream"}}, "tampered bytes"));
        auto c = client();
        QBuffer sink;
        sink.open(QIODevice::WriteOnly);
        const auto r = await(c->getBlob(QStringLiteral("repo"), digest, &sink));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::DigestMismatch);
    }

    void redirectToAnotherHostDropsAuthorization()
    {
        ScriptedServer storage;
        QVERIFY(storage.listen());
        const QByteArray data = "blob from storage";
        const QString digest = Sha256::digestOf(data);
        storage.addRoute("GET", QStringLiteral("/blob"), Response::http(200, {}, data));
        m_server->addRoute(
            "GET", QStringLiteral("/v2/"),
            Response::json(401, "{}", {{"WWW-Authenticate", R"(Basic realm="test")"}}));
        m_server->addRoute("GET", QStringLiteral("/v2/"), Response::json(200, "{}"));
        // "localhost" is another origin than "127.0.0.1" for the client.
        const QByteArray location
            = "http://localhost:" + QByteArray::number(storage.port()) + "/blob?sig=1";
        // The registry asks for credentials first, then sends the client to storage.
        m_server->addRoute(
            "GET", QStringLiteral("/v2/repo/blobs/") + digest,
            Response::json(401, "{}", {{"WWW-Authenticate", R"(Basic realm="test")"}}));
        m_server->addRoute("GET", QStringLiteral("/v2/repo/blobs/") + digest,
                           Response::http(307, {{"Location", location}}));
        auto c = client(10000, Credentials::password(QStringLiteral("user"), QStringLiteral("pw")));
        const auto r = downloadBlob(c.get(), QStringLiteral("repo"), digest);
        BERTH_VERIFY_OK(r);
        QCOMPARE(*r, data);
        bool registryGotAuth = false;
        for (const auto &req : m_server->requests())
            registryGotAuth
                |= req.path().startsWith("/v2/repo/blobs/") && req.hasHeader("Authorization");
        QVERIFY(registryGotAuth);
        QCOMPARE(storage.requests().size(), 1);
        QVERIFY2(!storage.requests().first().hasHeader("Authorization"),
                 "Authorization leaked to storage");
    }

    void redirectLoopStops()
    {
        serveBasics(false);
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           Response::http(302, {{"Location", "/v2/repo/tags/list"}}));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::RedirectLoop);
    }

    void stalledServerTimesOut()
    {
        serveBasics(false);
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"), Response::stall());
        auto c = client(1000);
        const auto r = await(c->listTags(QStringLiteral("repo")), 15000);
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Timeout);
    }

    void slowButSteadyAnswerIsNotATimeout()
    {
        serveBasics(false);
        const QByteArray body = R"({"name":"repo","tags":["a","b"]})";
        QByteArray raw = "HTTP/1.1 200 OK\r\nContent-Type: application/json\r\nContent-Length: "
                         + QByteArray::number(body.size()) + "\r\n\r\n" + body;
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           Response::slowDrip(raw, 8, 50));
        // Each drip comes well within the inactivity timeout, and the rate (160 B/s) is
        // above the minimum the deadline asks for.
        ConnectionSettings settings;
        settings.registry = m_server->url();
        settings.timeoutMs = 1000;
        settings.minBytesPerSec = 16;
        auto c = makeClient(settings);
        const auto r = await(c->listTags(QStringLiteral("repo")), 15000);
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->size(), 2);
    }

    void droppedConnections_data()
    {
        addColumns<int>("kind");
        QTest::newRow("closed before answering") << 0;
        QTest::newRow("closed after headers") << 1;
    }
    void droppedConnections()
    {
        QFETCH(int, kind);
        serveBasics(false);
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           kind == 0 ? Response::closeImmediately()
                                     : Response::closeAfterHeaders(
                                         "HTTP/1.1 200 OK\r\nContent-Type: "
                                         "application/json\r\nContent-Length: 500\r\n\r\n"));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Network);
    }

    void refusedConnection()
    {
        const QUrl url = m_server->url();
        m_server.reset(); // nothing listens there any more
        auto c = makeClient(url);
        const auto r = await(c->check());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Network);
        m_server = std::make_unique<ScriptedServer>();
    }

    void plainTextErrorBodyKeepsTheStatus()
    {
        serveBasics(false);
        m_server->addRoute(
            "GET", QStringLiteral("/v2/repo/tags/list"),
            Response::http(500, {{"Content-Type", "text/plain"}}, "internal trouble\n"));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        QVERIFY(!r);
        QCOMPARE(r.error().httpStatus, 500);
        QVERIFY(r.error().message.contains(u"internal trouble"));
    }

    void serviceUnavailableIsRetriedHonouringRetryAfter()
    {
        serveBasics(false);
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           Response::json(503, "{}", {{"Retry-After", "1"}}));
        m_server->addRoute("GET", QStringLiteral("/v2/repo/tags/list"),
                           Response::json(200, R"({"name":"repo","tags":["x"]})"));
        auto c = client();
        const auto r = await(c->listTags(QStringLiteral("repo")));
        BERTH_VERIFY_OK(r);
        QCOMPARE(r->size(), 1);
    }

    // A write is not retried by the request itself; its error carries the registry's
    // Retry-After for whoever retries it (a blob upload does).
    void aThrottledWriteCarriesRetryAfter()
    {
        serveBasics(false);
        m_server->addRoute("DELETE", QStringLiteral("/v2/repo/manifests/") + Sha256::digestOf("m"),
                           Response::json(429, "{}", {{"Retry-After", "7"}}));
        auto c = client();
        const auto r = await(c->deleteManifest(QStringLiteral("repo"), Sha256::digestOf("m")));
        QVERIFY(!r);
        QCOMPARE(r.error().kind(), ErrorKind::Transient);
        QCOMPARE(r.error().retryAfterSecs, 7);
        int deletes = 0;
        for (const auto &request : m_server->requests())
            deletes += request.method == "DELETE" ? 1 : 0;
        QCOMPARE(deletes, 1);
    }

    void errorDetailAsObjectArrayOrString_data()
    {
        addColumns<QByteArray>("body");
        QTest::newRow("array") << QByteArray(
            R"({"errors":[{"code":"DENIED","message":"locked","detail":[{"Type":"repository"}]}]})");
        QTest::newRow("object") << QByteArray(
            R"({"errors":[{"code":"DENIED","message":"locked","detail":{"Type":"repository"}}]})");
        QTest::newRow("string") << QByteArray(
            R"({"errors":[{"code":"DENIED","message":"locked","detail":"repository"}]})");
    }
    void errorDetailAsObjectArrayOrString()
    {
        QFETCH(QByteArray, body);
        serveBasics(false);
        m_server->addRoute("DELETE", QStringLiteral("/v2/repo/manifests/") + Sha256::digestOf("m"),
                           Response::json(403, body));
        auto c = client();
        const auto r = await(c->deleteManifest(QStringLiteral("repo"), Sha256::digestOf("m")));
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Denied);
        QCOMPARE(r.error().message, QStringLiteral("locked"));
        QVERIFY(!r.error().detail.isUndefined());
    }
};

QTEST_GUILESS_MAIN(tst_BadInput)
#include "tst_badinput.moc"
