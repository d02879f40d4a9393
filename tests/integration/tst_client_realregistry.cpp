// RegistryClient against a real CNCF distribution registry (Debian's docker-registry 2.8),
// cross-checked with skopeo in both directions, in plain http, htpasswd Basic and TLS modes.

#include "core/manifest.h"
#include "core/mediatypes.h"
#include "core/sha256.h"
#include "fixtures/clienttest.h"
#include "fixtures/datatable.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"
#include "fixtures/skopeo.h"
#include "fixtures/testutil.h"
#include "upload/blobupload.h"

#include <QBuffer>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>
#include <QNetworkAccessManager>
#include <QNetworkReply>
#include <QSignalSpy>
#include <QTemporaryDir>

using namespace Berth;
using namespace Berth::Test;
using Mode = RealRegistry::Mode;

Q_DECLARE_METATYPE(RealRegistry::Mode)

class tst_ClientRealRegistry : public QObject
{
    Q_OBJECT

    std::unique_ptr<RegistryClient> clientFor(const RealRegistry &r, int timeoutMs = 15000)
    {
        const Credentials creds = r.usesAuth() ? Credentials::password(r.username(), r.password())
                                               : Credentials::anonymous();
        return makeClient(r.url(), creds, r.caFile(), timeoutMs);
    }

    void modes()
    {
        addColumns<Mode>("mode");
        QTest::newRow("plain") << Mode::Plain;
        QTest::newRow("htpasswd") << Mode::Htpasswd;
        QTest::newRow("tls") << Mode::Tls;
    }

private Q_SLOTS:
    void readsWhatSkopeoPushed_data() { modes(); }
    void readsWhatSkopeoPushed()
    {
        QFETCH(Mode, mode);
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(mode, &error), qPrintable(error));
        QTemporaryDir dir;
        const auto layout
            = buildOciLayout(dir.filePath(QStringLiteral("layout")),
                             {.layerSizes = {2048, 150000}, .tag = QStringLiteral("1.0")});
        BERTH_VERIFY_EXPECTED(layout);
        Skopeo skopeo;
        const auto copied
            = skopeo.copy(layout->ociReference(),
                          Skopeo::dockerReference(registry, QStringLiteral("demo/app:1.0")),
                          Skopeo::destinationFlags(registry));
        BERTH_VERIFY_EXPECTED(copied);

        auto client = clientFor(registry);
        const auto caps = await(client->check());
        BERTH_VERIFY_OK(caps);
        QCOMPARE(caps->acr, false);
        QCOMPARE(caps->authName(),
                 registry.usesAuth() ? QStringLiteral("basic") : QStringLiteral("none"));

        const auto repos = await(client->listRepositories());
        BERTH_VERIFY_OK(repos);
        QCOMPARE(*repos, QStringList{QStringLiteral("demo/app")});
        const auto tags = await(client->listTags(QStringLiteral("demo/app")));
        BERTH_VERIFY_OK(tags);
        QCOMPARE(tags->size(), 1);
        QCOMPARE(tags->first().name, QStringLiteral("1.0"));

        const OciImage &image = layout->images.first();
        const auto manifest
            = await(client->getManifest(QStringLiteral("demo/app"), QStringLiteral("1.0")));
        BERTH_VERIFY_OK(manifest);
        QCOMPARE(manifest->digest, layout->ref.digest);
        const auto parsed = parseManifest(manifest->body, manifest->mediaType);
        BERTH_VERIFY_OK(parsed);
        QCOMPARE(parsed->config.digest, image.config.digest);
        QCOMPARE(parsed->layers.size(), image.layers.size());

        QBuffer config;
        config.open(QIODevice::WriteOnly);
        BERTH_VERIFY_OK(
            await(client->getBlob(QStringLiteral("demo/app"), image.config.digest, &config)));
        QCOMPARE(config.data(), image.configBytes);
        QBuffer layer;
        layer.open(QIODevice::WriteOnly);
        const auto got = await(
            client->getBlob(QStringLiteral("demo/app"), image.layers.last().digest, &layer));
        BERTH_VERIFY_OK(got);
        QCOMPARE(*got, image.layers.last().size);
        QCOMPARE(Sha256::digestOf(layer.data()), image.layers.last().digest);

