#include "core/mediatypes.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

class tst_MediaTypes : public QObject
{
    Q_OBJECT

private slots:
    void essenceDropsParametersAndCase_data()
    {
        addColumns<QString, QString>("contentType", "essence");

        QTest::newRow("plain") << u"application/json"_s << u"application/json"_s;
        QTest::newRow("charset and case")
            << u"Application/JSON; charset=utf-8"_s << u"application/json"_s;
        QTest::newRow("spaces") << u"  application/vnd.oci.image.index.v1+json ;x=y"_s
                                << MediaType::OciIndex;
        QTest::newRow("empty") << QString() << QString();
        QTest::newRow("only parameters") << u"; charset=utf-8"_s << QString();
    }

    void essenceDropsParametersAndCase()
    {
        QFETCH(QString, contentType);
        QFETCH(QString, essence);
        QCOMPARE(MediaType::essence(contentType), essence);
    }

    void classifiesManifestKinds_data()
    {
        addColumns<QString, bool, bool>("mediaType", "index", "image");

        QTest::newRow("oci index") << MediaType::OciIndex << true << false;
        QTest::newRow("docker list") << MediaType::DockerManifestList << true << false;
        QTest::newRow("oci manifest") << MediaType::OciManifest << false << true;
        QTest::newRow("docker v2") << MediaType::DockerManifest << false << true;
        QTest::newRow("with parameters")
            << u"application/vnd.docker.distribution.manifest.v2+json; charset=utf-8"_s << false
            << true;
        QTest::newRow("schema 1") << u"application/vnd.docker.distribution.manifest.v1+prettyjws"_s
                                  << false << false;
        QTest::newRow("config") << MediaType::OciConfig << false << false;
        QTest::newRow("layer") << MediaType::DockerLayer << false << false;
        QTest::newRow("json") << u"application/json"_s << false << false;
        QTest::newRow("empty") << QString() << false << false;
    }

    void classifiesManifestKinds()
    {
        QFETCH(QString, mediaType);
        QFETCH(bool, index);
        QFETCH(bool, image);
        QCOMPARE(MediaType::isIndex(mediaType), index);
        QCOMPARE(MediaType::isImageManifest(mediaType), image);
        QCOMPARE(MediaType::isManifest(mediaType), index || image);
    }

    void acceptHeaderListsTheFourManifestKinds()
    {
        const QByteArray accept = MediaType::manifestAccept();
        QStringList listed;
        for (const QByteArray &part : accept.split(','))
            listed.append(QString::fromLatin1(part.trimmed()));
        QCOMPARE(listed.size(), 4);
        for (const QString &type : {MediaType::OciManifest, MediaType::OciIndex,
                                    MediaType::DockerManifest, MediaType::DockerManifestList})
            QVERIFY2(listed.contains(type), qPrintable(type));
    }
};

QTEST_GUILESS_MAIN(tst_MediaTypes)
#include "tst_mediatypes.moc"
