#include "core/linkheader.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

class tst_LinkHeader : public QObject
{
    Q_OBJECT

private slots:
    void findsNextAndResolvesAgainstBase_data();
    void findsNextAndResolvesAgainstBase();
    void emptyBaseKeepsRelativeTarget();
};

void tst_LinkHeader::findsNextAndResolvesAgainstBase_data()
{
    addColumns<QByteArray, QUrl, QUrl>("header", "base", "expected");

    const QUrl acr(u"https://r.azurecr.io/acr/v1/_catalog?n=100"_s);
    const QUrl tags(u"https://r.io/v2/team/app/tags/list?n=2"_s);

    QTest::newRow("acr relative catalog link")
        << QByteArray(R"(</acr/v1/_catalog?last=x&n=100&orderby=>; rel="next")") << acr
        << QUrl(u"https://r.azurecr.io/acr/v1/_catalog?last=x&n=100&orderby="_s);
    QTest::newRow("distribution relative tags link")
        << QByteArray(R"(</v2/team/app/tags/list?last=b&n=2>; rel="next")") << tags
        << QUrl(u"https://r.io/v2/team/app/tags/list?last=b&n=2"_s);
    QTest::newRow("absolute link, other host kept")
        << QByteArray(R"(<https://other.example/v2/_catalog?last=a>; rel="next")") << acr
        << QUrl(u"https://other.example/v2/_catalog?last=a"_s);
    QTest::newRow("path-relative link") << QByteArray("<list?last=b>; rel=next") << tags
                                        << QUrl(u"https://r.io/v2/team/app/tags/list?last=b"_s);
    QTest::newRow("unquoted rel") << QByteArray("</p2>; rel=next") << acr
                                  << QUrl(u"https://r.azurecr.io/p2"_s);
    QTest::newRow("rel is case-insensitive")
        << QByteArray(R"(</p2>; REL="NEXT")") << acr << QUrl(u"https://r.azurecr.io/p2"_s);
    QTest::newRow("several relation types")
        << QByteArray(R"(</p2>; rel="prefetch next")") << acr << QUrl(u"https://r.azurecr.io/p2"_s);
    QTest::newRow("next is the second link")
        << QByteArray(R"(</p1>; rel="prev", </p3>; rel="next")") << acr
        << QUrl(u"https://r.azurecr.io/p3"_s);
    QTest::newRow("other parameters around rel")
        << QByteArray(R"(</p2>; title="a, b; c"; rel="next"; type="application/json")") << acr
        << QUrl(u"https://r.azurecr.io/p2"_s);
    QTest::newRow("comma and semicolon inside target")
        << QByteArray(R"(</p?a=1,2;b=3>; rel="next")") << acr
        << QUrl(u"https://r.azurecr.io/p?a=1,2;b=3"_s);
    QTest::newRow("generous white space") << QByteArray(" \t</p2> \t;\t rel = \"next\" \t") << acr
                                          << QUrl(u"https://r.azurecr.io/p2"_s);
    QTest::newRow("malformed link after next does not matter")
        << QByteArray(R"(</p2>; rel="next", garbage)") << acr << QUrl(u"https://r.azurecr.io/p2"_s);

    QTest::newRow("empty header") << QByteArray() << acr << QUrl();
    QTest::newRow("only prev") << QByteArray(R"(</p0>; rel="prev")") << acr << QUrl();
    QTest::newRow("no rel at all") << QByteArray("</p2>") << acr << QUrl();
    QTest::newRow("next-ish relation is not next")
        << QByteArray(R"(</p2>; rel="nextpage")") << acr << QUrl();
    QTest::newRow("only the first rel counts")
        << QByteArray(R"(</p2>; rel="prev"; rel="next")") << acr << QUrl();
    QTest::newRow("missing angle brackets") << QByteArray(R"(/p2; rel="next")") << acr << QUrl();
    QTest::newRow("unclosed angle bracket") << QByteArray(R"(</p2; rel="next")") << acr << QUrl();
    QTest::newRow("unterminated quoted rel") << QByteArray(R"(</p2>; rel="next)") << acr << QUrl();
    QTest::newRow("junk instead of parameters")
        << QByteArray(R"(</p2> rel="next")") << acr << QUrl();
    QTest::newRow("malformed link before next")
        << QByteArray(R"(junk, </p2>; rel="next")") << acr << QUrl();
    QTest::newRow("empty target") << QByteArray(R"(<>; rel="next")") << acr << QUrl();
}

void tst_LinkHeader::findsNextAndResolvesAgainstBase()
{
    QFETCH(QByteArray, header);
    QFETCH(QUrl, base);
    QFETCH(QUrl, expected);
    QCOMPARE(parseNextLink(header, base), expected);
}

void tst_LinkHeader::emptyBaseKeepsRelativeTarget()
{
    const QUrl next = parseNextLink(R"(</acr/v1/r/_tags?last=v1&n=5>; rel="next")", QUrl());
    QVERIFY(next.isRelative());
    QCOMPARE(next.path(), u"/acr/v1/r/_tags"_s);
    QCOMPARE(next.query(), u"last=v1&n=5"_s);
}

QTEST_GUILESS_MAIN(tst_LinkHeader)
#include "tst_linkheader.moc"
