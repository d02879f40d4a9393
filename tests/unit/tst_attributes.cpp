#include "core/attributes.h"
#include "fixtures/datatable.h"

#include "specexample.h"

#include <QJsonArray>
#include <QJsonDocument>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

namespace {

QDateTime utc(int y, int mo, int d, int h, int mi, int s, int ms)
{
    return QDateTime(QDate(y, mo, d), QTime(h, mi, s, ms), Qt::UTC);
}

ChangeableAttributes attrs(bool del, bool write, bool read, bool list)
{
    return {.deleteEnabled = del, .writeEnabled = write, .readEnabled = read, .listEnabled = list};
}

enum class Parser {
    RepositoryPage,
    AcrTagPage,
    V2TagList,
    AcrManifestPage,
    Repository,
    Tag,
    Manifest
};

// The error a parser gives for `body`, or an empty code when it succeeds.
RegistryError errorOf(Parser parser, const QByteArray &body)
{
    const auto error = [](const auto &result) {
        return result ? RegistryError() : result.error();
    };
    switch (parser) {
    case Parser::RepositoryPage:
        return error(parseRepositoryPage(body));
    case Parser::AcrTagPage:
        return error(parseAcrTagPage(body));
    case Parser::V2TagList:
        return error(parseV2TagList(body));
    case Parser::AcrManifestPage:
        return error(parseAcrManifestPage(body));
    case Parser::Repository:
        return error(parseRepositoryAttributes(body));
    case Parser::Tag:
        return error(parseTagAttributes(body));
    case Parser::Manifest:
        return error(parseManifestAttributes(body));
    }
    return {};
}

} // namespace

Q_DECLARE_METATYPE(Parser)

class tst_Attributes : public QObject
{
    Q_OBJECT

private slots:
    void specGetTagAttributes();
    void specGetManifestAttributes();
    void specGetRepositoryAttributes();
    void specUpdateRepositoryAttributes();
    void specGetRepositoryListAndItsEmptyForms();
    void specGetManifestIsNotAnAttributesBody();

    void acrTimesWithAnyFractionParse_data();
    void acrTimesWithAnyFractionParse();
    void acrTagPageReadsTagsAndBodyLink();
    void acrManifestPageReadsIndexReferences();
    void v2TagListNullOrAbsentMeansEmpty_data();
    void v2TagListNullOrAbsentMeansEmpty();
    void bodyLinkFormsGiveNextPage_data();
    void bodyLinkFormsGiveNextPage();
    void missingOptionalFieldsAreFine();
    void changeableAttributesRoundTripOnlySetValues();

    void wrongTypesNameTheField_data();
    void wrongTypesNameTheField();
    void brokenBodiesAreInvalidResponse_data();
    void brokenBodiesAreInvalidResponse();
    void valuesOutsideTheirGrammarAreRefused_data();
    void valuesOutsideTheirGrammarAreRefused();
};

void tst_Attributes::specGetTagAttributes()
{
    const Result<TagInfo> tag = parseTagAttributes(Test::specResponseBody(u"GetTagAttributes"_s));
    QVERIFY2(tag, qPrintable(tag ? QString() : tag.error().message));
    QCOMPARE(tag->name, u"tagName"_s);
    QCOMPARE(tag->digest,
             u"sha256:eabe547f78d4c18c708dd97ec3166cf7464cc651f1cbb67e70d407405b7ad7b6"_s);
    QCOMPARE(tag->createdTime, utc(2018, 10, 5, 20, 54, 24, 129)); // .1286047 rounds to .129
    QCOMPARE(tag->lastUpdateTime, utc(2018, 10, 5, 20, 54, 24, 129));
    QCOMPARE(tag->attributes, attrs(true, false, true, true));
    QVERIFY(!tag->isSigned);
    QCOMPARE(tag->json.value(u"name"_s).toString(), u"tagName"_s);
}

