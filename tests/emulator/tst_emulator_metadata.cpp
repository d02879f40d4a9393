// The ACR emulator's metadata side: catalog paging with Link, orderby and digest filters,
// lock enforcement, the spec examples' shapes, manifest listings, repository deletes.

#include "emulator/acremulator.h"
#include "emulatortestclient.h"
#include "fixtures/datatable.h"

#include <QFile>
#include <QJsonArray>
#include <QRegularExpression>
#include <QSet>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

QJsonObject specExample(const QString &file)
{
    QFile f(QStringLiteral(BERTH_SPEC_DIR "/2021-07-01/examples/") + file);
    if (!f.open(QIODevice::ReadOnly))
        return {};
    const QJsonObject responses
        = QJsonDocument::fromJson(f.readAll()).object().value(u"responses").toObject();
    return responses.value(u"200").toObject().value(u"body").toObject();
}

// Every key of `example` is in `actual`, with the same JSON type (recursively for objects).
bool sameShape(const QJsonObject &example, const QJsonObject &actual, QString *why)
{
    for (auto it = example.begin(); it != example.end(); ++it) {
        if (!actual.contains(it.key())) {
            *why = u"missing key " + it.key();
            return false;
        }
        const QJsonValue mine = actual.value(it.key());
        if (mine.type() != it.value().type()) {
            *why = u"type of " + it.key();
            return false;
        }
        if (it.value().isObject() && !sameShape(it.value().toObject(), mine.toObject(), why))
            return false;
    }
    return true;
}

} // namespace

class tst_EmulatorMetadata : public EmulatorTest
{
    Q_OBJECT

    // Follows Link headers from `first`; returns every page's JSON and counts pages.
    QList<QJsonObject>
    allPages(const QString &first, const Headers &auth, QStringList *links = nullptr)
    {
        QList<QJsonObject> pages;
        QString next = first;
        while (!next.isEmpty() && pages.size() < 1000) {
            const HttpReply reply = m_http->get(next, auth);
            if (reply.status != 200)
                return {};
            pages.append(reply.json());
            next = EmulatorTestClient::nextLink(reply);
            if (links && !next.isEmpty())
                links->append(next);
        }
        return pages;
    }

private Q_SLOTS:
    void catalogPagesWithLink_data()
    {
        addColumns<QString>("path");
        QTest::newRow("acr") << QStringLiteral("/acr/v1/_catalog");
        QTest::newRow("v2") << QStringLiteral("/v2/_catalog");
    }
    void catalogPagesWithLink()
    {
        QFETCH(QString, path);
        m_emu->seedBulk(250);
        const Headers auth = adminBearer({QStringLiteral("registry:catalog:*")});
        QStringList links;
        const QList<QJsonObject> pages = allPages(path + u"?n=40", auth, &links);
        QStringList names;
        for (const QJsonObject &page : pages) {
            for (const QJsonValue &name : page.value(u"repositories").toArray())
                names.append(name.toString());
        }
        QCOMPARE(names.size(), 250 + 30);
        QCOMPARE(QSet<QString>(names.begin(), names.end()).size(), names.size());
        QStringList sorted = names;
        sorted.sort();
        QCOMPARE(names, sorted);
        QCOMPARE(pages.size(), 7); // 280 / 40
        const QRegularExpression format(u'^' + QRegularExpression::escape(path)
                                        + QStringLiteral("\\?last=[^&]+&n=40&orderby=$"));
        for (const QString &link : links)
            QVERIFY2(format.match(link).hasMatch(), qPrintable(link));

        // Default page size 100; listEnabled=false repositories are not listed.
        m_emu->setRepositoryAttributes(QStringLiteral("hello-world"),
                                       {{QStringLiteral("listEnabled"), false}});
        const HttpReply first = m_http->get(path, auth);
        QCOMPARE(first.json().value(u"repositories").toArray().size(), 100);
        QVERIFY(
            !first.json().value(u"repositories").toArray().contains(QStringLiteral("hello-world")));
        QCOMPARE(m_http->get(path + u"?n=x", auth).errorCode(),
                 QStringLiteral("PAGINATION_NUMBER_INVALID"));
    }

