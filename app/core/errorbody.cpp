#include "core/errorbody.h"

#include <QCoreApplication>
#include <QJsonArray>
#include <QJsonDocument>
#include <QJsonObject>

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::ErrorBody)
};

constexpr qsizetype MaxMessageLength = 300;
constexpr qsizetype MaxTextScan = qsizetype(64) * 1024; // plain text: only the start matters

QString codeForStatus(int status)
{
    switch (status) {
    case 400:
        return QStringLiteral("BAD_REQUEST");
    case 401:
        return ErrorCode::Unauthorized;
    case 403:
        return ErrorCode::Denied;
    case 404:
        return QStringLiteral("NOT_FOUND");
    case 405:
        return ErrorCode::Unsupported;
    case 409:
        return QStringLiteral("CONFLICT");
    case 416:
        return QStringLiteral("RANGE_INVALID");
    case 429:
        return QStringLiteral("TOOMANYREQUESTS");
    default:
        return status >= 500 && status <= 599 ? QStringLiteral("SERVER_ERROR") : ErrorCode::Unknown;
    }
}

QString reasonPhrase(int status)
{
    switch (status) {
    case 400:
        return Tr::tr("Bad Request");
    case 401:
        return Tr::tr("Unauthorized");
    case 403:
        return Tr::tr("Forbidden");
    case 404:
        return Tr::tr("Not Found");
    case 405:
        return Tr::tr("Method Not Allowed");
    case 406:
        return Tr::tr("Not Acceptable");
    case 408:
        return Tr::tr("Request Timeout");
    case 409:
        return Tr::tr("Conflict");
    case 410:
        return Tr::tr("Gone");
    case 411:
        return Tr::tr("Length Required");
    case 412:
        return Tr::tr("Precondition Failed");
    case 413:
        return Tr::tr("Content Too Large");
    case 414:
        return Tr::tr("URI Too Long");
    case 415:
        return Tr::tr("Unsupported Media Type");
    case 416:
        return Tr::tr("Range Not Satisfiable");
    case 429:
        return Tr::tr("Too Many Requests");
    case 500:
        return Tr::tr("Internal Server Error");
    case 501:
        return Tr::tr("Not Implemented");
    case 502:
        return Tr::tr("Bad Gateway");
    case 503:
        return Tr::tr("Service Unavailable");
    case 504:
        return Tr::tr("Gateway Timeout");
    default:
        return status > 0 ? Tr::tr("HTTP error %1").arg(status) : Tr::tr("Unknown error");
    }
}

// One line, no control characters, at most MaxMessageLength characters.
QString oneLine(const QString &text)
{
    QString line = text;
    for (QChar &c : line) {
        if (c.category() == QChar::Other_Control)
            c = u' ';
    }
    line = line.simplified();
    if (line.size() > MaxMessageLength)
        line = line.left(MaxMessageLength - 1) + QChar(0x2026);
    return line;
}

QString stringField(const QJsonObject &object, QLatin1String key)
{
    const QJsonValue value = object.value(key);
    return value.isString() ? value.toString() : QString();
}

QJsonValue detailValue(const QJsonValue &value)
{
    return value.isNull() ? QJsonValue(QJsonValue::Undefined) : value;
}

// {"errors":[{"code","message","detail"}, ...]}: the first error's code and detail, every
// error's message.
bool readDistribution(const QJsonObject &root, RegistryError &error)
{
    const QJsonArray errors = root.value(QLatin1String("errors")).toArray();
    QStringList messages;
    bool found = false;
    for (const auto &entry : errors) {
        const QJsonObject object = entry.toObject();
        const QString code = stringField(object, QLatin1String("code"));
        const QString message = stringField(object, QLatin1String("message"));
        if (code.isEmpty() && message.isEmpty())
            continue;
        if (!found) {
            found = true;
            if (!code.isEmpty())
                error.code = code;
            error.detail = detailValue(object.value(QLatin1String("detail")));
        }
        if (!message.isEmpty() && !messages.contains(message))
            messages.append(message);
    }
    if (!messages.isEmpty())
        error.message = messages.join(QLatin1String("; "));
    return found;
}

