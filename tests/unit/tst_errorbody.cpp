#include "core/errorbody.h"
#include "fixtures/datatable.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

class tst_ErrorBody : public QObject
{
    Q_OBJECT

private slots:
    void readsCodeAndMessage_data();
    void readsCodeAndMessage();
    void keepsDetailAsSent_data();
    void keepsDetailAsSent();
    void unreadableBodyFallsBackToStatus_data();
    void unreadableBodyFallsBackToStatus();
    void tenMiBTextBodyGivesShortMessage();
    void tenMiBJsonBodyIsParsed();
    void tenMiBBinaryBodyFallsBack();
    void messageIsOneLineOfAtMost300Characters();
};

void tst_ErrorBody::readsCodeAndMessage_data()
{
    addColumns<int, QByteArray, QByteArray, QString, QString>("status", "body", "contentType",
                                                              "code", "message");

    const QByteArray json("application/json; charset=utf-8");
    QTest::newRow("distribution error")
        << 404
        << QByteArray(
               R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository name not known to registry","detail":{"name":"x"}}]})")
        << json << u"NAME_UNKNOWN"_s << u"repository name not known to registry"_s;
    QTest::newRow("acr denied, detail array")
        << 403
        << QByteArray(
               R"({"errors":[{"code":"DENIED","message":"requested access to the resource is denied","detail":[{"Type":"repository","Name":"x","Action":"pull"}]}]})")
        << json << u"DENIED"_s << u"requested access to the resource is denied"_s;
    QTest::newRow("several errors: first code, all messages")
        << 400
        << QByteArray(
               R"({"errors":[{"code":"MANIFEST_INVALID","message":"a"},{"code":"BLOB_UNKNOWN","message":"b"}]})")
        << json << u"MANIFEST_INVALID"_s << u"a; b"_s;
    QTest::newRow("distribution error without message")
        << 401 << QByteArray(R"({"errors":[{"code":"UNAUTHORIZED"}]})") << json << u"UNAUTHORIZED"_s
        << u"Unauthorized"_s;
    QTest::newRow("code of the wrong type")
        << 404 << QByteArray(R"({"errors":[{"code":7,"message":"gone"}]})") << json
        << u"NOT_FOUND"_s << u"gone"_s;
    QTest::newRow("json sent as text/plain")
        << 400 << QByteArray(R"({"errors":[{"code":"TAG_INVALID","message":"bad tag"}]})")
        << QByteArray("text/plain") << u"TAG_INVALID"_s << u"bad tag"_s;
    QTest::newRow("azure core error")
        << 400
        << QByteArray(
               R"({"error":{"code":"InvalidRequest","message":"The request is invalid.","details":[{"code":"x","message":"y"}]}})")
        << json << u"InvalidRequest"_s << u"The request is invalid."_s;
    QTest::newRow("oauth error")
        << 401
        << QByteArray(R"({"error":"invalid_grant","error_description":"refresh token expired"})")
        << json << u"invalid_grant"_s << u"refresh token expired"_s;
    QTest::newRow("bare message object")
        << 500 << QByteArray(R"({"message":"boom"})") << json << u"SERVER_ERROR"_s << u"boom"_s;
    QTest::newRow("multi-line message becomes one line")
        << 400 << QByteArray(R"({"errors":[{"code":"X","message":"line one\nline two\t end"}]})")
        << json << u"X"_s << u"line one line two end"_s;
    QTest::newRow("plain text") << 502 << QByteArray("\n\n  upstream connect error  \nsecond line")
                                << QByteArray("text/plain") << u"SERVER_ERROR"_s
                                << u"upstream connect error"_s;
    QTest::newRow("nginx html") << 413
                                << QByteArray(
                                       "<html>\r\n<head><title>413 Request Entity Too "
                                       "Large</title></head>\r\n<body>\r\n<center><h1>413 Request "
                                       "Entity Too Large</h1></center>\r\n</body>\r\n</html>\r\n")
                                << QByteArray("text/html") << u"UNKNOWN"_s
                                << u"413 Request Entity Too Large"_s;
    QTest::newRow("html with style, comment and entities, no content type")
        << 503
        << QByteArray("<!DOCTYPE html><!-- a\ncomment --><style>\nbody { color: red "
                      "}\n</style>\n<p>Service &amp; API &lt;down&gt;</p>")
        << QByteArray() << u"SERVER_ERROR"_s << u"Service & API <down>"_s;
    QTest::newRow("text with a less-than sign is not html")
        << 400 << QByteArray("size < 0 is not allowed") << QByteArray("text/plain")
        << u"BAD_REQUEST"_s << u"size < 0 is not allowed"_s;
}

