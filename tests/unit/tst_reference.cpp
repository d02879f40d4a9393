#include "core/reference.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

Q_DECLARE_METATYPE(Berth::ReferenceNeeds)

namespace {
const QString D256 = u"sha256:"_s + QString(64, u'a');
const QString D512 = u"sha512:"_s + QString(128, u'0');
} // namespace

class tst_Reference : public QObject
{
    Q_OBJECT

private slots:
    void splitsValidReferences_data();
    void splitsValidReferences();
    void rejectsInvalidReferencesWithInvalidArgument_data();
    void rejectsInvalidReferencesWithInvalidArgument();
    void enforcesWhatTheCallerNeeds_data();
    void enforcesWhatTheCallerNeeds();
    void registryInTheReferenceIsExplained();
    void repositoryNameGrammar_data();
    void repositoryNameGrammar();
    void tagGrammar_data();
    void tagGrammar();
    void digestGrammar_data();
    void digestGrammar();
    void referencePrefersDigestOverTag();
};

void tst_Reference::splitsValidReferences_data()
{
    addColumns<QString, QString, QString, QString>("text", "repository", "tag", "digest");

    QTest::newRow("bare repo") << u"hello-world"_s << u"hello-world"_s << QString() << QString();
    QTest::newRow("repo:tag") << u"app:v1.2.3"_s << u"app"_s << u"v1.2.3"_s << QString();
    QTest::newRow("namespaced repo:tag")
        << u"a/b/c:latest"_s << u"a/b/c"_s << u"latest"_s << QString();
    QTest::newRow("repo@digest") << u"team/app@"_s + D256 << u"team/app"_s << QString() << D256;
    QTest::newRow("repo:tag@digest")
        << u"team/app:v1@"_s + D256 << u"team/app"_s << u"v1"_s << D256;
    QTest::newRow("sha512 digest") << u"app@"_s + D512 << u"app"_s << QString() << D512;
    QTest::newRow("separators") << u"my.app/some__thing/a-b--c_d:T_1.x-y"_s
                                << u"my.app/some__thing/a-b--c_d"_s << u"T_1.x-y"_s << QString();
    QTest::newRow("tag of 128 characters")
        << u"app:"_s + QString(128, u'x') << u"app"_s << QString(128, u'x') << QString();
    QTest::newRow("tag starting with underscore")
        << u"app:_x"_s << u"app"_s << u"_x"_s << QString();
    QTest::newRow("numeric components") << u"0/1:2"_s << u"0/1"_s << u"2"_s << QString();
}

void tst_Reference::splitsValidReferences()
{
    QFETCH(QString, text);
    QFETCH(QString, repository);
    QFETCH(QString, tag);
    QFETCH(QString, digest);

    const Result<Reference> ref = parseReference(text);
    QVERIFY2(ref.has_value(), qPrintable(ref ? QString() : ref.error().message));
    QCOMPARE(ref->repository, repository);
    QCOMPARE(ref->tag, tag);
    QCOMPARE(ref->digest, digest);
    QCOMPARE(ref->toString(), text);
}

