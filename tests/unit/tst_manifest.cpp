#include "core/manifest.h"
#include "fixtures/datatable.h"

#include "core/mediatypes.h"
#include "core/sha256.h"
#include "specexample.h"

#include <QJsonArray>
#include <QTest>

#include <limits>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Berth::Manifest::Kind)

namespace {

QByteArray digestOf(char c)
{
    return "sha256:" + QByteArray(64, c);
}

// A minimal OCI image manifest with `field` replaced by `json` (raw JSON text).
QByteArray ociWith(const QByteArray &field, const QByteArray &json)
{
    QByteArray config = R"({"mediaType":"application/vnd.oci.image.config.v1+json","digest":")"
                        + digestOf('c') + R"(","size":10})";
    QByteArray layers = R"([{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":")"
                        + digestOf('1') + R"(","size":20}])";
    QByteArray schema = "2";
    QByteArray extra;
    if (field == "config")
        config = json;
    else if (field == "layers")
        layers = json;
    else if (field == "schemaVersion")
        schema = json;
    else
        extra = ",\"" + field + "\":" + json;
    return R"({"schemaVersion":)" + schema
           + R"(,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":)" + config
           + R"(,"layers":)" + layers + extra + "}";
}

} // namespace

class tst_Manifest : public QObject
{
    Q_OBJECT

private slots:
    void specGetManifestIsADockerV2Image();
    void specCreateManifestPayloadParses();
    void specGetBlobBodyMatchesItsDigest();
    void ociManifestWithAnnotationsSubjectAndArtifactType();
    void ociIndexWithPlatforms();
    void dockerManifestListIsAnIndex();
    void kindComesFromContentTypeOrFields_data();
    void kindComesFromContentTypeOrFields();
    void unsupportedManifests_data();
    void unsupportedManifests();
    void malformedManifestsNameTheField_data();
    void malformedManifestsNameTheField();
    void totalSizeSaturatesInsteadOfOverflowing();
    void platformToString_data();
    void platformToString();
};

void tst_Manifest::specGetManifestIsADockerV2Image()
{
    const QByteArray body = Test::specResponseBody(u"GetManifest"_s);
    const Result<Manifest> m = parseManifest(body, MediaType::DockerManifest);
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, Manifest::Kind::Image);
    QCOMPARE(m->schemaVersion, 2);
    QCOMPARE(m->mediaType, MediaType::DockerManifest);
    QCOMPARE(m->config.mediaType, MediaType::DockerConfig);
    QCOMPARE(m->config.digest,
             u"sha256:691fbc2d44fff48357bba69ab0505b9bf12b2b250a925a84a0b8e8e7eed390b2"_s);
    QCOMPARE(m->config.size, qint64(5824));
    QCOMPARE(m->layers.size(), 5);
    QCOMPARE(m->layers.at(0).digest,
             u"sha256:a073c86ecf9e0f29180e80e9638d4c741970695851ea48247276c32c57e40282"_s);
    QCOMPARE(m->layers.at(1).size, qint64(19778035));
    QCOMPARE(m->layers.at(4).size, qint64(568));
    for (const Descriptor &layer : m->layers)
        QCOMPARE(layer.mediaType, MediaType::DockerLayer);
    QVERIFY(m->manifests.isEmpty());
    QVERIFY(!m->subject);
    QCOMPARE(m->totalSize(), qint64(5824 + 2014658 + 19778035 + 1074044 + 5827 + 568));
}

void tst_Manifest::specCreateManifestPayloadParses()
{
    const QByteArray payload
        = Test::specParameters(u"CreateManifest"_s).value(u"payload"_s).toString().toUtf8();
    QVERIFY(!payload.isEmpty());
    const Result<Manifest> m = parseManifest(payload, QString());
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, Manifest::Kind::Image);
    QCOMPARE(m->mediaType, MediaType::DockerManifest);
    QCOMPARE(m->config.size, qint64(1512));
    QCOMPARE(m->config.digest,
             u"sha256:6d1ef012b5674ad8a127ecfa9b5e6f5178d171b90ee462846974177fd9bdd39f"_s);
    QCOMPARE(m->layers.size(), 1);
    QCOMPARE(m->layers.at(0).size, qint64(2107098));
    QCOMPARE(m->totalSize(), qint64(1512 + 2107098));
}

void tst_Manifest::specGetBlobBodyMatchesItsDigest()
{
    const QByteArray base64 = Test::specResponseBody(u"GetBlob"_s);
    const auto decoded
        = QByteArray::fromBase64Encoding(base64, QByteArray::AbortOnBase64DecodingErrors);
    QVERIFY(decoded);
    QCOMPARE(decoded.decoded.size(), 5635);
    const QString digest = Test::specParameters(u"GetBlob"_s).value(u"digest"_s).toString();
    QCOMPARE(Sha256::digestOf(decoded.decoded), digest);
}

