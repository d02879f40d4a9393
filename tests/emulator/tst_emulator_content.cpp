// The ACR emulator's content side: uploads (chunks, ranges, digests, sessions), mounts,
// blob reads with ranges and storage redirects, manifests and indexes, and the coherence
// of the demo and bulk content.

#include "emulator/acremulator.h"
#include "emulator/emulatorseed.h"
#include "emulatortestclient.h"

#include <QCryptographicHash>
#include <QElapsedTimer>
#include <QJsonArray>
#include <QProcess>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

const QByteArray DockerManifest = "application/vnd.docker.distribution.manifest.v2+json";
const QByteArray OciIndex = "application/vnd.oci.image.index.v1+json";
const QByteArray AllManifests
    = "application/vnd.docker.distribution.manifest.v2+json, "
      "application/vnd.docker.distribution.manifest.list.v2+json, "
      "application/vnd.oci.image.manifest.v1+json, application/vnd.oci.image.index.v1+json";

QString sha256(const QByteArray &data)
{
    return u"sha256:"
           + QString::fromLatin1(
               QCryptographicHash::hash(data, QCryptographicHash::Sha256).toHex());
}

QByteArray gunzip(const QByteArray &data)
{
    QProcess gzip;
    gzip.start(QStringLiteral("gzip"), {QStringLiteral("-dc")});
    if (!gzip.waitForStarted(5000))
        return {};
    gzip.write(data);
    gzip.closeWriteChannel();
    if (!gzip.waitForFinished(10000) || gzip.exitCode() != 0)
        return {};
    return gzip.readAllStandardOutput();
}

} // namespace

class tst_EmulatorContent : public EmulatorTest
{
    Q_OBJECT

    Headers auth(const QStringList &repositories)
    {
        QStringList scopes;
        for (const QString &repository : repositories)
            scopes.append(u"repository:" + repository + u":*");
        return EmulatorTestClient::bearer(m_http->token(Admin, Password, scopes));
    }

