// Registry URLs, where secrets may go, and how long tokens are kept.

#include "auth/tokencache.h"
#include "fixtures/datatable.h"
#include "registry/connection.h"

#include <QJsonDocument>
#include <QJsonObject>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {
QByteArray jwtWithExp(qint64 exp, qint64 iat = 0)
{
    const auto part = [](const QJsonObject &o) {
        return QJsonDocument(o)
            .toJson(QJsonDocument::Compact)
            .toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals);
    };
    return part({{QStringLiteral("alg"), QStringLiteral("HS256")}}) + '.'
           + part(iat > 0 ? QJsonObject{{QStringLiteral("exp"), exp}, {QStringLiteral("iat"), iat}}
                          : QJsonObject{{QStringLiteral("exp"), exp}})
           + ".sig";
}
} // namespace

class tst_Connection : public QObject
{
    Q_OBJECT
private Q_SLOTS:
    void normalizeRegistryUrl_data()
    {
        // expected: empty: refused
        addColumns<QString, bool, QString, QString>("input", "plainHttp", "expected", "code");
        QTest::newRow("bare host")
            << QStringLiteral("myreg.azurecr.io") << false
            << QStringLiteral("https://myreg.azurecr.io") << QStringLiteral("");
        QTest::newRow("trailing slash and case")
            << QStringLiteral("https://MyReg.azurecr.io/") << false
            << QStringLiteral("https://myreg.azurecr.io") << QStringLiteral("");
        QTest::newRow("path dropped")
            << QStringLiteral("https://myreg.azurecr.io/v2/") << false
            << QStringLiteral("https://myreg.azurecr.io") << QStringLiteral("");
        QTest::newRow("port kept")
            << QStringLiteral("registry.local:5000") << false
            << QStringLiteral("https://registry.local:5000") << QStringLiteral("");
        QTest::newRow("loopback http allowed")
            << QStringLiteral("http://127.0.0.1:5000") << false
            << QStringLiteral("http://127.0.0.1:5000") << QStringLiteral("");
        QTest::newRow("localhost http allowed")
            << QStringLiteral("http://localhost:5000") << false
            << QStringLiteral("http://localhost:5000") << QStringLiteral("");
        QTest::newRow("remote http refused")
            << QStringLiteral("http://myreg.example.com") << false << QStringLiteral("")
            << QStringLiteral("INSECURE_URL");
        QTest::newRow("remote http when asked")
            << QStringLiteral("http://myreg.example.com") << true
            << QStringLiteral("http://myreg.example.com") << QStringLiteral("");
        QTest::newRow("bare host, plain asked")
            << QStringLiteral("myreg.example.com") << true
            << QStringLiteral("http://myreg.example.com") << QStringLiteral("");
        QTest::newRow("empty") << QStringLiteral("") << false << QStringLiteral("")
                               << QStringLiteral("INVALID_ARGUMENT");
        QTest::newRow("other scheme") << QStringLiteral("ftp://x.io") << false << QStringLiteral("")
                                      << QStringLiteral("INVALID_ARGUMENT");
        QTest::newRow("credentials in url")
            << QStringLiteral("https://user:pw@x.io") << false << QStringLiteral("")
            << QStringLiteral("INVALID_ARGUMENT");
    }
    void normalizeRegistryUrl()
    {
        QFETCH(QString, input);
        QFETCH(bool, plainHttp);
        QFETCH(QString, expected);
        QFETCH(QString, code);
        const Result<QUrl> url = Berth::normalizeRegistryUrl(input, plainHttp);
        if (expected.isEmpty()) {
            QVERIFY(!url);
            QCOMPARE(url.error().code, code);
            QVERIFY(!url.error().message.contains(u"pw"));
        } else {
            QVERIFY(url.has_value());
            QCOMPARE(url->toString(), expected);
        }
    }

    void secretsStayOffPlainHttpAndOtherOrigins()
    {
        ConnectionSettings settings;
        settings.registry = *Berth::normalizeRegistryUrl(QStringLiteral("myreg.azurecr.io"), false);
        auto connection = Connection::create(settings);
        QVERIFY(connection.has_value());
        std::unique_ptr<Connection> owner(*connection);
        QVERIFY(owner->isRegistryOrigin(QUrl(QStringLiteral("https://myreg.azurecr.io/v2/x"))));
        QVERIFY(owner->isRegistryOrigin(QUrl(QStringLiteral("https://myreg.azurecr.io:443/v2/x"))));
        QVERIFY(!owner->isRegistryOrigin(
            QUrl(QStringLiteral("https://storage.blob.core.windows.net/x"))));
        QVERIFY(!owner->isRegistryOrigin(QUrl(QStringLiteral("http://myreg.azurecr.io/v2/x"))));
        QVERIFY(owner->mayCarrySecrets(QUrl(QStringLiteral("https://login.example.com/token"))));
        QVERIFY(!owner->mayCarrySecrets(QUrl(QStringLiteral("http://login.example.com/token"))));
        QVERIFY(owner->mayCarrySecrets(QUrl(QStringLiteral("http://127.0.0.1:8080/token"))));
    }