void tst_Attributes::specGetManifestAttributes()
{
    const Result<ManifestInfo> m
        = parseManifestAttributes(Test::specResponseBody(u"GetManifestAttributes"_s));
    QVERIFY2(m, qPrintable(m ? QString() : m.error().message));
    QCOMPARE(m->digest,
             u"sha256:110d2b6c84592561338aa040b1b14b7ab81c2f9edbd564c2285dd7d70d777086"_s);
    QCOMPARE(m->imageSize, qint64(2401606));
    QCOMPARE(m->createdTime, utc(2018, 9, 6, 6, 17, 20, 998)); // .9983915
    QCOMPARE(m->lastUpdateTime, utc(2018, 9, 6, 6, 17, 20, 998));
    QCOMPARE(m->architecture, u"amd64"_s);
    QCOMPARE(m->os, u"windows"_s);
    QCOMPARE(m->tags, QStringList{u"4.7.2-20180905-nanoserver-1803"_s});
    QVERIFY(m->references.isEmpty());
    QCOMPARE(m->attributes, attrs(true, true, true, true));
    QCOMPARE(m->json.value(u"imageSize"_s).toInteger(), 2401606);
}

void tst_Attributes::specGetRepositoryAttributes()
{
    const Result<RepositoryInfo> r
        = parseRepositoryAttributes(Test::specResponseBody(u"GetRepositoryAttributes"_s));
    QVERIFY2(r, qPrintable(r ? QString() : r.error().message));
    QCOMPARE(r->registry, u"acrapi.azurecr-test.io"_s);
    QCOMPARE(r->name, u"nanoserver"_s);
    QCOMPARE(r->createdTime, utc(2018, 9, 6, 6, 17, 20, 953));     // .9531248
    QCOMPARE(r->lastUpdateTime, utc(2018, 9, 7, 16, 30, 46, 658)); // .6583219
    QCOMPARE(r->manifestCount, 2);
    QCOMPARE(r->tagCount, 2);
    QCOMPARE(r->attributes, attrs(true, true, true, true));
    QCOMPARE(r->json.value(u"imageName"_s).toString(), u"nanoserver"_s);
}

void tst_Attributes::specUpdateRepositoryAttributes()
{
    // The request value is a partial ChangeableAttributes; only what is set goes back out.
    const QJsonValue request
        = Test::specParameters(u"UpdateRepositoryAttributes"_s).value(u"value"_s);
    const Result<ChangeableAttributes> update = ChangeableAttributes::fromJson(request);
    QVERIFY(update);
    QCOMPARE(update->writeEnabled, std::optional<bool>(false));
    QVERIFY(!update->deleteEnabled && !update->readEnabled && !update->listEnabled);
    QCOMPARE(update->toJson(), request.toObject());

    const Result<RepositoryInfo> r
        = parseRepositoryAttributes(Test::specResponseBody(u"UpdateRepositoryAttributes"_s));
    QVERIFY(r);
    QCOMPARE(r->name, u"nanoserver"_s);
    QCOMPARE(r->attributes, attrs(true, false, true, true));
}

void tst_Attributes::specGetRepositoryListAndItsEmptyForms()
{
    const Result<Page<QString>> page
        = parseRepositoryPage(Test::specResponseBody(u"GetRepositoryList"_s));
    QVERIFY(page);
    QCOMPARE(page->items, (QStringList{u"production/alpine"_s, u"testing/alpine"_s}));
    QVERIFY(page->next.isEmpty());

    for (const QByteArray &empty : {QByteArray(R"({"repositories":null})"),
                                    QByteArray(R"({"repositories":[]})"), QByteArray("{}")}) {
        const Result<Page<QString>> none = parseRepositoryPage(empty);
        QVERIFY2(none, empty.constData());
        QVERIFY(none->items.isEmpty());
    }
}

void tst_Attributes::specGetManifestIsNotAnAttributesBody()
{
    const Result<ManifestInfo> m
        = parseManifestAttributes(Test::specResponseBody(u"GetManifest"_s));
    QVERIFY(!m);
    QCOMPARE(m.error().code, ErrorCode::InvalidResponse);
    QVERIFY2(m.error().message.contains(u"\"manifest\""_s), qPrintable(m.error().message));
}