void tst_ErrorBody::readsCodeAndMessage()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QByteArray, contentType);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const RegistryError error = parseErrorBody(status, body, contentType);
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
}

void tst_ErrorBody::keepsDetailAsSent_data()
{
    addColumns<QByteArray, QJsonValue>("body", "detail");

    QTest::newRow("object") << QByteArray(
        R"({"errors":[{"code":"C","message":"m","detail":{"a":"b"}}]})")
                            << QJsonValue(QJsonObject{{u"a"_s, u"b"_s}});
    QTest::newRow("array") << QByteArray(
        R"({"errors":[{"code":"C","message":"m","detail":[{"Type":"repository"}]}]})")
                           << QJsonValue(QJsonArray{QJsonObject{{u"Type"_s, u"repository"_s}}});
    QTest::newRow("string") << QByteArray(
        R"({"errors":[{"code":"C","message":"m","detail":"text"}]})")
                            << QJsonValue(u"text"_s);
    QTest::newRow("absent") << QByteArray(R"({"errors":[{"code":"C","message":"m"}]})")
                            << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("null") << QByteArray(R"({"errors":[{"code":"C","message":"m","detail":null}]})")
                          << QJsonValue(QJsonValue::Undefined);
    QTest::newRow("azure details")
        << QByteArray(R"({"error":{"code":"C","message":"m","details":[{"code":"x"}]}})")
        << QJsonValue(QJsonArray{QJsonObject{{u"code"_s, u"x"_s}}});
}

void tst_ErrorBody::keepsDetailAsSent()
{
    QFETCH(QByteArray, body);
    QFETCH(QJsonValue, detail);
    const RegistryError error = parseErrorBody(400, body, "application/json");
    QCOMPARE(error.code, u"C"_s);
    QCOMPARE(error.detail, detail);
}

void tst_ErrorBody::unreadableBodyFallsBackToStatus_data()
{
    addColumns<int, QByteArray, QString, QString>("status", "body", "code", "message");

    const QByteArray truncated(R"({"errors":[{"code":"NAME_UNKNOWN","message":"repository na)");
    QTest::newRow("400 empty") << 400 << QByteArray() << u"BAD_REQUEST"_s << u"Bad Request"_s;
    QTest::newRow("401 truncated json")
        << 401 << truncated << u"UNAUTHORIZED"_s << u"Unauthorized"_s;
    QTest::newRow("403 empty errors")
        << 403 << QByteArray(R"({"errors":[]})") << u"DENIED"_s << u"Forbidden"_s;
    QTest::newRow("404 json array")
        << 404 << QByteArray("[1,2]") << u"NOT_FOUND"_s << u"Not Found"_s;
    QTest::newRow("405 errors not an array")
        << 405 << QByteArray(R"({"errors":"nope"})") << u"UNSUPPORTED"_s << u"Method Not Allowed"_s;
    QTest::newRow("409 unknown shape")
        << 409 << QByteArray(R"({"foo":1})") << u"CONFLICT"_s << u"Conflict"_s;
    QTest::newRow("416 white space")
        << 416 << QByteArray(" \r\n\t ") << u"RANGE_INVALID"_s << u"Range Not Satisfiable"_s;
    QTest::newRow("429 empty") << 429 << QByteArray() << u"TOOMANYREQUESTS"_s
                               << u"Too Many Requests"_s;
    QTest::newRow("500 empty") << 500 << QByteArray() << u"SERVER_ERROR"_s
                               << u"Internal Server Error"_s;
    QTest::newRow("503 truncated json")
        << 503 << truncated << u"SERVER_ERROR"_s << u"Service Unavailable"_s;
    QTest::newRow("599 empty") << 599 << QByteArray() << u"SERVER_ERROR"_s << u"HTTP error 599"_s;
    QTest::newRow("418 empty") << 418 << QByteArray() << u"UNKNOWN"_s << u"HTTP error 418"_s;
    QTest::newRow("no status") << 0 << QByteArray() << u"UNKNOWN"_s << u"Unknown error"_s;
    QTest::newRow("only tags") << 502 << QByteArray("<html><body></body></html>")
                               << u"SERVER_ERROR"_s << u"Bad Gateway"_s;
    QTest::newRow("unterminated tag")
        << 502 << QByteArray("<html") << u"SERVER_ERROR"_s << u"Bad Gateway"_s;
}

