#include "auth/challenge.h"
#include "fixtures/datatable.h"

#include <QRandomGenerator>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

namespace {

// "scheme{k=v,k=v}" per challenge, parameters sorted, challenges joined by " | ";
// a token68 shows as "scheme[token68]".
QString describe(const QList<AuthChallenge> &challenges)
{
    QStringList parts;
    for (const AuthChallenge &c : challenges) {
        QString text = c.scheme;
        if (!c.token68.isEmpty())
            text += u'[' + c.token68 + u']';
        QStringList params;
        for (auto it = c.params.cbegin(); it != c.params.cend(); ++it)
            params.append(it.key() + u'=' + it.value());
        params.sort();
        if (!params.isEmpty())
            text += u'{' + params.join(u',') + u'}';
        parts.append(text);
    }
    return parts.join(QLatin1String(" | "));
}

} // namespace

class tst_Challenge : public QObject
{
    Q_OBJECT

private slots:
    void parsesHeaderIntoChallenges_data();
    void parsesHeaderIntoChallenges();
    void acrBearerChallengeExposesRealmServiceScope();
    void insufficientScopeErrorIsReadable();
    void arbitraryBytesNeverCrashAndYieldLowerCaseSchemes();
};

void tst_Challenge::parsesHeaderIntoChallenges_data()
{
    addColumns<QByteArray, QString>("header", "expected");

    QTest::newRow("acr bearer")
        << QByteArray(
               R"(Bearer realm="https://r.azurecr.io/oauth2/token",service="r.azurecr.io",scope="repository:app:pull")")
        << u"bearer{realm=https://r.azurecr.io/oauth2/token,scope=repository:app:pull,service=r.azurecr.io}"_s;
    QTest::newRow("comma inside quoted scope")
        << QByteArray(R"(Bearer realm="https://r/t",scope="repository:a:pull,push")")
        << u"bearer{realm=https://r/t,scope=repository:a:pull,push}"_s;
    QTest::newRow("equals inside quoted value")
        << QByteArray(R"(Bearer realm="https://r/t?a=b&c=d")")
        << u"bearer{realm=https://r/t?a=b&c=d}"_s;
    QTest::newRow("space separated scopes")
        << QByteArray(R"(Bearer scope="repository:a:pull repository:b:pull")")
        << u"bearer{scope=repository:a:pull repository:b:pull}"_s;
    QTest::newRow("two challenges joined by Qt")
        << QByteArray(R"(Basic realm="Registry", Bearer realm="https://r/t",service="r")")
        << u"basic{realm=Registry} | bearer{realm=https://r/t,service=r}"_s;
    QTest::newRow("three challenges, no spaces")
        << QByteArray(R"(Basic realm="a",Bearer realm="b",Digest realm="c",qop="auth,auth-int")")
        << u"basic{realm=a} | bearer{realm=b} | digest{qop=auth,auth-int,realm=c}"_s;
    QTest::newRow("scheme and names are case-insensitive")
        << QByteArray(R"(BEARER Realm="https://r/t", SERVICE="r", ScOpE="x")")
        << u"bearer{realm=https://r/t,scope=x,service=r}"_s;
    QTest::newRow("value case is kept")
        << QByteArray(R"(Basic realm="My Registry")") << u"basic{realm=My Registry}"_s;
    QTest::newRow("backslash escapes") << QByteArray(R"(Basic realm="a \"quoted\" \\ b\c")")
                                       << u"basic{realm=a \"quoted\" \\ bc}"_s;
    QTest::newRow("unquoted token values") << QByteArray("Bearer realm=simple, service=r.io")
                                           << u"bearer{realm=simple,service=r.io}"_s;
    QTest::newRow("unquoted url value")
        << QByteArray("Bearer realm=https://r.io/oauth2/token,service=r.io")
        << u"bearer{realm=https://r.io/oauth2/token,service=r.io}"_s;
    QTest::newRow("white space around equals")
        << QByteArray("Bearer realm = \"x\" ,\tservice\t=\ty") << u"bearer{realm=x,service=y}"_s;
    QTest::newRow("empty quoted value") << QByteArray(R"(Bearer realm="")") << u"bearer{realm=}"_s;
    QTest::newRow("token68") << QByteArray("Negotiate YIIB3gYGKwYBBQUCoIIB0jCCAc6g==")
                             << u"negotiate[YIIB3gYGKwYBBQUCoIIB0jCCAc6g==]"_s;
    QTest::newRow("token68 then challenge") << QByteArray(R"(Negotiate abc=, Bearer realm="x")")
                                            << u"negotiate[abc=] | bearer{realm=x}"_s;
    QTest::newRow("bare scheme") << QByteArray("Basic") << u"basic"_s;
    QTest::newRow("bare scheme then challenge")
        << QByteArray(R"(Negotiate, Basic realm="x")") << u"negotiate | basic{realm=x}"_s;
    QTest::newRow("empty list elements") << QByteArray(R"( , ,Bearer realm="x",, ,service="y" ,, )")
                                         << u"bearer{realm=x,service=y}"_s;
    QTest::newRow("duplicate parameter keeps the first")
        << QByteArray(R"(Bearer realm="first", realm="second")") << u"bearer{realm=first}"_s;
    QTest::newRow("utf-8 in quoted value")
        << QByteArray("Basic realm=\"Z\xc3\xbcrich\"") << u"basic{realm=Z\u00fcrich}"_s;
    QTest::newRow("empty header") << QByteArray() << QString();
    QTest::newRow("only separators") << QByteArray(" ,\t, ") << QString();
    QTest::newRow("unterminated quote ends with the header")
        << QByteArray(R"(Bearer realm="https://r/t,service="r")")
        << u"bearer{realm=https://r/t,service=}"_s;
    QTest::newRow("junk after a value is skipped")
        << QByteArray(R"(Bearer realm="a"junk, service="s")") << u"bearer{realm=a,service=s}"_s;
    QTest::newRow("junk before a challenge is skipped")
        << QByteArray(R"("oops", Bearer realm="x")") << u"bearer{realm=x}"_s;
    QTest::newRow("junk where a parameter should be")
        << QByteArray(R"(Bearer ;;;, realm="x")") << u"bearer{realm=x}"_s;
    QTest::newRow("trailing backslash") << QByteArray("Basic realm=\"a\\") << u"basic{realm=a\\}"_s;
    QTest::newRow("parameter without value")
        << QByteArray("Bearer realm=, service=x") << u"bearer{realm=,service=x}"_s;
}

void tst_Challenge::parsesHeaderIntoChallenges()
{
    QFETCH(QByteArray, header);
    QFETCH(QString, expected);
    QCOMPARE(describe(parseChallenges(header)), expected);
}

void tst_Challenge::acrBearerChallengeExposesRealmServiceScope()
{
    const QList<AuthChallenge> challenges = parseChallenges(
        R"(Bearer realm="https://myreg.azurecr.io/oauth2/token",service="myreg.azurecr.io",scope="repository:team/app:pull,push")");
    QCOMPARE(challenges.size(), 1);
    const AuthChallenge &c = challenges.first();
    QCOMPARE(c.scheme, u"bearer"_s);
    QCOMPARE(c.realm(), u"https://myreg.azurecr.io/oauth2/token"_s);
    QCOMPARE(c.service(), u"myreg.azurecr.io"_s);
    QCOMPARE(c.scope(), u"repository:team/app:pull,push"_s);
    QVERIFY(c.error().isEmpty());
    QVERIFY(c.token68.isEmpty());
}

void tst_Challenge::insufficientScopeErrorIsReadable()
{
    const QList<AuthChallenge> challenges = parseChallenges(
        R"(Bearer realm="https://r/t",service="r",scope="repository:a:push",error="insufficient_scope")");
    QCOMPARE(challenges.size(), 1);
    QCOMPARE(challenges.first().error(), u"insufficient_scope"_s);
}

void tst_Challenge::arbitraryBytesNeverCrashAndYieldLowerCaseSchemes()
{
    // Deterministic pseudo-random inputs drawn from the characters that matter to the parser.
    const QByteArray alphabet("Bb \t,=\"\\;a/:1~+.\xff\x00", 18);
    QRandomGenerator random(7235);
    for (int round = 0; round < 5000; ++round) {
        QByteArray header;
        const int length = random.bounded(64);
        for (int i = 0; i < length; ++i)
            header.append(alphabet.at(random.bounded(alphabet.size())));
        const QList<AuthChallenge> challenges = parseChallenges(header);
        for (const AuthChallenge &c : challenges) {
            QVERIFY(!c.scheme.isEmpty());
            QCOMPARE(c.scheme, c.scheme.toLower());
            for (auto it = c.params.cbegin(); it != c.params.cend(); ++it)
                QCOMPARE(it.key(), it.key().toLower());
        }
    }
}

QTEST_GUILESS_MAIN(tst_Challenge)
#include "tst_challenge.moc"