void tst_Attributes::acrTimesWithAnyFractionParse_data()
{
    addColumns<QString, QDateTime>("text", "expected");

    QTest::newRow("7 digits, acr")
        << u"2018-09-06T06:17:20.9983915Z"_s << utc(2018, 9, 6, 6, 17, 20, 998);
    QTest::newRow("9 digits, go") << u"2023-01-01T00:00:00.123456789Z"_s
                                  << utc(2023, 1, 1, 0, 0, 0, 123);
    QTest::newRow("3 digits") << u"2023-01-01T00:00:00.500Z"_s << utc(2023, 1, 1, 0, 0, 0, 500);
    QTest::newRow("no fraction") << u"2023-01-01T00:00:00Z"_s << utc(2023, 1, 1, 0, 0, 0, 0);
    QTest::newRow("offset") << u"2023-01-01T02:00:00.1234567+02:00"_s
                            << utc(2023, 1, 1, 0, 0, 0, 123);
    QTest::newRow("no offset means utc")
        << u"2023-01-01T00:00:00.25"_s << utc(2023, 1, 1, 0, 0, 0, 250);
    QTest::newRow("zero time") << u"0001-01-01T00:00:00Z"_s << utc(1, 1, 1, 0, 0, 0, 0);
}

void tst_Attributes::acrTimesWithAnyFractionParse()
{
    QFETCH(QString, text);
    QFETCH(QDateTime, expected);
    QJsonObject tag{{u"name"_s, u"t"_s}, {u"createdTime"_s, text}};
    const Result<TagInfo> info
        = parseTagAttributes(QJsonDocument(QJsonObject{{u"tag"_s, tag}}).toJson());
    QVERIFY2(info, qPrintable(info ? QString() : info.error().message));
    QVERIFY(info->createdTime.isValid());
    QCOMPARE(info->createdTime.toMSecsSinceEpoch(), expected.toMSecsSinceEpoch());
}

void tst_Attributes::acrTagPageReadsTagsAndBodyLink()
{
    const QByteArray body = R"({"registry":"r.azurecr.io","imageName":"team/app","tags":[
        {"name":"v1","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000001",
         "createdTime":"2024-05-01T10:00:00.1234567Z","lastUpdateTime":"2024-05-02T10:00:00.7654321Z",
         "signed":false,"quarantineState":"Passed",
         "changeableAttributes":{"deleteEnabled":false,"writeEnabled":true,"readEnabled":true,"listEnabled":true}},
        {"name":"v2","digest":"sha256:0000000000000000000000000000000000000000000000000000000000000002",
         "signed":true}],
        "link":"</acr/v1/team/app/_tags?last=v2&n=2&orderby=>; rel=\"next\""})";
    const Result<Page<TagInfo>> page = parseAcrTagPage(body);
    QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
    QCOMPARE(page->items.size(), 2);
    const TagInfo &v1 = page->items.at(0);
    QCOMPARE(v1.name, u"v1"_s);
    QCOMPARE(v1.createdTime, utc(2024, 5, 1, 10, 0, 0, 123));
    QCOMPARE(v1.lastUpdateTime, utc(2024, 5, 2, 10, 0, 0, 765));
    QCOMPARE(v1.attributes, attrs(false, true, true, true));
    QCOMPARE(v1.json.value(u"quarantineState"_s).toString(), u"Passed"_s);
    QVERIFY(page->items.at(1).isSigned);
    QVERIFY(page->items.at(1).attributes.isEmpty());
    QCOMPARE(page->next.path(), u"/acr/v1/team/app/_tags"_s);
    QCOMPARE(page->next.query(), u"last=v2&n=2&orderby="_s);
}

void tst_Attributes::acrManifestPageReadsIndexReferences()
{
    const QByteArray body = R"({"registry":"r","imageName":"app","manifests":[
        {"digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa",
         "imageSize":0,"mediaType":"application/vnd.oci.image.index.v1+json","tags":["latest"],
         "references":[
           {"digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb","architecture":"amd64","os":"linux"},
           {"digest":"sha256:cccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccccc","architecture":"arm64","os":"linux","variant":"v8"}]},
        {"digest":"sha256:bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb",
         "imageSize":1234,"architecture":"amd64","os":"linux","tags":null,
         "configMediaType":"application/vnd.oci.image.config.v1+json"}]})";
    const Result<Page<ManifestInfo>> page = parseAcrManifestPage(body);
    QVERIFY2(page, qPrintable(page ? QString() : page.error().message));
    QCOMPARE(page->items.size(), 2);
    const ManifestInfo &index = page->items.at(0);
    QCOMPARE(index.mediaType, u"application/vnd.oci.image.index.v1+json"_s);
    QCOMPARE(index.imageSize, qint64(0));
    QCOMPARE(index.tags, QStringList{u"latest"_s});
    QCOMPARE(index.references.size(), 2);
    QCOMPARE(index.references.at(1).architecture, u"arm64"_s);
    QCOMPARE(index.references.at(1).variant, u"v8"_s);
    QCOMPARE(index.references.at(0).digest.left(8), u"sha256:b"_s);
    const ManifestInfo &image = page->items.at(1);
    QCOMPARE(image.imageSize, qint64(1234));
    QVERIFY(image.tags.isEmpty());
    QCOMPARE(image.configMediaType, u"application/vnd.oci.image.config.v1+json"_s);
    QVERIFY(page->next.isEmpty());
}

