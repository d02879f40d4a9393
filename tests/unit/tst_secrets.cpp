// Secrets::scrub: every form a server could echo a secret in is masked, in messages, codes
// and details; short values are not tracked.

#include "auth/credentials.h"
#include "auth/secrets.h"
#include "fixtures/datatable.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>
#include <QUrl>

using namespace Berth;
using namespace Berth::Test;

class tst_Secrets : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void everyFormIsMasked_data()
    {
        addColumns<QString>("echo");
        const QString secret = QStringLiteral("p@ss word/+=");
        const QByteArray pair = "alice:" + secret.toUtf8();
        QTest::newRow("as given") << secret;
        QTest::newRow("percent-encoded") << QString::fromLatin1(QUrl::toPercentEncoding(secret));
        QTest::newRow("basic header") << QString::fromLatin1(pair.toBase64());
        QTest::newRow("base64 alone") << QString::fromLatin1(secret.toUtf8().toBase64());
        QTest::newRow("base64url") << QString::fromLatin1(secret.toUtf8().toBase64(
            QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
    }
    void everyFormIsMasked()
    {
        QFETCH(QString, echo);
        Secrets secrets;
        secrets.addCredentials(
            Credentials::password(QStringLiteral("alice"), QStringLiteral("p@ss word/+=")));
        const QString scrubbed = secrets.scrub(u"you sent [" + echo + u"] to us");
        QVERIFY2(!scrubbed.contains(echo), qPrintable(scrubbed));
        QVERIFY(scrubbed.contains(Secrets::Mask));
        QVERIFY(scrubbed.startsWith(u"you sent ["));
    }

    void errorsAreScrubbedThroughout()
    {
        Secrets secrets;
        secrets.add("issued-token-123");
        RegistryError error = RegistryError::make(QStringLiteral("X_issued-token-123"),
                                                  QStringLiteral("bad issued-token-123"), 401);
        error.detail = QJsonObject{
            {QStringLiteral("echo"), QJsonArray{QStringLiteral("Bearer issued-token-123")}}};
        secrets.scrub(error);
        QVERIFY(!error.code.contains(u"issued-token"));
        QVERIFY(!error.message.contains(u"issued-token"));
        QCOMPARE(error.detail.toObject().value(u"echo").toArray().first().toString(),
                 QStringLiteral("Bearer ***"));
    }

    void shortValuesAreNotTracked()
    {
        Secrets secrets;
        secrets.addCredentials(Credentials::password(QStringLiteral("u"), QStringLiteral("pw")));
        QCOMPARE(secrets.scrub(QStringLiteral("the password was refused")),
                 QStringLiteral("the password was refused"));
    }
};

QTEST_GUILESS_MAIN(tst_Secrets)
#include "tst_secrets.moc"