void tst_Manifest::ociManifestWithAnnotationsSubjectAndArtifactType()
{
    const QByteArray body = R"({
      "schemaVersion": 2,
      "mediaType": "application/vnd.oci.image.manifest.v1+json",
      "artifactType": "application/vnd.example.sbom",
      "config": {"mediaType": "application/vnd.oci.empty.v1+json",
                 "digest": "sha256:44136fa355b3678a1146ad16f7e8649e94fb4fc21fe77e8310c060f61caaff8a", "size": 2},
      "layers": [{"mediaType": "application/vnd.oci.image.layer.v1.tar+gzip",
                  "digest": "sha512:)"
                            + QByteArray(128, 'e') + R"(", "size": 32654,
                  "urls": ["https://mirror.example/blob"],
                  "annotations": {"org.opencontainers.image.title": "sbom.json"}}],
      "subject": {"mediaType": "application/vnd.oci.image.manifest.v1+json",
                  "digest": ")"
                            + digestOf('5') + R"(", "size": 1000},
      "annotations": {"org.opencontainers.image.created": "2024-01-01T00:00:00Z"}
    })";
    const Result<Manifest> m = parseManifest(body, u"application/json"_s);
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, Manifest::Kind::Image);
    QCOMPARE(m->mediaType, MediaType::OciManifest);
    QCOMPARE(m->artifactType, u"application/vnd.example.sbom"_s);
    QCOMPARE(m->config.mediaType, MediaType::OciEmpty);
    QCOMPARE(m->layers.at(0).urls, QStringList{u"https://mirror.example/blob"_s});
    QCOMPARE(m->layers.at(0).annotations.value(u"org.opencontainers.image.title"_s).toString(),
             u"sbom.json"_s);
    QVERIFY(m->subject);
    QCOMPARE(m->subject->size, qint64(1000));
    QCOMPARE(m->annotations.value(u"org.opencontainers.image.created"_s).toString(),
             u"2024-01-01T00:00:00Z"_s);
    QCOMPARE(m->totalSize(), qint64(2 + 32654));
}

void tst_Manifest::ociIndexWithPlatforms()
{
    const QByteArray body = R"({
      "schemaVersion": 2,
      "mediaType": "application/vnd.oci.image.index.v1+json",
      "manifests": [
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": ")"
                            + digestOf('a') + R"(",
         "size": 1000, "platform": {"architecture": "amd64", "os": "linux"}},
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": ")"
                            + digestOf('b') + R"(",
         "size": 1001, "platform": {"architecture": "arm64", "os": "linux", "variant": "v8"}},
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": ")"
                            + digestOf('c') + R"(",
         "size": 1002, "platform": {"architecture": "amd64", "os": "windows", "os.version": "10.0.17763.1",
                                    "os.features": ["win32k"]}},
        {"mediaType": "application/vnd.oci.image.manifest.v1+json", "digest": ")"
                            + digestOf('d') + R"(",
         "size": 500, "artifactType": "application/vnd.example.signature",
         "annotations": {"vnd.docker.reference.type": "attestation-manifest"}}
      ],
      "annotations": {"a": "b"}
    })";
    const Result<Manifest> m = parseManifest(body, MediaType::OciIndex);
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, Manifest::Kind::Index);
    QCOMPARE(m->manifests.size(), 4);
    QCOMPARE(m->manifests.at(0).platform.toString(), u"linux/amd64"_s);
    QCOMPARE(m->manifests.at(1).platform.toString(), u"linux/arm64/v8"_s);
    QCOMPARE(m->manifests.at(2).platform.osVersion, u"10.0.17763.1"_s);
    QVERIFY(m->manifests.at(3).platform.isEmpty());
    QCOMPARE(m->manifests.at(3).artifactType, u"application/vnd.example.signature"_s);
    QVERIFY(m->layers.isEmpty());
    QCOMPARE(m->totalSize(), qint64(1000 + 1001 + 1002 + 500));
}

void tst_Manifest::dockerManifestListIsAnIndex()
{
    const QByteArray body = R"({"schemaVersion":2,
      "mediaType":"application/vnd.docker.distribution.manifest.list.v2+json",
      "manifests":[{"mediaType":"application/vnd.docker.distribution.manifest.v2+json",
                    "digest":")"
                            + digestOf('f') + R"(","size":528,
                    "platform":{"architecture":"arm","os":"linux","variant":"v7"}}]})";
    const Result<Manifest> m = parseManifest(body, QString());
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, Manifest::Kind::Index);
    QCOMPARE(m->mediaType, MediaType::DockerManifestList);
    QCOMPARE(m->manifests.at(0).mediaType, MediaType::DockerManifest);
    QCOMPARE(m->manifests.at(0).platform.toString(), u"linux/arm/v7"_s);
}