void tst_Attributes::v2TagListNullOrAbsentMeansEmpty_data()
{
    addColumns<QByteArray, QStringList>("body", "tags");

    QTest::newRow("tags") << QByteArray(R"({"name":"a/b","tags":["v2","latest","v1"]})")
                          << QStringList{u"v2"_s, u"latest"_s, u"v1"_s};
    QTest::newRow("null") << QByteArray(R"({"name":"a/b","tags":null})") << QStringList();
    QTest::newRow("empty") << QByteArray(R"({"name":"a/b","tags":[]})") << QStringList();
    QTest::newRow("absent") << QByteArray(R"({"name":"a/b"})") << QStringList();
}

void tst_Attributes::v2TagListNullOrAbsentMeansEmpty()
{
    QFETCH(QByteArray, body);
    QFETCH(QStringList, tags);
    const Result<Page<TagInfo>> page = parseV2TagList(body);
    QVERIFY(page);
    QStringList names;
    for (const TagInfo &t : page->items) {
        names.append(t.name);
        QVERIFY(t.digest.isEmpty());
        QCOMPARE(t.json.value(u"name"_s).toString(), t.name);
    }
    QCOMPARE(names, tags);
}

void tst_Attributes::bodyLinkFormsGiveNextPage_data()
{
    addColumns<QByteArray, QUrl>("body", "next");

    QTest::newRow("link header form") << QByteArray(
        R"({"repositories":["a"],"link":"</acr/v1/_catalog?last=a&n=1>; rel=\"next\""})")
                                      << QUrl(u"/acr/v1/_catalog?last=a&n=1"_s);
    QTest::newRow("angle brackets only")
        << QByteArray(R"({"repositories":["a"],"link":"</acr/v1/_catalog?last=a&n=1>"})")
        << QUrl(u"/acr/v1/_catalog?last=a&n=1"_s);
    QTest::newRow("bare url") << QByteArray(
        R"({"repositories":["a"],"link":"/v2/_catalog?last=a"})")
                              << QUrl(u"/v2/_catalog?last=a"_s);
    QTest::newRow("empty") << QByteArray(R"({"repositories":["a"],"link":""})") << QUrl();
    QTest::newRow("null") << QByteArray(R"({"repositories":["a"],"link":null})") << QUrl();
}

void tst_Attributes::bodyLinkFormsGiveNextPage()
{
    QFETCH(QByteArray, body);
    QFETCH(QUrl, next);
    const Result<Page<QString>> page = parseRepositoryPage(body);
    QVERIFY(page);
    QCOMPARE(page->next, next);
}

void tst_Attributes::missingOptionalFieldsAreFine()
{
    const Result<TagInfo> tag = parseTagAttributes(R"({"tag":{"name":"only"}})");
    QVERIFY(tag);
    QCOMPARE(tag->name, u"only"_s);
    QVERIFY(tag->digest.isEmpty());
    QVERIFY(!tag->createdTime.isValid());
    QVERIFY(tag->attributes.isEmpty());

    const Result<ManifestInfo> m = parseManifestAttributes(
        R"({"manifest":{"digest":"sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa","architecture":null}})");
    QVERIFY(m);
    QCOMPARE(m->imageSize, qint64(-1));
    QVERIFY(m->architecture.isEmpty());

    const Result<RepositoryInfo> r = parseRepositoryAttributes("{}");
    QVERIFY(r);
    QCOMPARE(r->manifestCount, -1);
    QCOMPARE(r->tagCount, -1);
}