void tst_Reference::rejectsInvalidReferencesWithInvalidArgument_data()
{
    addColumns<QString>("text");

    QTest::newRow("empty") << QString();
    QTest::newRow("upper-case repo") << u"Team/app"_s;
    QTest::newRow("empty tag") << u"app:"_s;
    QTest::newRow("empty digest") << u"app@"_s;
    QTest::newRow("no repository, only tag") << u":v1"_s;
    QTest::newRow("no repository, only digest") << u"@"_s + D256;
    QTest::newRow("tag starting with dot") << u"app:.v1"_s;
    QTest::newRow("tag starting with dash") << u"app:-v1"_s;
    QTest::newRow("tag of 129 characters") << u"app:"_s + QString(129, u'x');
    QTest::newRow("two colons") << u"app:a:b"_s;
    QTest::newRow("short digest") << u"app@sha256:abc"_s;
    QTest::newRow("upper-case digest") << u"app@sha256:"_s + QString(64, u'A');
    QTest::newRow("unknown digest algorithm") << u"app@md5:"_s + QString(32, u'a');
    QTest::newRow("two at signs") << u"app@"_s + D256 + u"@"_s + D256;
    QTest::newRow("leading slash") << u"/app"_s;
    QTest::newRow("trailing slash") << u"app/"_s;
    QTest::newRow("double slash") << u"a//b"_s;
    QTest::newRow("leading separator") << u"-app"_s;
    QTest::newRow("trailing separator") << u"app."_s;
    QTest::newRow("two dots") << u"a..b"_s;
    QTest::newRow("three underscores") << u"a___b"_s;
    QTest::newRow("mixed separators") << u"a._b"_s;
    QTest::newRow("white space") << u" app"_s;
    QTest::newRow("non-ASCII") << u"\u00e4pp"_s;
    QTest::newRow("registry host with port") << u"myreg.io:5000/app:v1"_s;
    QTest::newRow("name over 255 characters") << QString(256, u'a');
}

void tst_Reference::rejectsInvalidReferencesWithInvalidArgument()
{
    QFETCH(QString, text);
    const Result<Reference> ref = parseReference(text);
    QVERIFY(!ref.has_value());
    QCOMPARE(ref.error().code, ErrorCode::InvalidArgument);
    QVERIFY(!ref.error().message.isEmpty());
    QCOMPARE(ref.error().httpStatus, 0);
}

void tst_Reference::enforcesWhatTheCallerNeeds_data()
{
    addColumns<QString, ReferenceNeeds, bool>("text", "needs", "ok");

    const QString tagged = u"app:v1"_s;
    const QString pinned = u"app@"_s + D256;
    const QString both = u"app:v1@"_s + D256;
    QTest::newRow("bare, nothing") << u"app"_s << ReferenceNeeds::Nothing << true;
    QTest::newRow("bare, tag or digest") << u"app"_s << ReferenceNeeds::TagOrDigest << false;
    QTest::newRow("bare, tag") << u"app"_s << ReferenceNeeds::Tag << false;
    QTest::newRow("bare, digest") << u"app"_s << ReferenceNeeds::Digest << false;
    QTest::newRow("tagged, tag or digest") << tagged << ReferenceNeeds::TagOrDigest << true;
    QTest::newRow("tagged, tag") << tagged << ReferenceNeeds::Tag << true;
    QTest::newRow("tagged, digest") << tagged << ReferenceNeeds::Digest << false;
    QTest::newRow("pinned, tag or digest") << pinned << ReferenceNeeds::TagOrDigest << true;
    QTest::newRow("pinned, tag") << pinned << ReferenceNeeds::Tag << false;
    QTest::newRow("pinned, digest") << pinned << ReferenceNeeds::Digest << true;
    QTest::newRow("both, tag") << both << ReferenceNeeds::Tag << true;
    QTest::newRow("both, digest") << both << ReferenceNeeds::Digest << true;
}

void tst_Reference::enforcesWhatTheCallerNeeds()
{
    QFETCH(QString, text);
    QFETCH(ReferenceNeeds, needs);
    QFETCH(bool, ok);
    const Result<Reference> ref = parseReference(text, needs);
    QCOMPARE(ref.has_value(), ok);
    if (!ok)
        QCOMPARE(ref.error().code, ErrorCode::InvalidArgument);
}

void tst_Reference::registryInTheReferenceIsExplained()
{
    const Result<Reference> ref = parseReference(u"myreg.azurecr.io:443/app:v1"_s);
    QVERIFY(!ref);
    QVERIFY2(ref.error().message.contains(u"registry"_s), qPrintable(ref.error().message));
}