    // An image manifest over freshly pushed config and layer blobs in `repo`.
    QByteArray imageManifest(const QString &repo, const QByteArray &layerContent)
    {
        const QByteArray config = R"({"architecture":"arm64","os":"linux","config":{}})";
        const QByteArray layer = Emu::gzip(layerContent);
        const QString configDigest = m_emu->putBlob(repo, config);
        const QString layerDigest = m_emu->putBlob(repo, layer);
        return QStringLiteral(
                   R"({"schemaVersion":2,"mediaType":"%1","config":{"mediaType":"application/vnd.docker.container.image.v1+json","size":%2,"digest":"%3"},"layers":[{"mediaType":"application/vnd.docker.image.rootfs.diff.tar.gzip","size":%4,"digest":"%5"}]})")
            .arg(QString::fromLatin1(DockerManifest))
            .arg(config.size())
            .arg(configDigest)
            .arg(layer.size())
            .arg(layerDigest)
            .toUtf8();
    }

private Q_SLOTS:
    void chunkedUpload()
    {
        const Headers a = auth({QStringLiteral("steps/repo")});
        const HttpReply start
            = m_http->send("POST", QStringLiteral("/v2/steps/repo/blobs/uploads/"), a);
        QCOMPARE(start.status, 202);
        QCOMPARE(start.header("Range"), QByteArray("0-0"));
        const QByteArray uuid = start.header("Docker-Upload-UUID");
        QVERIFY(!uuid.isEmpty());
        const QString location = QString::fromLatin1(start.header("Location"));
        QVERIFY2(location.startsWith(u"/v2/steps/repo/blobs/uploads/" + QString::fromLatin1(uuid)
                                     + u"?_nouploadcache=false&_state="),
                 qPrintable(location));

        const HttpReply first
            = m_http->send("PATCH", location, a + Headers{{"Content-Range", "0-5"}}, "hello ");
        QCOMPARE(first.status, 202);
        QCOMPARE(first.header("Range"), QByteArray("0-5"));
        const QString next = QString::fromLatin1(first.header("Location"));
        QVERIFY(next != location);
        // A chunk that does not start at the current offset: 416 with the current Range.
        const HttpReply wrong
            = m_http->send("PATCH", next, a + Headers{{"Content-Range", "3-5"}}, "xyz");
        QCOMPARE(wrong.status, 416);
        QCOMPARE(wrong.header("Range"), QByteArray("0-5"));
        // A stale Location is refused the same way.
        QCOMPARE(m_http->send("PATCH", location, a, "xyz").status, 416);
        const HttpReply status = m_http->get(next, a);
        QCOMPARE(status.status, 204);
        QCOMPARE(status.header("Range"), QByteArray("0-5"));
        QCOMPARE(status.header("Docker-Upload-UUID"), uuid);
        // Streamed append without Content-Range, then completion with the final bytes.
        const HttpReply streamed
            = m_http->send("PATCH", QString::fromLatin1(status.header("Location")), a, "wor");
        QCOMPARE(streamed.header("Range"), QByteArray("0-8"));
        const QString digest = sha256("hello world");
        const HttpReply done = m_http->send(
            "PUT", QString::fromLatin1(streamed.header("Location")) + u"&digest=" + digest, a,
            "ld");
        QCOMPARE(done.status, 201);
        QCOMPARE(QString::fromLatin1(done.header("Docker-Content-Digest")), digest);
        QCOMPARE(QString::fromLatin1(done.header("Location")), u"/v2/steps/repo/blobs/" + digest);
        const HttpReply head = m_http->send("HEAD", u"/v2/steps/repo/blobs/" + digest, a);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length"), QByteArray("11"));
        QCOMPARE(m_http->get(next, a).errorCode(),
                 QStringLiteral("BLOB_UPLOAD_UNKNOWN")); // session over

        // A wrong digest is refused.
        const HttpReply s2
            = m_http->send("POST", QStringLiteral("/v2/steps/repo/blobs/uploads/"), a);
        const HttpReply bad = m_http->send(
            "PUT", QString::fromLatin1(s2.header("Location")) + u"&digest=" + sha256("other"), a,
            "data");
        QCOMPARE(bad.status, 400);
        QCOMPARE(bad.errorCode(), QStringLiteral("DIGEST_INVALID"));
        // Cancel.
        const HttpReply s3
            = m_http->send("POST", QStringLiteral("/v2/steps/repo/blobs/uploads/"), a);
        QCOMPARE(m_http->send("DELETE", QString::fromLatin1(s3.header("Location")), a).status, 204);
        QCOMPARE(m_http->get(QString::fromLatin1(s3.header("Location")), a).status, 404);
        // Monolithic POST.
        const HttpReply mono = m_http->send(
            "POST", u"/v2/steps/repo/blobs/uploads/?digest=" + sha256("one go"), a, "one go");
        QCOMPARE(mono.status, 201);
        QCOMPARE(m_http->send("HEAD", u"/v2/steps/repo/blobs/" + sha256("missing"), a).status, 404);
    }

    void largeChunks()
    {
        const Headers a = auth({QStringLiteral("big/upload")});
        QByteArray data(3 * 1024 * 1024 + 17, Qt::Uninitialized);
        for (qsizetype i = 0; i < data.size(); ++i)
            data[i] = char((i * 131) & 0xff);
        QString location = QString::fromLatin1(
            m_http->send("POST", QStringLiteral("/v2/big/upload/blobs/uploads/"), a)
                .header("Location"));
        const qsizetype chunk = 1024 * 1024;
        for (qsizetype offset = 0; offset < data.size(); offset += chunk) {
            const QByteArray part = data.mid(offset, chunk);
            const QByteArray range
                = QByteArray::number(offset) + '-' + QByteArray::number(offset + part.size() - 1);
            const HttpReply reply
                = m_http->send("PATCH", location, a + Headers{{"Content-Range", range}}, part);
            QCOMPARE(reply.status, 202);
            location = QString::fromLatin1(reply.header("Location"));
        }
        QCOMPARE(m_http->send("PUT", location + u"&digest=" + sha256(data), a).status, 201);
        const HttpReply back = m_http->get(u"/v2/big/upload/blobs/" + sha256(data), a);
        QCOMPARE(back.body, data);
    }