    void tagsOrderByTime()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:hello-world:metadata_read")});
        auto tagsIn = [&](const QString &orderby) {
            QList<QJsonObject> tags;
            for (const QJsonObject &page :
                 allPages(u"/acr/v1/hello-world/_tags?n=1&orderby=" + orderby, auth)) {
                for (const QJsonValue &tag : page.value(u"tags").toArray())
                    tags.append(tag.toObject());
            }
            return tags;
        };
        const QList<QJsonObject> desc = tagsIn(QStringLiteral("timedesc"));
        const QList<QJsonObject> asc = tagsIn(QStringLiteral("timeasc"));
        QCOMPARE(desc.size(), 3);
        QCOMPARE(asc.size(), 3);
        for (qsizetype i = 0; i < desc.size(); ++i) {
            QCOMPARE(desc[i].value(u"name"), asc[asc.size() - 1 - i].value(u"name"));
            if (i > 0) {
                QVERIFY(desc[i - 1].value(u"lastUpdateTime").toString()
                        > desc[i].value(u"lastUpdateTime").toString());
            }
        }
        QCOMPARE(desc.first().value(u"name").toString(), QStringLiteral("latest"));
        QCOMPARE(asc.first().value(u"name").toString(), QStringLiteral("v1"));
        // The Link keeps orderby.
        const HttpReply first
            = m_http->get(QStringLiteral("/acr/v1/hello-world/_tags?n=1&orderby=timedesc"), auth);
        QCOMPARE(EmulatorTestClient::nextLink(first),
                 QStringLiteral("/acr/v1/hello-world/_tags?last=latest&n=1&orderby=timedesc"));
        // Timestamps as ACR prints them.
        static const QRegularExpression stamp(
            QStringLiteral("^\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{1,7})?Z$"));
        QVERIFY(stamp.match(desc.first().value(u"createdTime").toString()).hasMatch());
    }

    void tagsDigestFilter()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:hello-world:metadata_read")});
        const QString digest = m_http->get(QStringLiteral("/acr/v1/hello-world/_tags/latest"), auth)
                                   .json()
                                   .value(u"tag")
                                   .toObject()
                                   .value(u"digest")
                                   .toString();
        QVERIFY(digest.startsWith(u"sha256:"));
        QStringList links;
        QStringList names;
        for (const QJsonObject &page :
             allPages(u"/acr/v1/hello-world/_tags?n=1&digest=" + digest, auth, &links)) {
            for (const QJsonValue &tag : page.value(u"tags").toArray()) {
                QCOMPARE(tag.toObject().value(u"digest").toString(), digest);
                names.append(tag.toObject().value(u"name").toString());
            }
        }
        QCOMPARE(names, (QStringList{QStringLiteral("latest"), QStringLiteral("v2")}));
        QCOMPARE(links.size(), 1);
        QVERIFY(links[0].contains(u"&digest=sha256%3A"));
    }

    void locksAreEnforced()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:hello-world:*"),
                                          QStringLiteral("repository:library/alpine:*")});
        // v2 is locked against writes: no delete, no overwrite.
        const HttpReply refused
            = m_http->send("DELETE", QStringLiteral("/acr/v1/hello-world/_tags/v2"), auth);
        QCOMPARE(refused.status, 405);
        QCOMPARE(refused.errorCode(), QStringLiteral("REGISTRY_DISALLOWED_OPERATION"));
        const HttpReply latest = m_http->get(
            QStringLiteral("/v2/hello-world/manifests/v1"),
            auth + Headers{{"Accept", "application/vnd.docker.distribution.manifest.v2+json"}});
        QCOMPARE(latest.status, 200);
        const Headers put = auth + Headers{{"Content-Type", latest.header("Content-Type")}};
        QCOMPARE(
            m_http->send("PUT", QStringLiteral("/v2/hello-world/manifests/v2"), put, latest.body)
                .status,
            405);
        QCOMPARE(
            m_http
                ->send("PUT", QStringLiteral("/v2/hello-world/manifests/v1-copy"), put, latest.body)
                .status,
            201);
        // The manifest behind v2 cannot go while its tag is locked.
        const QString v2digest = m_http->get(QStringLiteral("/acr/v1/hello-world/_tags/v2"), auth)
                                     .json()
                                     .value(u"tag")
                                     .toObject()
                                     .value(u"digest")
                                     .toString();
        QCOMPARE(m_http->send("DELETE", u"/v2/hello-world/manifests/" + v2digest, auth).status,
                 405);
        // Unlocked tags go; then they are unknown.
        QCOMPARE(
            m_http->send("DELETE", QStringLiteral("/acr/v1/hello-world/_tags/v1"), auth).status,
            202);
        const HttpReply gone = m_http->get(QStringLiteral("/acr/v1/hello-world/_tags/v1"), auth);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.errorCode(), QStringLiteral("TAG_UNKNOWN"));
        // Unlocking with PATCH makes the delete possible.
        const HttpReply unlocked
            = m_http->send("PATCH", QStringLiteral("/acr/v1/hello-world/_tags/v2"), auth,
                           R"({"writeEnabled":true})");
        QCOMPARE(unlocked.status, 200);
        QCOMPARE(unlocked.json()
                     .value(u"tag")
                     .toObject()
                     .value(u"changeableAttributes")
                     .toObject()
                     .value(u"writeEnabled"),
                 QJsonValue(true));
        QCOMPARE(
            m_http->send("DELETE", QStringLiteral("/acr/v1/hello-world/_tags/v2"), auth).status,
            202);

        // A locked repository: everything in it.
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/acr/v1/library%2Falpine/_tags/3.19"), auth)
                     .status,
                 405);
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/acr/v1/library/alpine"), auth).status,
                 405);
        QCOMPARE(
            m_http
                ->send("PUT", QStringLiteral("/v2/library/alpine/manifests/new"), put, latest.body)
                .status,
            405);

        // readEnabled=false refuses pulls, deleteEnabled=false deletes.
        m_emu->setTagAttributes(QStringLiteral("hello-world"), QStringLiteral("latest"),
                                {{QStringLiteral("readEnabled"), false}});
        QCOMPARE(m_http->get(QStringLiteral("/v2/hello-world/manifests/latest"), auth).status, 405);
        m_emu->setRepositoryAttributes(QStringLiteral("hello-world"),
                                       {{QStringLiteral("deleteEnabled"), false}});
        QCOMPARE(m_http->send("DELETE", QStringLiteral("/acr/v1/hello-world/_tags/v1-copy"), auth)
                     .status,
                 405);
        QCOMPARE(m_http
                     ->send("PATCH", QStringLiteral("/acr/v1/hello-world"), auth,
                            R"({"deleteEnabled":"no"})")
                     .status,
                 400);
    }

    void metadataShapesMatchTheSpecExamples_data()
    {
        addColumns<QString, QString>("example", "path");
        QTest::newRow("tag") << QStringLiteral("GetTagAttributes.json")
                             << QStringLiteral("/acr/v1/hello-world/_tags/latest");
        QTest::newRow("repository") << QStringLiteral("GetRepositoryAttributes.json")
                                    << QStringLiteral("/acr/v1/hello-world");
        QTest::newRow("catalog") << QStringLiteral("GetRepositoryList.json")
                                 << QStringLiteral("/acr/v1/_catalog");
        QTest::newRow("manifest") << QStringLiteral("GetManifestAttributes.json")
                                  << QString(); // path filled in
    }
    void metadataShapesMatchTheSpecExamples()
    {
        QFETCH(QString, example);
        QFETCH(QString, path);
        const Headers auth = adminBearer(
            {QStringLiteral("registry:catalog:*"), QStringLiteral("repository:hello-world:*")});
        if (path.isEmpty()) {
            path = u"/acr/v1/hello-world/_manifests/"
                   + m_http->get(QStringLiteral("/acr/v1/hello-world/_tags/v1"), auth)
                         .json()
                         .value(u"tag")
                         .toObject()
                         .value(u"digest")
                         .toString();
        }
        const QJsonObject expected = specExample(example);
        QVERIFY2(!expected.isEmpty(), qPrintable(example));
        const HttpReply reply = m_http->get(path, auth);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.header("Content-Type"), QByteArray("application/json; charset=utf-8"));
        QString why;
        QVERIFY2(sameShape(expected, reply.json(), &why), qPrintable(why));
    }

    void manifestListingDescribesIndexes()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:team/app/api:metadata_read")});
        const HttpReply reply
            = m_http->get(QStringLiteral("/acr/v1/team%2Fapp%2Fapi/_manifests"), auth);
        QCOMPARE(reply.status, 200);
        QCOMPARE(reply.json().value(u"imageName").toString(), QStringLiteral("team/app/api"));
        int indexes = 0;
        for (const QJsonValue &value : reply.json().value(u"manifests").toArray()) {
            const QJsonObject manifest = value.toObject();
            if (manifest.value(u"mediaType").toString()
                == u"application/vnd.oci.image.index.v1+json") {
                ++indexes;
                const QJsonArray references = manifest.value(u"references").toArray();
                QCOMPARE(references.size(), 2);
                QCOMPARE(references.at(0).toObject().value(u"os").toString(),
                         QStringLiteral("linux"));
                QCOMPARE(manifest.value(u"tags").toArray(), QJsonArray{QStringLiteral("1.0")});
            } else {
                QVERIFY(!manifest.value(u"architecture").toString().isEmpty());
                QVERIFY(manifest.value(u"imageSize").toInteger() > 0);
            }
        }
        QCOMPARE(indexes, 1);
        // Paging by digest with n=1, and time order.
        QStringList links;
        QCOMPARE(allPages(QStringLiteral("/acr/v1/team/app/api/_manifests?n=1&orderby=timedesc"),
                          auth, &links)
                     .size(),
                 4);
        QVERIFY(links.first().contains(u"last=sha256%3A"));
    }

    void repositoryDelete()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:team/app/web:*")});
        const HttpReply reply
            = m_http->send("DELETE", QStringLiteral("/acr/v1/team%2Fapp%2Fweb"), auth);
        QCOMPARE(reply.status, 202);
        QCOMPARE(reply.json().value(u"manifestsDeleted").toArray().size(), 2);
        QCOMPARE(reply.json().value(u"tagsDeleted").toArray().size(), 3);
        const HttpReply gone = m_http->get(QStringLiteral("/acr/v1/team/app/web"), auth);
        QCOMPARE(gone.status, 404);
        QCOMPARE(gone.errorCode(), QStringLiteral("NAME_UNKNOWN"));
        QCOMPARE(gone.json()
                     .value(u"errors")
                     .toArray()
                     .at(0)
                     .toObject()
                     .value(u"detail")
                     .toObject()
                     .value(u"name")
                     .toString(),
                 QStringLiteral("team/app/web"));
    }

    void unknownRoutesAndMethods()
    {
        const Headers auth = adminBearer({QStringLiteral("repository:hello-world:*")});
        QCOMPARE(m_http->get(QStringLiteral("/nothing/here"), auth).status, 404);
        QCOMPARE(m_http->send("POST", QStringLiteral("/v2/hello-world/tags/list"), auth).status,
                 405);
        QCOMPARE(m_http
                     ->get(QStringLiteral("/v2/no/such/repo/tags/list"),
                           adminBearer({QStringLiteral("repository:no/such/repo:pull")}))
                     .errorCode(),
                 QStringLiteral("NAME_UNKNOWN"));
    }
};

int runMetadataTests(int argc, char **argv)
{
    tst_EmulatorMetadata metadata;
    return QTest::qExec(&metadata, argc, argv);
}

#include "tst_emulator_metadata.moc"
