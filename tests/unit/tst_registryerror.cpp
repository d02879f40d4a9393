// An error's kind is decided by its code and HTTP status, never by its message text: Berth
// translates its messages (German says "Geltungsbereich", not "scope") and registries write
// theirs freely.

#include "core/registryerror.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;

Q_DECLARE_METATYPE(Berth::RegistryError)
Q_DECLARE_METATYPE(Berth::ErrorKind)

namespace Berth {
// For QCOMPARE's failure message.
char *toString(ErrorKind kind)
{
    static const char *const names[] = {
        "Transient",  "RangeMismatch",   "SessionGone",     "DigestInvalid",
        "Permission", "Locked",          "Unauthorized",    "NotFound",
        "Aborted",    "InvalidArgument", "InvalidResponse", "Other",
    };
    return qstrdup(names[int(kind)]);
}
} // namespace Berth

namespace {
RegistryError
error(int status, const QString &code, const QString &message = {}, bool scope = false)
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
    void kind_data()
    {
        addColumns<RegistryError, ErrorKind>("error", "kind");
        const QString unknown = ErrorCode::Unknown;
        QTest::newRow("cut connection") << error(0, ErrorCode::Network) << ErrorKind::Transient;
        QTest::newRow("timeout") << error(0, ErrorCode::Timeout) << ErrorKind::Transient;
        QTest::newRow("TLS") << error(0, ErrorCode::Tls) << ErrorKind::Other;
        for (const int status : {429, 500, 502, 503, 504})
            QTest::addRow("%d", status) << error(status, unknown) << ErrorKind::Transient;
        QTest::newRow("501") << error(501, QStringLiteral("SERVER_ERROR")) << ErrorKind::Other;
        QTest::newRow("503 whatever its code says")
            << error(503, ErrorCode::Denied) << ErrorKind::Transient;
        QTest::newRow("416") << error(416, unknown) << ErrorKind::RangeMismatch;
        QTest::newRow("BLOB_UPLOAD_UNKNOWN")
            << error(404, ErrorCode::BlobUploadUnknown) << ErrorKind::SessionGone;
        QTest::newRow("BLOB_UPLOAD_INVALID")
            << error(400, ErrorCode::BlobUploadInvalid) << ErrorKind::SessionGone;
        QTest::newRow("DIGEST_INVALID")
            << error(400, ErrorCode::DigestInvalid) << ErrorKind::DigestInvalid;
        QTest::newRow("403") << error(403, unknown) << ErrorKind::Permission;
        QTest::newRow("DENIED on a 401") << error(401, ErrorCode::Denied) << ErrorKind::Permission;
        QTest::newRow("DENIED on a 405") << error(405, ErrorCode::Denied) << ErrorKind::Permission;
        QTest::newRow("insufficient scope, in German")
            << error(401, ErrorCode::Unauthorized,
                     QStringLiteral("Den Anmeldedaten fehlt die nötige Berechtigung "
                                    "(unzureichender Geltungsbereich)."),
                     true)
            << ErrorKind::Permission;
        QTest::newRow("wrong password, 'scope' in the registry's text")
            << error(401, ErrorCode::Unauthorized,
                     QStringLiteral("The registry refused the credentials: token scope invalid"))
            << ErrorKind::Unauthorized;
        QTest::newRow("401 with another code") << error(401, unknown) << ErrorKind::Unauthorized;
        QTest::newRow("403 UNAUTHORIZED")
            << error(403, ErrorCode::Unauthorized) << ErrorKind::Permission;
        QTest::newRow("ACR 405") << error(405, QStringLiteral("REGISTRY_DISALLOWED_OPERATION"))
                                 << ErrorKind::Locked;
        QTest::newRow("a lock's code on a 403")
            << error(403, QStringLiteral("REGISTRY_DISALLOWED_OPERATION")) << ErrorKind::Locked;
        QTest::newRow("lock code alone")
            << error(400, QStringLiteral("OPERATION_NOT_ALLOWED")) << ErrorKind::Locked;
        QTest::newRow("405 alone") << error(405, ErrorCode::Unsupported) << ErrorKind::Locked;
        QTest::newRow("'not allowed' in the text only")
            << error(400, unknown, QStringLiteral("operation not allowed")) << ErrorKind::Other;
        QTest::newRow("404") << error(404, ErrorCode::NameUnknown, QStringLiteral("scope"))
                             << ErrorKind::NotFound;
        QTest::newRow("404 without a code") << error(404, unknown) << ErrorKind::NotFound;
        QTest::newRow("TAG_UNKNOWN") << error(0, ErrorCode::TagUnknown) << ErrorKind::NotFound;
        QTest::newRow("MANIFEST_UNKNOWN")
            << error(0, ErrorCode::ManifestUnknown) << ErrorKind::NotFound;
        QTest::newRow("aborted") << error(0, ErrorCode::Aborted) << ErrorKind::Aborted;
        QTest::newRow("invalid argument")
            << error(0, ErrorCode::InvalidArgument) << ErrorKind::InvalidArgument;
        for (const QString &code :
             {ErrorCode::InvalidResponse, ErrorCode::TooLarge, ErrorCode::RedirectLoop,
              ErrorCode::PagingLoop, ErrorCode::DigestMismatch})
            QTest::newRow(qPrintable(code)) << error(200, code) << ErrorKind::InvalidResponse;
        QTest::newRow("'timeout' in the text only")
            << error(400, unknown, QStringLiteral("timeout, try again")) << ErrorKind::Other;
    }
    void kind()
    {
        QFETCH(RegistryError, error);
        QFETCH(ErrorKind, kind);
        QCOMPARE(error.kind(), kind);
    }
};

QTEST_GUILESS_MAIN(tst_RegistryError)
#include "tst_registryerror.moc"