    void mountAndFallback()
    {
        const QString digest = m_emu->putBlob(QStringLiteral("source/repo"), "mount me");
        const Headers both = auth({QStringLiteral("target/repo"), QStringLiteral("source/repo")});
        const QString mount
            = u"/v2/target/repo/blobs/uploads/?mount=" + digest + u"&from=source/repo";
        const HttpReply challenged = m_http->send("POST", mount);
        QVERIFY(challenged.header("WWW-Authenticate")
                    .contains(
                        "scope=\"repository:target/repo:pull,push repository:source/repo:pull\""));
        const HttpReply mounted = m_http->send("POST", mount, both);
        QCOMPARE(mounted.status, 201);
        QCOMPARE(QString::fromLatin1(mounted.header("Location")),
                 u"/v2/target/repo/blobs/" + digest);
        QCOMPARE(QString::fromLatin1(mounted.header("Docker-Content-Digest")), digest);
        QCOMPARE(m_http->send("HEAD", u"/v2/target/repo/blobs/" + digest, both).status, 200);
        // Not in the source: an ordinary session.
        const HttpReply fallback = m_http->send("POST",
                                                u"/v2/target/repo/blobs/uploads/?mount="
                                                    + sha256("nowhere") + u"&from=source/repo",
                                                both);
        QCOMPARE(fallback.status, 202);
        QVERIFY(!fallback.header("Docker-Upload-UUID").isEmpty());
        // Not allowed to pull from the source: an ordinary session too.
        const Headers targetOnly = auth({QStringLiteral("other/target")});
        QCOMPARE(
            m_http
                ->send("POST",
                       u"/v2/other/target/blobs/uploads/?mount=" + digest + u"&from=source/repo",
                       targetOnly)
                .status,
            202);
    }

    void blobReadsAndRanges()
    {
        const QByteArray data = "0123456789abcdefghij";
        const QString digest = m_emu->putBlob(QStringLiteral("hello-world"), data);
        const Headers a = auth({QStringLiteral("hello-world")});
        const HttpReply whole = m_http->get(u"/v2/hello-world/blobs/" + digest, a);
        QCOMPARE(whole.status, 200);
        QCOMPARE(whole.body, data);
        QCOMPARE(QString::fromLatin1(whole.header("Docker-Content-Digest")), digest);
        const HttpReply part
            = m_http->get(u"/v2/hello-world/blobs/" + digest, a + Headers{{"Range", "bytes=0-4"}});
        QCOMPARE(part.status, 206);
        QCOMPARE(part.body, QByteArray("01234"));
        QCOMPARE(part.header("Content-Range"), QByteArray("bytes 0-4/20"));
        QCOMPARE(
            m_http->get(u"/v2/hello-world/blobs/" + digest, a + Headers{{"Range", "bytes=50-60"}})
                .status,
            416);
        // Linked per repository: another repository does not have it.
        QCOMPARE(
            m_http->get(u"/v2/team/app/web/blobs/" + digest, auth({QStringLiteral("team/app/web")}))
                .errorCode(),
            QStringLiteral("BLOB_UNKNOWN"));
        QCOMPARE(m_http->send("DELETE", u"/v2/hello-world/blobs/" + digest, a).status, 202);
        QCOMPARE(m_http->send("HEAD", u"/v2/hello-world/blobs/" + digest, a).status, 404);
    }