void tst_Manifest::kindComesFromContentTypeOrFields_data()
{
    addColumns<QByteArray, QString, Manifest::Kind, QString>("body", "contentType", "kind",
                                                             "mediaType");

    const QByteArray image = R"({"schemaVersion":2,"config":{"mediaType":"x","digest":")"
                             + digestOf('c') + R"(","size":1},"layers":[]})";
    const QByteArray index = R"({"schemaVersion":2,"manifests":[]})";
    QTest::newRow("image from content type")
        << image << u"application/vnd.oci.image.manifest.v1+json; charset=utf-8"_s
        << Manifest::Kind::Image << u"application/vnd.oci.image.manifest.v1+json; charset=utf-8"_s;
    QTest::newRow("index from content type")
        << index << MediaType::OciIndex << Manifest::Kind::Index << MediaType::OciIndex;
    QTest::newRow("image from fields") << image << QString() << Manifest::Kind::Image << QString();
    QTest::newRow("index from fields, generic json")
        << index << u"application/json"_s << Manifest::Kind::Index << u"application/json"_s;
}

void tst_Manifest::kindComesFromContentTypeOrFields()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    QFETCH(Manifest::Kind, kind);
    QFETCH(QString, mediaType);
    const Result<Manifest> m = parseManifest(body, contentType);
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->kind, kind);
    QCOMPARE(MediaType::essence(m->mediaType), MediaType::essence(mediaType));
}

void tst_Manifest::unsupportedManifests_data()
{
    addColumns<QByteArray, QString>("body", "contentType");

    QTest::newRow("schema 1 signed")
        << QByteArray(R"({"schemaVersion":1,"name":"app","tag":"v1","architecture":"amd64",
                         "fsLayers":[{"blobSum":"sha256:aaaa"}],"history":[],"signatures":[{}]})")
        << u"application/vnd.docker.distribution.manifest.v1+prettyjws"_s;
    QTest::newRow("schema 1 without content type")
        << QByteArray(R"({"schemaVersion":1,"fsLayers":[]})") << QString();
    QTest::newRow("schema 1 media type in body")
        << QByteArray(R"({"mediaType":"application/vnd.docker.distribution.manifest.v1+json"})")
        << QString();
    QTest::newRow("schema 3") << QByteArray(R"({"schemaVersion":3,"manifests":[]})") << QString();
    QTest::newRow("oci artifact manifest") << QByteArray(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.artifact.manifest.v1+json","blobs":[]})")
                                           << QString();
}

void tst_Manifest::unsupportedManifests()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, contentType);
    const Result<Manifest> m = parseManifest(body, contentType);
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::Unsupported);
    QVERIFY(!m.error().message.isEmpty());
}