        // Manifests derived from tags on a registry without /acr/v1/.
        const auto manifests = await(client->listManifests(QStringLiteral("demo/app")));
        BERTH_VERIFY_OK(manifests);
        QCOMPARE(manifests->size(), 1);
        QCOMPARE(manifests->first().digest, layout->ref.digest);
        QCOMPARE(manifests->first().tags, QStringList{QStringLiteral("1.0")});
    }

    void skopeoReadsWhatBerthPushed_data() { modes(); }
    void skopeoReadsWhatBerthPushed()
    {
        QFETCH(Mode, mode);
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(mode, &error), qPrintable(error));
        auto client = clientFor(registry);
        QTemporaryDir dir;

        const QByteArray configBytes
            = QJsonDocument(
                  QJsonObject{{QStringLiteral("architecture"), QStringLiteral("amd64")},
                              {QStringLiteral("os"), QStringLiteral("linux")},
                              {QStringLiteral("rootfs"),
                               QJsonObject{{QStringLiteral("type"), QStringLiteral("layers")},
                                           {QStringLiteral("diff_ids"), QJsonArray{}}}}})
                  .toJson(QJsonDocument::Compact);
        const QByteArray layerBytes
            = gzipStored(tarWithFile(QStringLiteral("hello.txt"), deterministicBytes(400000, 7)));
        auto writeFile = [&](const QString &name, const QByteArray &bytes) {
            QFile f(dir.filePath(name));
            f.open(QIODevice::WriteOnly);
            f.write(bytes);
            return f.fileName();
        };
        // The layer goes up in several PATCH chunks, the config in one request.
        BlobUploadOptions chunked;
        chunked.chunkSize = 100000;
        auto *pushLayer = new BlobUpload(
            client.get(), QStringLiteral("pushed/app"),
            BlobSource::wholeFile(writeFile(QStringLiteral("layer"), layerBytes)), chunked);
        const auto layer = await(static_cast<Job<BlobUploadResult> *>(pushLayer));
        BERTH_VERIFY_OK(layer);
        const std::optional<QString> layerDigest = layer->digest;
        auto *pushConfig = new BlobUpload(
            client.get(), QStringLiteral("pushed/app"),
            BlobSource::wholeFile(writeFile(QStringLiteral("config"), configBytes)));
        const auto pushedConfig = await(static_cast<Job<BlobUploadResult> *>(pushConfig));
        BERTH_VERIFY_OK(pushedConfig);
        const std::optional<QString> configDigest = pushedConfig->digest;

        QJsonObject manifestJson{
            {QStringLiteral("schemaVersion"), 2},
            {QStringLiteral("mediaType"), MediaType::OciManifest},
            {QStringLiteral("config"),
             QJsonObject{{QStringLiteral("mediaType"), MediaType::OciConfig},
                         {QStringLiteral("digest"), *configDigest},
                         {QStringLiteral("size"), configBytes.size()}}},
            {QStringLiteral("layers"),
             QJsonArray{QJsonObject{{QStringLiteral("mediaType"), MediaType::OciLayer},
                                    {QStringLiteral("digest"), *layerDigest},
                                    {QStringLiteral("size"), layerBytes.size()}}}}};
        const QByteArray manifestBytes = QJsonDocument(manifestJson).toJson(QJsonDocument::Compact);
        const auto put
            = await(client->putManifest(QStringLiteral("pushed/app"), QStringLiteral("v1"),
                                        manifestBytes, MediaType::OciManifest));
        BERTH_VERIFY_OK(put);

        Skopeo skopeo;
        const auto raw
            = skopeo.inspectRaw(Skopeo::dockerReference(registry, QStringLiteral("pushed/app:v1")),
                                Skopeo::inspectFlags(registry));
        BERTH_VERIFY_EXPECTED(raw);
        QCOMPARE(*raw, manifestBytes);
        const auto config = skopeo.inspectConfig(
            Skopeo::dockerReference(registry, QStringLiteral("pushed/app:v1")),
            Skopeo::inspectFlags(registry));
        BERTH_VERIFY_EXPECTED(config);
        QCOMPARE(*config, configBytes);
        // skopeo can copy the whole image out again, layer included.
        const auto out = skopeo.copy(
            Skopeo::dockerReference(registry, QStringLiteral("pushed/app:v1")),
            QStringLiteral("oci:") + dir.filePath(QStringLiteral("out")) + QStringLiteral(":v1"),
            Skopeo::sourceFlags(registry));
        BERTH_VERIFY_EXPECTED(out);
        QVERIFY(
            QFile::exists(dir.filePath(QStringLiteral("out/blobs/sha256/")) + layerDigest->mid(7)));

        // And the manifest can be deleted by digest (the registry has deletes enabled).
        BERTH_VERIFY_OK(await(client->deleteManifest(QStringLiteral("pushed/app"), *put)));
        const auto head = await(client->headManifest(QStringLiteral("pushed/app"), *put));
        BERTH_VERIFY_OK(head);
        QVERIFY(!head->has_value());
    }

    void pagesTheCatalogAndStepsDownAnOversizedPage()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(Mode::Plain, &error), qPrintable(error));
        auto client = clientFor(registry);
        QTemporaryDir dir;
        QFile f(dir.filePath(QStringLiteral("blob")));
        QVERIFY(f.open(QIODevice::WriteOnly));
        f.write("shared");
        f.close();
        QStringList names;
        for (int i = 0; i < 5; ++i) {
            names << QStringLiteral("many/repo-%1").arg(i);
            auto *push
                = new BlobUpload(client.get(), names.last(), BlobSource::wholeFile(f.fileName()));
            BERTH_VERIFY_OK(await(static_cast<Job<BlobUploadResult> *>(push)));
        }
        // n=2: three pages joined by distribution's Link header.
        const auto small = await(client->listRepositories(2));
        BERTH_VERIFY_OK(small);
        QCOMPARE(*small, names);
        // n above distribution's limit is refused with PAGINATION_NUMBER_INVALID: stepped down.
        const auto large = await(client->listRepositories(5000));
        BERTH_VERIFY_OK(large);
        QCOMPARE(*large, names);
    }

    void refusesWrongCredentialsAndAnonymous()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(Mode::Htpasswd, &error), qPrintable(error));
        auto wrong = makeClient(registry.url(),
                                Credentials::password(registry.username(), QStringLiteral("bad")));
        const auto r = await(wrong->listRepositories());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Unauthorized);
        auto anonymous = makeClient(registry.url());
        const auto a = await(anonymous->listRepositories());
        QVERIFY(!a);
        QCOMPARE(a.error().code, ErrorCode::Unauthorized);
    }

    // Over TLS a connection's requests offer HTTP/2 (ALPN) and speak it where the registry
    // takes it, as docker-registry does (Qt's default, which nothing in Berth turns off).
    void tlsSpeaksHttp2WhereTheRegistryOffersIt()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(Mode::Tls, &error), qPrintable(error));
        auto client = makeClient(registry.url(), {}, registry.caFile());
        BERTH_VERIFY_OK(await(client->check()));
        Connection *connection = client->connection();
        QNetworkReply *reply = connection->network()->get(
            connection->makeRequest(connection->resolve(QStringLiteral("/v2/"))));
        QSignalSpy finished(reply, &QNetworkReply::finished);
        QVERIFY(finished.wait(10000));
        QCOMPARE(reply->error(), QNetworkReply::NoError);
        QVERIFY(reply->attribute(QNetworkRequest::Http2WasUsedAttribute).toBool());
        reply->deleteLater();
    }

    void tlsWithoutTheCaFails()
    {
        RealRegistry registry;
        QString error;
        QVERIFY2(registry.start(Mode::Tls, &error), qPrintable(error));
        auto client = makeClient(registry.url());
        const auto r = await(client->check());
        QVERIFY(!r);
        QCOMPARE(r.error().code, ErrorCode::Tls);
    }
};

QTEST_GUILESS_MAIN(tst_ClientRealRegistry)
#include "tst_client_realregistry.moc"