    void blobRedirectRefusesAuthorization()
    {
        m_emu->setBlobRedirect(true);
        const QByteArray data = "stored elsewhere";
        const QString digest = m_emu->putBlob(QStringLiteral("hello-world"), data);
        const Headers a = auth({QStringLiteral("hello-world")});
        const HttpReply redirect = m_http->get(u"/v2/hello-world/blobs/" + digest, a);
        QCOMPARE(redirect.status, 307);
        const QUrl storage(QString::fromLatin1(redirect.header("Location")));
        QCOMPARE(storage.host(), QStringLiteral("localhost"));
        QVERIFY(storage.host() != m_emu->url().host());
        QCOMPARE(m_http->get(storage.toString(), a).status, 403);
        const HttpReply plain = m_http->get(storage.toString());
        QCOMPARE(plain.status, 200);
        QCOMPARE(plain.body, data);
        bool sawStorage = false;
        for (const auto &r : m_emu->requests()) {
            if (r.path.startsWith(u"/_storage/") && r.status == 200) {
                sawStorage = true;
                QVERIFY(!r.hadAuthorization);
                QVERIFY(r.host.startsWith(u"localhost:"));
            }
        }
        QVERIFY(sawStorage);
        // A tampered signature is refused.
        QString tampered = storage.toString();
        tampered.replace(QStringLiteral("sig="), QStringLiteral("sig=x"));
        QCOMPARE(m_http->get(tampered).status, 403);
    }

    void manifestRoundTrip()
    {
        const QString repo = QStringLiteral("round/trip");
        const Headers a = auth({repo});
        const QByteArray body = imageManifest(repo, "layer one");
        const Headers put = a + Headers{{"Content-Type", DockerManifest}};
        const HttpReply created = m_http->send("PUT", u"/v2/" + repo + u"/manifests/v1", put, body);
        QCOMPARE(created.status, 201);
        const QString digest = sha256(body);
        QCOMPARE(QString::fromLatin1(created.header("Docker-Content-Digest")), digest);
        QCOMPARE(QString::fromLatin1(created.header("Location")),
                 u"/v2/" + repo + u"/manifests/" + digest);
        for (const QString &reference : {QStringLiteral("v1"), digest}) {
            const HttpReply got = m_http->get(u"/v2/" + repo + u"/manifests/" + reference,
                                              a + Headers{{"Accept", AllManifests}});
            QCOMPARE(got.status, 200);
            QCOMPARE(got.body, body); // the exact bytes
            QCOMPARE(got.header("Content-Type"), DockerManifest);
            QCOMPARE(QString::fromLatin1(got.header("Docker-Content-Digest")), digest);
        }
        const HttpReply head = m_http->send("HEAD", u"/v2/" + repo + u"/manifests/v1", a);
        QCOMPARE(head.status, 200);
        QCOMPARE(head.header("Content-Length").toLongLong(), body.size());
        // Pushing by digest must match the body.
        QCOMPARE(m_http->send("PUT", u"/v2/" + repo + u"/manifests/" + digest, put, body).status,
                 201);
        QCOMPARE(m_http->send("PUT", u"/v2/" + repo + u"/manifests/" + sha256("x"), put, body)
                     .errorCode(),
                 QStringLiteral("DIGEST_INVALID"));

        // Refusals: unparseable, media type disagreeing with the body, missing blobs.
        QCOMPARE(
            m_http->send("PUT", u"/v2/" + repo + u"/manifests/bad", put, "{not json").errorCode(),
            QStringLiteral("MANIFEST_INVALID"));
        const HttpReply mismatch = m_http->send(
            "PUT", u"/v2/" + repo + u"/manifests/bad",
            a + Headers{{"Content-Type", "application/vnd.oci.image.manifest.v1+json"}}, body);
        QCOMPARE(mismatch.status, 400);
        QCOMPARE(mismatch.errorCode(), QStringLiteral("MANIFEST_INVALID"));
        QByteArray missing = body;
        missing.replace(sha256(Emu::gzip("layer one")).toLatin1(), sha256("absent").toLatin1());
        const HttpReply unknownBlob
            = m_http->send("PUT", u"/v2/" + repo + u"/manifests/bad", put, missing);
        QCOMPARE(unknownBlob.status, 400);
        QCOMPARE(unknownBlob.errorCode(), QStringLiteral("MANIFEST_BLOB_UNKNOWN"));
        QCOMPARE(m_http->get(u"/v2/" + repo + u"/manifests/bad", a).errorCode(),
                 QStringLiteral("MANIFEST_UNKNOWN"));

        // Delete: by digest only; its tags go with it.
        QCOMPARE(m_http->send("DELETE", u"/v2/" + repo + u"/manifests/v1", a).errorCode(),
                 QStringLiteral("UNSUPPORTED"));
        QCOMPARE(m_http->send("DELETE", u"/v2/" + repo + u"/manifests/" + digest, a).status, 202);
        QCOMPARE(m_http->get(u"/v2/" + repo + u"/manifests/v1", a).status, 404);
        QCOMPARE(m_http->send("DELETE", u"/v2/" + repo + u"/manifests/" + digest, a).status, 404);
    }