void tst_Reference::repositoryNameGrammar_data()
{
    addColumns<QString, bool>("name", "valid");

    QTest::newRow("simple") << u"alpine"_s << true;
    QTest::newRow("namespaced") << u"production/alpine"_s << true;
    QTest::newRow("dash run") << u"a---b"_s << true;
    QTest::newRow("double underscore") << u"a__b"_s << true;
    QTest::newRow("dot") << u"a.b"_s << true;
    QTest::newRow("255 characters") << QString(255, u'a') << true;
    QTest::newRow("256 characters") << QString(256, u'a') << false;
    QTest::newRow("colon") << u"a:b"_s << false;
    QTest::newRow("at") << u"a@b"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("empty component") << u"a//b"_s << false;
    QTest::newRow("upper case") << u"A"_s << false;
    QTest::newRow("escape") << u"a\x1b[2J"_s << false;
    QTest::newRow("newline") << u"a\nb"_s << false;
    QTest::newRow("right-to-left override") << u"a\u202eb"_s << false;
    QTest::newRow("fullwidth letters") << u"\uff41\uff42"_s << false;
}

void tst_Reference::repositoryNameGrammar()
{
    QFETCH(QString, name);
    QFETCH(bool, valid);
    QCOMPARE(isValidRepositoryName(name), valid);
}

void tst_Reference::tagGrammar_data()
{
    addColumns<QString, bool>("tag", "valid");

    QTest::newRow("latest") << u"latest"_s << true;
    QTest::newRow("upper case") << u"V1.0-RC_2"_s << true;
    QTest::newRow("single char") << u"1"_s << true;
    QTest::newRow("128 chars") << QString(128, u'a') << true;
    QTest::newRow("129 chars") << QString(129, u'a') << false;
    QTest::newRow("leading dot") << u".a"_s << false;
    QTest::newRow("slash") << u"a/b"_s << false;
    QTest::newRow("plus") << u"1.0+build"_s << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("bell") << u"v1\x07"_s << false;
    QTest::newRow("c1 csi") << u"\u009b31m"_s << false;
    QTest::newRow("line separator") << u"a\u2028b"_s << false;
    QTest::newRow("right-to-left override") << u"v1\u202e"_s << false;
}

void tst_Reference::tagGrammar()
{
    QFETCH(QString, tag);
    QFETCH(bool, valid);
    QCOMPARE(isValidTag(tag), valid);
}

void tst_Reference::digestGrammar_data()
{
    addColumns<QString, bool>("digest", "valid");

    QTest::newRow("sha256") << D256 << true;
    QTest::newRow("sha512") << D512 << true;
    QTest::newRow("sha256 too long") << D256 + u'a' << false;
    QTest::newRow("sha512 with 64 hex") << u"sha512:"_s + QString(64, u'a') << false;
    QTest::newRow("upper-case hex") << u"sha256:"_s + QString(64, u'F') << false;
    QTest::newRow("non-hex") << u"sha256:"_s + QString(64, u'g') << false;
    QTest::newRow("upper-case algorithm") << u"SHA256:"_s + QString(64, u'a') << false;
    QTest::newRow("no algorithm") << QString(64, u'a') << false;
    QTest::newRow("empty") << QString() << false;
    QTest::newRow("escape after the hex") << D256 + u"\x1b[2J"_s << false;
    QTest::newRow("newline after the hex") << D256 + u"\n"_s << false;
    QTest::newRow("override inside") << u"sha256:\u202e"_s + QString(63, u'a') << false;
}

void tst_Reference::digestGrammar()
{
    QFETCH(QString, digest);
    QFETCH(bool, valid);
    QCOMPARE(isValidDigest(digest), valid);
}

void tst_Reference::referencePrefersDigestOverTag()
{
    const Result<Reference> both = parseReference(u"app:v1@"_s + D256);
    QVERIFY(both);
    QCOMPARE(both->reference(), D256);
    const Result<Reference> tagged = parseReference(u"app:v1"_s);
    QVERIFY(tagged);
    QCOMPARE(tagged->reference(), u"v1"_s);
}

QTEST_GUILESS_MAIN(tst_Reference)
#include "tst_reference.moc"
