// Where a registry's sign-in may go (checkRealm): every credential kind against same-host,
// documented, approved and foreign realms, and the plain-http rules.

#include "auth/realmtrust.h"
#include "fixtures/datatable.h"
#include "registry/connection.h"

#include <QJsonObject>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

class tst_RealmTrust : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void rules_data()
    {
        // kind: Credentials::Kind
        // refusal: empty: allowed
        addColumns<QString, int, QStringList, bool, QString, QString>(
            "registry", "kind", "trusted", "plainHttp", "realm", "refusal");

        const int anon = int(Credentials::Kind::Anonymous);
        const int pass = int(Credentials::Kind::Password);
        const int refresh = int(Credentials::Kind::RefreshToken);
        const int aad = int(Credentials::Kind::AadToken);
        const QString acr = QStringLiteral("https://myreg.azurecr.io");
        const QString untrusted = ErrorCode::UntrustedRealm;
        const QString insecure = ErrorCode::InsecureUrl;
        const QStringList none;

        QTest::newRow("password, same origin")
            << acr << pass << none << false << "https://myreg.azurecr.io/oauth2/token"
            << "";
        QTest::newRow("password, same host other port")
            << acr << pass << none << false << "https://myreg.azurecr.io:8443/token"
            << "";
        QTest::newRow("password, other host")
            << acr << pass << none << false << "https://evil.example/token" << untrusted;
        QTest::newRow("password, host that merely ends like the registry")
            << acr << pass << none << false << "https://evilmyreg.azurecr.io/token" << untrusted;
        QTest::newRow("password, approved host")
            << acr << pass << QStringList{QStringLiteral("login.example")} << false
            << "https://login.example/token"
            << "";
        QTest::newRow("password, approved host:port")
            << acr << pass << QStringList{QStringLiteral("login.example:8443")} << false
            << "https://login.example:8443/token"
            << "";
        QTest::newRow("password, approved on another port only")
            << acr << pass << QStringList{QStringLiteral("login.example:8443")} << false
            << "https://login.example:9443/token" << untrusted;
        QTest::newRow("password, docker hub's documented token service")
            << "https://registry-1.docker.io" << pass << none << false
            << "https://auth.docker.io/token"
            << "";
        QTest::newRow("password, docker hub's service over http")
            << "https://registry-1.docker.io" << pass << none << false
            << "http://auth.docker.io/token" << insecure;
        QTest::newRow("password, auth.docker.io is not gitlab's")
            << "https://registry.gitlab.com" << pass << none << false
            << "https://auth.docker.io/token" << untrusted;
        QTest::newRow("refresh token, same origin")
            << acr << refresh << none << false << "https://myreg.azurecr.io/oauth2/token"
            << "";
        QTest::newRow("refresh token, same host other port")
            << acr << refresh << none << false << "https://myreg.azurecr.io:8443/oauth2/token"
            << untrusted;
        QTest::newRow("refresh token, approved host still refused")
            << acr << refresh << QStringList{QStringLiteral("login.example")} << false
            << "https://login.example/token" << untrusted;
        QTest::newRow("aad token, other host")
            << acr << aad << none << false << "https://evil.example/oauth2/token" << untrusted;
        QTest::newRow("aad token, same origin")
            << acr << aad << none << false << "https://myreg.azurecr.io/oauth2/token"
            << "";
        QTest::newRow("anonymous, any host")
            << acr << anon << none << false << "https://anywhere.example/token"
            << "";
        QTest::newRow("https registry, http realm on loopback")
            << "https://127.0.0.1:5000" << pass << none << false << "http://127.0.0.1:5000/token"
            << insecure;
        QTest::newRow("https registry, http realm, plain http allowed")
            << "https://127.0.0.1:5000" << pass << none << true << "http://127.0.0.1:5000/token"
            << "";
        QTest::newRow("https registry, anonymous, http realm")
            << acr << anon << none << false << "http://myreg.azurecr.io/token" << insecure;
        QTest::newRow("http loopback registry, http loopback realm")
            << "http://127.0.0.1:5000" << pass << none << false << "http://127.0.0.1:5000/token"
            << "";
        QTest::newRow("http loopback registry, http realm elsewhere")
            << "http://127.0.0.1:5000" << anon << none << false << "http://example.com/token"
            << insecure;
    }
    void rules()
    {
        QFETCH(QString, registry);
        QFETCH(int, kind);
        QFETCH(QStringList, trusted);
        QFETCH(bool, plainHttp);
        QFETCH(QString, realm);
        QFETCH(QString, refusal);
        ConnectionSettings settings;
        settings.registry = QUrl(registry);
        settings.credentials.kind = Credentials::Kind(kind);
        settings.credentials.username = QStringLiteral("user");
        settings.credentials.secret = QStringLiteral("secret");
        settings.trustedRealms = trusted;
        settings.allowPlainHttp = plainHttp;
        const std::optional<RegistryError> refused = checkRealm(settings, QUrl(realm));
        QCOMPARE(refused ? refused->code : QString(), refusal);
    }

    void refusalNamesTheRealmAndWhetherItCanBeApproved()
    {
        ConnectionSettings settings;
        settings.registry = QUrl(QStringLiteral("https://myreg.azurecr.io"));
        settings.credentials = Credentials::password(QStringLiteral("u"), QStringLiteral("p"));
        const auto refused
            = checkRealm(settings, QUrl(QStringLiteral("https://Evil.Example:8443/t")));
        QVERIFY(refused);
        QCOMPARE(refused->detail.toObject().value(u"realm").toString(),
                 QStringLiteral("evil.example:8443"));
        QCOMPARE(refused->detail.toObject().value(u"approvable").toBool(), true);
        QVERIFY(refused->message.contains(u"evil.example:8443"));
    }
};

QTEST_GUILESS_MAIN(tst_RealmTrust)
#include "tst_realmtrust.moc"