    void indexPushAndAcceptNegotiation()
    {
        const QString repo = QStringLiteral("multi/arch");
        const Headers a = auth({repo});
        const QByteArray image = imageManifest(repo, "arm64 layer");
        QCOMPARE(m_http
                     ->send("PUT", u"/v2/" + repo + u"/manifests/" + sha256(image),
                            a + Headers{{"Content-Type", DockerManifest}}, image)
                     .status,
                 201);
        const QByteArray index
            = QStringLiteral(
                  R"({"schemaVersion":2,"mediaType":"%1","manifests":[{"mediaType":"%2","digest":"%3","size":%4,"platform":{"architecture":"arm64","os":"linux"}}]})")
                  .arg(QString::fromLatin1(OciIndex), QString::fromLatin1(DockerManifest),
                       sha256(image))
                  .arg(image.size())
                  .toUtf8();
        const HttpReply created = m_http->send("PUT", u"/v2/" + repo + u"/manifests/2.0",
                                               a + Headers{{"Content-Type", OciIndex}}, index);
        QCOMPARE(created.status, 201);
        QByteArray dangling = index;
        dangling.replace(sha256(image).toLatin1(), sha256("no such manifest").toLatin1());
        QCOMPARE(m_http
                     ->send("PUT", u"/v2/" + repo + u"/manifests/3.0",
                            a + Headers{{"Content-Type", OciIndex}}, dangling)
                     .status,
                 400);
        // ACR serves OCI content only to a client that names the type in Accept.
        const HttpReply refused
            = m_http->get(u"/v2/" + repo + u"/manifests/2.0", a + Headers{{"Accept", "*/*"}});
        QCOMPARE(refused.status, 404);
        QCOMPARE(refused.errorCode(), QStringLiteral("MANIFEST_UNKNOWN"));
        const HttpReply served = m_http->get(u"/v2/" + repo + u"/manifests/2.0",
                                             a + Headers{{"Accept", AllManifests}});
        QCOMPARE(served.status, 200);
        QCOMPARE(served.body, index);
        QCOMPARE(served.header("Content-Type"), OciIndex);
        const HttpReply attributes
            = m_http->get(u"/acr/v1/" + repo + u"/_manifests/" + sha256(index), a);
        const QJsonObject manifest = attributes.json().value(u"manifest").toObject();
        QCOMPARE(manifest.value(u"references")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"architecture")
                     .toString(),
                 QStringLiteral("arm64"));
        QCOMPARE(manifest.value(u"imageSize").toInteger(), image.size());
    }

    void demoContentIsCoherent()
    {
        const QString repo = QStringLiteral("hello-world");
        const Headers a = auth({repo});
        const HttpReply manifest = m_http->get(u"/v2/" + repo + u"/manifests/latest",
                                               a + Headers{{"Accept", AllManifests}});
        QCOMPARE(manifest.status, 200);
        const QJsonObject body = manifest.json();
        const QString configDigest = body.value(u"config").toObject().value(u"digest").toString();
        const HttpReply config = m_http->get(u"/v2/" + repo + u"/blobs/" + configDigest, a);
        QCOMPARE(sha256(config.body), configDigest);
        QCOMPARE(body.value(u"config").toObject().value(u"size").toInteger(), config.body.size());
        const QJsonObject image = config.json();
        QCOMPARE(image.value(u"architecture").toString(), QStringLiteral("amd64"));
        QCOMPARE(image.value(u"config").toObject().value(u"Cmd").toArray(),
                 QJsonArray{QStringLiteral("/hello")});
        QVERIFY(!image.value(u"history")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"created_by")
                     .toString()
                     .isEmpty());
        const QJsonObject layerDescriptor = body.value(u"layers").toArray().at(0).toObject();
        const HttpReply layer = m_http->get(
            u"/v2/" + repo + u"/blobs/" + layerDescriptor.value(u"digest").toString(), a);
        QCOMPARE(sha256(layer.body), layerDescriptor.value(u"digest").toString());
        QCOMPARE(layerDescriptor.value(u"size").toInteger(), layer.body.size());
        // A real gzip'd tar whose digest is the config's diff_id.
        const QByteArray tar = gunzip(layer.body);
        QVERIFY(!tar.isEmpty());
        QCOMPARE(sha256(tar),
                 image.value(u"rootfs").toObject().value(u"diff_ids").toArray().at(0).toString());
        QCOMPARE(tar.mid(257, 5), QByteArray("ustar"));

        // samples/untagged has one untagged manifest.
        const HttpReply samples = m_http->get(QStringLiteral("/acr/v1/samples/untagged/_manifests"),
                                              auth({QStringLiteral("samples/untagged")}));
        int untagged = 0;
        for (const QJsonValue &m : samples.json().value(u"manifests").toArray())
            untagged += m.toObject().contains(u"tags") ? 0 : 1;
        QCOMPARE(untagged, 1);
    }

    void gzipMatchesTheTool()
    {
        const QByteArray text = QByteArray("Berth ").repeated(1000);
        QCOMPARE(gunzip(Emu::gzip(text)), text);
        QCOMPARE(Emu::crc32("123456789"), quint32(0xCBF43926));
    }

    void bulkSeedIsFast()
    {
        QElapsedTimer timer;
        timer.start();
        m_emu->seedBulk(20000, QStringLiteral("big/repo"), 20000);
        qInfo("seedBulk(20000, big/repo, 20000) took %lld ms", timer.elapsed());
        const Headers a = EmulatorTestClient::bearer(m_http->token(
            Admin, Password,
            {QStringLiteral("registry:catalog:*"), QStringLiteral("repository:big/repo:*")}));
        const HttpReply repository = m_http->get(QStringLiteral("/acr/v1/big/repo"), a);
        QCOMPARE(repository.json().value(u"tagCount").toInt(), 20001); // + latest
        const HttpReply newest
            = m_http->get(QStringLiteral("/acr/v1/big/repo/_tags?n=2&orderby=timedesc"), a);
        QCOMPARE(newest.json().value(u"tags").toArray().at(0).toObject().value(u"name").toString(),
                 QStringLiteral("t20000"));
        const HttpReply page
            = m_http->get(QStringLiteral("/acr/v1/_catalog?n=5&last=bulk/repo-19998"), a);
        QCOMPARE(page.json().value(u"repositories").toArray(),
                 (QJsonArray{QStringLiteral("bulk/repo-19999"), QStringLiteral("bulk/repo-20000"),
                             QStringLiteral("demo/service-01"), QStringLiteral("demo/service-02"),
                             QStringLiteral("demo/service-03")}));
    }
};

int runContentTests(int argc, char **argv)
{
    tst_EmulatorContent content;
    return QTest::qExec(&content, argc, argv);
}

#include "tst_emulator_content.moc"
