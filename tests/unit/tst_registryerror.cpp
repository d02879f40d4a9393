// Refusals are classified by code and HTTP status, never by message text: Berth translates
// its messages (German says "Geltungsbereich", not "scope") and registries write theirs freely.

#include "core/registryerror.h"

#include <QTest>

using namespace Berth;

Q_DECLARE_METATYPE(Berth::RegistryError)

namespace {
RegistryError error(int status, const QString &code, const QString &message, bool scope = false)
{
    RegistryError e = RegistryError::make(code, message, status);
    e.insufficientScope = scope;
    return e;
}
} // namespace

class tst_RegistryError : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void permissionRefusal_data()
    {
        QTest::addColumn<RegistryError>("error");
        QTest::addColumn<bool>("refusal");
        QTest::newRow("403") << error(403, QStringLiteral("UNKNOWN"), {}) << true;
        QTest::newRow("DENIED") << error(401, ErrorCode::Denied, {}) << true;
        QTest::newRow("insufficient scope, in German")
            << error(401, ErrorCode::Unauthorized,
                     QStringLiteral("Den Anmeldedaten fehlt die nötige Berechtigung "
                                    "(unzureichender Geltungsbereich)."),
                     true)
            << true;
        QTest::newRow("wrong password, 'scope' in the registry's text")
            << error(401, ErrorCode::Unauthorized,
                     QStringLiteral("The registry refused the credentials: token scope invalid"))
            << false;
        QTest::newRow("404") << error(404, ErrorCode::NameUnknown, QStringLiteral("scope"))
                             << false;
        QTest::newRow("no answer") << error(0, ErrorCode::Network, {}) << false;
    }
    void permissionRefusal()
    {
        QFETCH(RegistryError, error);
        QFETCH(bool, refusal);
        QCOMPARE(isPermissionRefusal(error), refusal);
    }

    void lockRefusal_data()
    {
        QTest::addColumn<RegistryError>("error");
        QTest::addColumn<bool>("refusal");
        QTest::newRow("ACR 405") << error(405, QStringLiteral("REGISTRY_DISALLOWED_OPERATION"), {})
                                 << true;
        QTest::newRow("code alone")
            << error(400, QStringLiteral("OPERATION_NOT_ALLOWED"), {}) << true;
        QTest::newRow("'not allowed' in the text only")
            << error(400, QStringLiteral("UNKNOWN"), QStringLiteral("operation not allowed"))
            << false;
    }
    void lockRefusal()
    {
        QFETCH(RegistryError, error);
        QFETCH(bool, refusal);
        QCOMPARE(isLockRefusal(error), refusal);
    }
};

QTEST_GUILESS_MAIN(tst_RegistryError)
#include "tst_registryerror.moc"