void tst_ErrorBody::unreadableBodyFallsBackToStatus()
{
    QFETCH(int, status);
    QFETCH(QByteArray, body);
    QFETCH(QString, code);
    QFETCH(QString, message);

    const RegistryError error = parseErrorBody(status, body, "application/json");
    QCOMPARE(error.httpStatus, status);
    QCOMPARE(error.code, code);
    QCOMPARE(error.message, message);
    QVERIFY(error.detail.isUndefined());
}

void tst_ErrorBody::tenMiBTextBodyGivesShortMessage()
{
    const QByteArray body = QByteArray(10 * 1024 * 1024, 'x');
    const RegistryError error = parseErrorBody(500, body, "text/plain");
    QCOMPARE(error.code, u"SERVER_ERROR"_s);
    QCOMPARE(error.message.size(), 300);
    QVERIFY(error.message.startsWith(u"xxxx"_s));
}

void tst_ErrorBody::tenMiBJsonBodyIsParsed()
{
    const QByteArray padding(10 * 1024 * 1024, 'p');
    const QByteArray body
        = R"({"errors":[{"code":"BLOB_UPLOAD_INVALID","message":"too big","detail":")" + padding
          + R"("}]})";
    const RegistryError error = parseErrorBody(400, body, "application/json");
    QCOMPARE(error.code, u"BLOB_UPLOAD_INVALID"_s);
    QCOMPARE(error.message, u"too big"_s);
    QCOMPARE(error.detail.toString().size(), padding.size());
}

void tst_ErrorBody::tenMiBBinaryBodyFallsBack()
{
    QByteArray body(10 * 1024 * 1024, '\0');
    for (qsizetype i = 0; i < body.size(); ++i)
        body[i] = char(i * 131 % 251);
    const RegistryError error = parseErrorBody(502, body, "application/octet-stream");
    QCOMPARE(error.code, u"SERVER_ERROR"_s);
    QVERIFY(!error.message.isEmpty());
    QVERIFY(error.message.size() <= 300);
    QVERIFY(!error.message.contains(u'\n'));
}

void tst_ErrorBody::messageIsOneLineOfAtMost300Characters()
{
    const QByteArray longMessage(1000, 'm');
    const RegistryError error = parseErrorBody(
        400, R"({"errors":[{"code":"X","message":")" + longMessage + R"(\r\nmore"}]})",
        "application/json");
    QCOMPARE(error.message.size(), 300);
    QVERIFY(error.message.endsWith(QChar(0x2026)));
    QVERIFY(!error.message.contains(u'\n'));
    QVERIFY(!error.message.contains(u'\r'));
}

QTEST_GUILESS_MAIN(tst_ErrorBody)
#include "tst_errorbody.moc"