void tst_Attributes::changeableAttributesRoundTripOnlySetValues()
{
    ChangeableAttributes a;
    QVERIFY(a.isEmpty());
    QVERIFY(a.toJson().isEmpty());
    a.deleteEnabled = false;
    a.listEnabled = true;
    QVERIFY(!a.isEmpty());
    const QJsonObject json = a.toJson();
    QCOMPARE(json, (QJsonObject{{u"deleteEnabled"_s, false}, {u"listEnabled"_s, true}}));
    const Result<ChangeableAttributes> back = ChangeableAttributes::fromJson(json);
    QVERIFY(back);
    QCOMPARE(*back, a);
    QVERIFY(ChangeableAttributes::fromJson(QJsonValue())->isEmpty());
}

void tst_Attributes::wrongTypesNameTheField_data()
{
    addColumns<Parser, QByteArray, QString>("parser", "body", "field");

    const QByteArray d = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    QTest::newRow("lock as string")
        << Parser::Tag
        << QByteArray(R"({"tag":{"name":"t","changeableAttributes":{"writeEnabled":"yes"}}})")
        << u"tag.changeableAttributes.writeEnabled"_s;
    QTest::newRow("attributes as array")
        << Parser::Repository << QByteArray(R"({"changeableAttributes":[]})")
        << u"changeableAttributes"_s;
    QTest::newRow("tag name as number")
        << Parser::Tag << QByteArray(R"({"tag":{"name":5}})") << u"tag.name"_s;
    QTest::newRow("tag name missing")
        << Parser::Tag << QByteArray(R"({"tag":{"digest":null}})") << u"tag.name"_s;
    QTest::newRow("tag name empty")
        << Parser::Tag << QByteArray(R"({"tag":{"name":""}})") << u"tag.name"_s;
    QTest::newRow("tag digest empty")
        << Parser::Tag << QByteArray(R"({"tag":{"name":"t","digest":""}})") << u"tag.digest"_s;
    QTest::newRow("tag not an object") << Parser::Tag << QByteArray(R"({"tag":[]})") << u"tag"_s;
    QTest::newRow("tag missing") << Parser::Tag << QByteArray(R"({"imageName":"x"})") << u"tag"_s;
    QTest::newRow("time as number")
        << Parser::Tag << QByteArray(R"({"tag":{"name":"t","createdTime":1}})")
        << u"tag.createdTime"_s;
    QTest::newRow("time unparsable")
        << Parser::Tag << QByteArray(R"({"tag":{"name":"t","lastUpdateTime":"yesterday"}})")
        << u"tag.lastUpdateTime"_s;
    QTest::newRow("bad digest") << Parser::Tag
                                << QByteArray(R"({"tag":{"name":"t","digest":"sha256:xyz"}})")
                                << u"tag.digest"_s;
    QTest::newRow("signed as string")
        << Parser::Tag << QByteArray(R"({"tag":{"name":"t","signed":"true"}})") << u"tag.signed"_s;
    QTest::newRow("image size as string")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","imageSize":"12"}})")
        << u"manifest.imageSize"_s;
    QTest::newRow("negative image size")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","imageSize":-1}})")
        << u"manifest.imageSize"_s;
    QTest::newRow("fractional image size")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","imageSize":1.5}})")
        << u"manifest.imageSize"_s;
    QTest::newRow("manifest digest missing")
        << Parser::Manifest << QByteArray(R"({"manifest":{"os":"linux"}})") << u"manifest.digest"_s;
    QTest::newRow("tags entry as number")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","tags":["a",1]}})")
        << u"manifest.tags[1]"_s;
    QTest::newRow("reference digest as number")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","references":[{"digest":5}]}})")
        << u"manifest.references[0].digest"_s;
    QTest::newRow("references as string")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","references":"x"}})")
        << u"manifest.references"_s;
    QTest::newRow("count as string")
        << Parser::Repository << QByteArray(R"({"manifestCount":"2"})") << u"manifestCount"_s;
    QTest::newRow("count beyond int")
        << Parser::Repository << QByteArray(R"({"tagCount":30000000000})") << u"tagCount"_s;
    QTest::newRow("registry as object")
        << Parser::Repository << QByteArray(R"({"registry":{}})") << u"registry"_s;
    QTest::newRow("repositories as string")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":"a"})") << u"repositories"_s;
    QTest::newRow("repository entry as number")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":["a",2]})")
        << u"repositories[1]"_s;
    QTest::newRow("link as number")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":[],"link":5})") << u"link"_s;
    QTest::newRow("acr tag entry name")
        << Parser::AcrTagPage << QByteArray(R"({"tags":[{"name":"a"},{"name":1}]})")
        << u"tags[1].name"_s;
    QTest::newRow("acr tag entry not object")
        << Parser::AcrTagPage << QByteArray(R"({"tags":[5]})") << u"tags[0]"_s;
    QTest::newRow("acr tags as object")
        << Parser::AcrTagPage << QByteArray(R"({"tags":{}})") << u"tags"_s;
    QTest::newRow("v2 tags as string")
        << Parser::V2TagList << QByteArray(R"({"name":"a","tags":"x"})") << u"tags"_s;
    QTest::newRow("v2 tag entry null")
        << Parser::V2TagList << QByteArray(R"({"name":"a","tags":[null]})") << u"tags[0]"_s;
    QTest::newRow("v2 name as number")
        << Parser::V2TagList << QByteArray(R"({"name":5,"tags":[]})") << u"name"_s;
    QTest::newRow("acr manifest entry digest")
        << Parser::AcrManifestPage << QByteArray(R"({"manifests":[{"digest":"sha256:bad"}]})")
        << u"manifests[0].digest"_s;
    QTest::newRow("acr manifest entry lock")
        << Parser::AcrManifestPage
        << QByteArray(R"({"manifests":[{"digest":")" + d
                      + R"(","changeableAttributes":{"readEnabled":1}}]})")
        << u"manifests[0].changeableAttributes.readEnabled"_s;
}