void tst_Manifest::malformedManifestsNameTheField_data()
{
    // field: empty: only the code is checked
    addColumns<QByteArray, QString>("body", "field");

    QTest::newRow("empty") << QByteArray() << QString();
    QTest::newRow("not json") << QByteArray("garbage \x01\xff") << QString();
    QTest::newRow("top-level array") << QByteArray("[]") << QString();
    QTest::newRow("truncated") << ociWith("x", "1").chopped(7) << QString();
    QTest::newRow("schemaVersion missing")
        << QByteArray(R"({"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[]})")
        << u"schemaVersion"_s;
    QTest::newRow("schemaVersion as string")
        << ociWith("schemaVersion", R"("2")") << u"schemaVersion"_s;
    QTest::newRow("schemaVersion fractional")
        << ociWith("schemaVersion", "2.5") << u"schemaVersion"_s;
    QTest::newRow("mediaType as number")
        << QByteArray(R"({"schemaVersion":2,"mediaType":7,"manifests":[]})") << u"mediaType"_s;
    QTest::newRow("neither config nor manifests")
        << QByteArray(R"({"schemaVersion":2})") << u"mediaType"_s;
    QTest::newRow("config missing") << QByteArray(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","layers":[]})")
                                    << u"config"_s;
    QTest::newRow("config as array") << ociWith("config", "[]") << u"config"_s;
    QTest::newRow("config digest bad")
        << ociWith("config", R"({"mediaType":"x","digest":"sha256:ABC","size":1})")
        << u"config.digest"_s;
    // Found by fuzz_manifest: an empty digest passed as "absent".
    QTest::newRow("config digest empty")
        << ociWith("config", R"({"mediaType":"x","digest":"","size":1})") << u"config.digest"_s;
    QTest::newRow("index entry digest empty")
        << QByteArray(R"({"schemaVersion":2,"manifests":[{"digest":"","size":5}]})")
        << u"manifests[0].digest"_s;
    QTest::newRow("config digest missing")
        << ociWith("config", R"({"mediaType":"x","size":1})") << u"config.digest"_s;
    QTest::newRow("config size missing")
        << ociWith("config", R"({"mediaType":"x","digest":")" + digestOf('c') + R"("})")
        << u"config.size"_s;
    QTest::newRow("config size negative")
        << ociWith("config", R"({"mediaType":"x","digest":")" + digestOf('c') + R"(","size":-5})")
        << u"config.size"_s;
    QTest::newRow("config size as string")
        << ociWith("config", R"({"mediaType":"x","digest":")" + digestOf('c') + R"(","size":"5"})")
        << u"config.size"_s;
    QTest::newRow("config size beyond 2^53") << ociWith(
        "config", R"({"mediaType":"x","digest":")" + digestOf('c') + R"(","size":1e300})")
                                             << u"config.size"_s;
    QTest::newRow("layers missing") << QByteArray(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"digest":")"
        + digestOf('c') + R"(","size":1}})")
                                    << u"layers"_s;
    QTest::newRow("layers as object") << ociWith("layers", "{}") << u"layers"_s;
    QTest::newRow("layer not an object") << ociWith("layers", "[1]") << u"layers[0]"_s;
    QTest::newRow("second layer size fractional")
        << ociWith("layers", R"([{"digest":")" + digestOf('1') + R"(","size":1},{"digest":")"
                                 + digestOf('2') + R"(","size":0.5}])")
        << u"layers[1].size"_s;
    QTest::newRow("layer urls not strings")
        << ociWith("layers", R"([{"digest":")" + digestOf('1') + R"(","size":1,"urls":[1]}])")
        << u"layers[0].urls[0]"_s;
    QTest::newRow("layer annotation value not a string") << ociWith(
        "layers", R"([{"digest":")" + digestOf('1') + R"(","size":1,"annotations":{"k":1}}])")
                                                         << u"layers[0].annotations.k"_s;
    QTest::newRow("annotations as array") << ociWith("annotations", "[]") << u"annotations"_s;
    // Object keys are the registry's: the message shows them escaped.
    QTest::newRow("annotation key with escape and override")
        << ociWith("annotations", R"({"k\u001b[2J\u202e":1})") << u"annotations.k\\x1b[2J\\u202e"_s;
    QTest::newRow("artifactType as bool") << ociWith("artifactType", "true") << u"artifactType"_s;
    QTest::newRow("subject without digest")
        << ociWith("subject", R"({"size":1})") << u"subject.digest"_s;
    QTest::newRow("subject as string") << ociWith("subject", R"("x")") << u"subject"_s;
    QTest::newRow("index manifests missing") << QByteArray(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json"})")
                                             << u"manifests"_s;
    QTest::newRow("index entry platform as string") << QByteArray(
        R"({"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"digest":")"
        + digestOf('a') + R"(","size":1,"platform":"linux"}]})")
                                                    << u"manifests[0].platform"_s;
    QTest::newRow("index entry architecture as number")
        << QByteArray(R"({"schemaVersion":2,"manifests":[{"digest":")" + digestOf('a')
                      + R"(","size":1,"platform":{"architecture":64}}]})")
        << u"manifests[0].platform.architecture"_s;
}

void tst_Manifest::malformedManifestsNameTheField()
{
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const Result<Manifest> m = parseManifest(body, QString());
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::InvalidResponse);
    if (!field.isEmpty()) {
        const QString quoted = u'"' + field + u'"';
        QVERIFY2(m.error().message.contains(quoted), qPrintable(m.error().message));
    }
}

void tst_Manifest::totalSizeSaturatesInsteadOfOverflowing()
{
    Manifest index;
    index.kind = Manifest::Kind::Index;
    Descriptor big;
    big.size = qint64(1) << 53;
    for (int i = 0; i < 2048; ++i)
        index.manifests.append(big);
    QCOMPARE(index.totalSize(), std::numeric_limits<qint64>::max());
}

void tst_Manifest::platformToString_data()
{
    addColumns<QString, QString, QString, QString>("os", "architecture", "variant", "text");

    QTest::newRow("linux/amd64") << u"linux"_s << u"amd64"_s << QString() << u"linux/amd64"_s;
    QTest::newRow("with variant") << u"linux"_s << u"arm64"_s << u"v8"_s << u"linux/arm64/v8"_s;
    QTest::newRow("empty") << QString() << QString() << QString() << QString();
}

void tst_Manifest::platformToString()
{
    QFETCH(QString, os);
    QFETCH(QString, architecture);
    QFETCH(QString, variant);
    QFETCH(QString, text);
    Platform p;
    p.os = os;
    p.architecture = architecture;
    p.variant = variant;
    QCOMPARE(p.toString(), text);
}

QTEST_GUILESS_MAIN(tst_Manifest)
#include "tst_manifest.moc"