// Azure.Core {"error":{"code","message","details"}}, or OAuth 2 {"error":"...",
// "error_description":"..."}.
bool readAzure(const QJsonObject &root, RegistryError &error)
{
    const QJsonValue value = root.value(QLatin1String("error"));
    if (value.isString() && !value.toString().isEmpty()) {
        error.code = value.toString();
        const QString description = stringField(root, QLatin1String("error_description"));
        if (!description.isEmpty())
            error.message = description;
        return true;
    }
    const QJsonObject object = value.toObject();
    const QString code = stringField(object, QLatin1String("code"));
    const QString message = stringField(object, QLatin1String("message"));
    if (code.isEmpty() && message.isEmpty())
        return false;
    if (!code.isEmpty())
        error.code = code;
    if (!message.isEmpty())
        error.message = message;
    error.detail = detailValue(object.value(QLatin1String("details")));
    return true;
}

char firstNonSpace(const QByteArray &body)
{
    for (const char c : body) {
        if (c != ' ' && c != '\t' && c != '\r' && c != '\n')
            return c;
    }
    return '\0';
}

bool readJson(const QByteArray &body, RegistryError &error)
{
    if (firstNonSpace(body) != '{')
        return false;
    const QJsonDocument document = QJsonDocument::fromJson(body);
    if (!document.isObject())
        return false;
    const QJsonObject root = document.object();
    if (readDistribution(root, error) || readAzure(root, error))
        return true;
    const QString message = stringField(root, QLatin1String("message"));
    if (message.isEmpty())
        return false;
    error.message = message;
    return true;
}

QString decodeEntities(QString text)
{
    text.replace(QLatin1String("&lt;"), QLatin1String("<"));
    text.replace(QLatin1String("&gt;"), QLatin1String(">"));
    text.replace(QLatin1String("&quot;"), QLatin1String("\""));
    text.replace(QLatin1String("&#39;"), QLatin1String("'"));
    text.replace(QLatin1String("&nbsp;"), QLatin1String(" "));
    text.replace(QLatin1String("&amp;"), QLatin1String("&"));
    return text;
}

// Removes tags, comments and the content of <script> and <style> elements.
QString stripTags(const QString &html)
{
    QString text;
    text.reserve(html.size());
    qsizetype i = 0;
    const qsizetype n = html.size();
    while (i < n) {
        if (html[i] != u'<') {
            text += html[i++];
            continue;
        }
        const QStringView rest = QStringView(html).mid(i);
        QLatin1String close(">");
        if (rest.startsWith(QLatin1String("<!--")))
            close = QLatin1String("-->");
        else if (rest.startsWith(QLatin1String("<script"), Qt::CaseInsensitive))
            close = QLatin1String("</script>");
        else if (rest.startsWith(QLatin1String("<style"), Qt::CaseInsensitive))
            close = QLatin1String("</style>");
        const qsizetype end = html.indexOf(close, i + 1, Qt::CaseInsensitive);
        if (end < 0)
            break; // an unterminated tag hides the rest
        i = end + close.size();
        // A tag separates words; block tags often end lines, which the source already has.
        text += u' ';
    }
    return text;
}

QString readText(const QByteArray &body, const QByteArray &contentType)
{
    QString text = QString::fromUtf8(body.left(MaxTextScan));
    const QString type = QString::fromLatin1(contentType).toLower();
    const bool html = type.contains(QLatin1String("html")) || type.contains(QLatin1String("xml"))
                      || text.trimmed().startsWith(u'<');
    if (html)
        text = decodeEntities(stripTags(text));
    const QStringList lines = text.split(u'\n');
    for (const QString &line : lines) {
        QString clean = oneLine(line);
        if (!clean.isEmpty())
            return clean;
    }
    return {};
}

} // namespace

RegistryError parseErrorBody(int httpStatus, const QByteArray &body, const QByteArray &contentType)
{
    RegistryError error;
    error.httpStatus = httpStatus;
    error.code = codeForStatus(httpStatus);
    if (!readJson(body, error)) {
        // A JSON body that did not parse (cut short, or not the shapes above) says nothing
        // readable; anything else is text.
        const char first = firstNonSpace(body);
        if (first != '{' && first != '[')
            error.message = readText(body, contentType);
    }
    error.message = oneLine(error.message);
    if (error.message.isEmpty())
        error.message = reasonPhrase(httpStatus);
    return error;
}

} // namespace Berth