void tst_Attributes::wrongTypesNameTheField()
{
    QFETCH(Parser, parser);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    const RegistryError error = errorOf(parser, body);
    QCOMPARE(error.code, ErrorCode::InvalidResponse);
    const QString quoted = u'"' + field + u'"';
    QVERIFY2(error.message.contains(quoted), qPrintable(error.message));
}

void tst_Attributes::brokenBodiesAreInvalidResponse_data()
{
    addColumns<Parser, QByteArray>("parser", "body");

    const QByteArray tag = Test::specResponseBody(u"GetTagAttributes"_s);
    const QByteArray manifest = Test::specResponseBody(u"GetManifestAttributes"_s);
    const QByteArray repo = Test::specResponseBody(u"GetRepositoryAttributes"_s);
    const QByteArray list = Test::specResponseBody(u"GetRepositoryList"_s);
    QTest::newRow("truncated tag") << Parser::Tag << tag.left(tag.size() / 2);
    QTest::newRow("truncated manifest") << Parser::Manifest << manifest.left(manifest.size() - 1);
    QTest::newRow("truncated repository") << Parser::Repository << repo.left(20);
    QTest::newRow("truncated list") << Parser::RepositoryPage << list.left(list.size() - 2);
    QTest::newRow("truncated acr tags")
        << Parser::AcrTagPage << QByteArray(R"({"tags":[{"name":"a"},)");
    QTest::newRow("truncated v2 tags")
        << Parser::V2TagList << QByteArray(R"({"name":"a","tags":["v)");
    QTest::newRow("truncated manifests")
        << Parser::AcrManifestPage << QByteArray(R"({"manifests":[)");
    QTest::newRow("empty body") << Parser::RepositoryPage << QByteArray();
    QTest::newRow("white space body") << Parser::Tag << QByteArray(" \n");
    QTest::newRow("html body") << Parser::V2TagList << QByteArray("<html>oops</html>");
    QTest::newRow("top-level array") << Parser::AcrTagPage << QByteArray("[]");
    QTest::newRow("top-level string") << Parser::Repository << QByteArray(R"("x")");
}

void tst_Attributes::brokenBodiesAreInvalidResponse()
{
    QFETCH(Parser, parser);
    QFETCH(QByteArray, body);
    const RegistryError error = errorOf(parser, body);
    QCOMPARE(error.code, ErrorCode::InvalidResponse);
    QVERIFY(!error.message.isEmpty());
}