    void unreadableCaFileIsAClearError()
    {
        ConnectionSettings settings;
        settings.registry = QUrl(QStringLiteral("https://x.io"));
        settings.caFile = QStringLiteral("/nonexistent/ca.pem");
        const auto connection = Connection::create(settings);
        QVERIFY(!connection);
        QCOMPARE(connection.error().code, ErrorCode::Io);
        QVERIFY(connection.error().message.contains(u"/nonexistent/ca.pem"));
    }

    void tokenExpiry_data()
    {
        // issuedAt: the token answer's issued_at, 0: none
        // expectedSecs: from now
        addColumns<QByteArray, qint64, qint64, qint64>("token", "expiresIn", "issuedAt",
                                                       "expectedSecs");
        const qint64 now = 1'700'000'000;
        QTest::newRow("jwt exp, an hour")
            << jwtWithExp(now + 3600) << qint64(0) << qint64(0) << qint64(3600 - 30);
        QTest::newRow("expires_in wins over jwt exp")
            << jwtWithExp(now + 600) << qint64(300) << qint64(0) << qint64(300 - 30);
        QTest::newRow("opaque with expires_in")
            << QByteArray("opaque") << qint64(300) << qint64(0) << qint64(300 - 30);
        QTest::newRow("opaque, docker default")
            << QByteArray("opaque") << qint64(0) << qint64(0) << qint64(60 - 30);
        QTest::newRow("short-lived keeps half")
            << jwtWithExp(now + 2) << qint64(0) << qint64(0) << qint64(1);
        QTest::newRow("garbage jwt falls back")
            << QByteArray("a.%%%.c") << qint64(0) << qint64(0) << qint64(60 - 30);
        // A local clock two hours ahead of the server's: the life the server gave counts.
        QTest::newRow("skewed clock, jwt exp - iat") << jwtWithExp(now - 7200 + 600, now - 7200)
                                                     << qint64(0) << qint64(0) << qint64(600 - 30);
        QTest::newRow("skewed clock, jwt exp - issued_at")
            << jwtWithExp(now - 7200 + 600) << qint64(0) << qint64(now - 7200) << qint64(600 - 30);
        QTest::newRow("jwt already over by the local clock: the default, not zero")
            << jwtWithExp(now - 10) << qint64(0) << qint64(0) << qint64(60 - 30);
    }
    void tokenExpiry()
    {
        QFETCH(QByteArray, token);
        QFETCH(qint64, expiresIn);
        QFETCH(qint64, issuedAt);
        QFETCH(qint64, expectedSecs);
        const QDateTime now = QDateTime::fromSecsSinceEpoch(1'700'000'000, Qt::UTC);
        const QDateTime issued
            = issuedAt > 0 ? QDateTime::fromSecsSinceEpoch(issuedAt, Qt::UTC) : QDateTime();
        QCOMPARE(now.secsTo(TokenCache::expiryOf(token, expiresIn, issued, now)), expectedSecs);
    }

    void tokenCacheIsPerServiceAndScopes()
    {
        TokenCache cache;
        const QDateTime later = QDateTime::currentDateTimeUtc().addSecs(600);
        cache.insert(QStringLiteral("reg"), {QStringLiteral("repository:a:pull")}, "A", later);
        QCOMPARE(cache.find(QStringLiteral("reg"), {QStringLiteral("repository:a:pull")}),
                 QByteArray("A"));
        QVERIFY(cache.find(QStringLiteral("reg"), {QStringLiteral("repository:b:pull")}).isEmpty());
        QVERIFY(
            cache.find(QStringLiteral("other"), {QStringLiteral("repository:a:pull")}).isEmpty());
        cache.insert(QStringLiteral("reg"), {QStringLiteral("x")}, "old",
                     QDateTime::currentDateTimeUtc().addSecs(-1));
        QVERIFY(cache.find(QStringLiteral("reg"), {QStringLiteral("x")}).isEmpty()); // expired
        cache.remove(QStringLiteral("reg"), {QStringLiteral("repository:a:pull")});
        QVERIFY(cache.find(QStringLiteral("reg"), {QStringLiteral("repository:a:pull")}).isEmpty());
    }
};

QTEST_GUILESS_MAIN(tst_Connection)
#include "tst_connection.moc"