void tst_Attributes::valuesOutsideTheirGrammarAreRefused_data()
{
    // shown: the bad value as the message shows it
    addColumns<Parser, QByteArray, QString, QString>("parser", "body", "field", "shown");

    const QByteArray d = "sha256:aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa";
    QTest::newRow("catalog name with escape")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":["ok","a\u001b[2Jb"]})")
        << u"repositories[1]"_s << u"\"a\\x1b[2Jb\""_s;
    QTest::newRow("catalog name with newline")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":["a\nberth-cli: OK"]})")
        << u"repositories[0]"_s << u"\"a\\nberth-cli: OK\""_s;
    QTest::newRow("catalog name with right-to-left override")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":["gpj.\u202eexe"]})")
        << u"repositories[0]"_s << u"\"gpj.\\u202eexe\""_s;
    QTest::newRow("catalog name upper case")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":["Team/App"]})")
        << u"repositories[0]"_s << u"\"Team/App\""_s;
    QTest::newRow("catalog name empty")
        << Parser::RepositoryPage << QByteArray(R"({"repositories":[""]})") << u"repositories[0]"_s
        << u"\"\""_s;
    QTest::newRow("v2 tag with bell")
        << Parser::V2TagList << QByteArray(R"({"name":"a","tags":["v1","v2\u0007"]})")
        << u"tags[1]"_s << u"\"v2\\x07\""_s;
    QTest::newRow("v2 tag with c1 csi")
        << Parser::V2TagList << QByteArray(R"({"name":"a","tags":["\u009b31m"]})") << u"tags[0]"_s
        << u"\"\\u009b31m\""_s;
    QTest::newRow("acr tag name with override")
        << Parser::AcrTagPage << QByteArray(R"({"tags":[{"name":"v1\u202e"}]})")
        << u"tags[0].name"_s << u"\"v1\\u202e\""_s;
    QTest::newRow("tag attributes name with newline")
        << Parser::Tag << QByteArray(R"({"tag":{"name":"v1\nx"}})") << u"tag.name"_s
        << u"\"v1\\nx\""_s;
    QTest::newRow("tag name starting with a dot")
        << Parser::Tag << QByteArray(R"({"tag":{"name":".v1"}})") << u"tag.name"_s << u"\".v1\""_s;
    QTest::newRow("manifest tag with escape")
        << Parser::Manifest
        << QByteArray(R"({"manifest":{"digest":")" + d + R"(","tags":["ok","\u001b]0;x\u0007"]}})")
        << u"manifest.tags[1]"_s << u"\"\\x1b]0;x\\x07\""_s;
    QTest::newRow("acr manifest page tag with separator")
        << Parser::AcrManifestPage
        << QByteArray(R"({"manifests":[{"digest":")" + d + R"(","tags":["a\u2028b"]}]})")
        << u"manifests[0].tags[0]"_s << u"\"a\\u2028b\""_s;
    QTest::newRow("manifest digest with escape")
        << Parser::Manifest << QByteArray(R"({"manifest":{"digest":"sha256:\u001b[2J"}})")
        << u"manifest.digest"_s << u"\"sha256:\\x1b[2J\""_s;
    QTest::newRow("reference digest with override")
        << Parser::AcrManifestPage
        << QByteArray(R"({"manifests":[{"digest":")" + d
                      + R"(","references":[{"digest":"sha256:\u202e"}]}]})")
        << u"manifests[0].references[0].digest"_s << u"\"sha256:\\u202e\""_s;
    QTest::newRow("repository attributes image name")
        << Parser::Repository << QByteArray(R"({"imageName":"repo\u001b[2J"})") << u"imageName"_s
        << u"\"repo\\x1b[2J\""_s;
    QTest::newRow("long value is cut")
        << Parser::RepositoryPage
        << QByteArray(R"({"repositories":[")" + QByteArray(300, 'A') + R"("]})")
        << u"repositories[0]"_s << u"\""_s + QString(80, u'A') + u"\u2026\""_s;
}

// Values with a grammar are refused when they do not match it; the message names the field
// and shows the value escaped, on one line.
void tst_Attributes::valuesOutsideTheirGrammarAreRefused()
{
    QFETCH(Parser, parser);
    QFETCH(QByteArray, body);
    QFETCH(QString, field);
    QFETCH(QString, shown);
    const RegistryError error = errorOf(parser, body);
    QCOMPARE(error.code, ErrorCode::InvalidResponse);
    QVERIFY2(error.message.contains(u'"' + field + u'"'), qPrintable(error.message));
    QVERIFY2(error.message.contains(shown), qPrintable(error.message));
    for (QChar c : error.message)
        QVERIFY2(c.unicode() >= 0x20 && c.category() != QChar::Other_Format
                     && (c.unicode() < 0x7f || c.unicode() > 0x9f),
                 qPrintable(error.message));
}

QTEST_GUILESS_MAIN(tst_Attributes)
#include "tst_attributes.moc"
