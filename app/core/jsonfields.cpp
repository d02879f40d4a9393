#include "core/jsonfields.h"

#include "core/printable.h"
#include "core/reference.h"

#include <QCoreApplication>
#include <QJsonDocument>
#include <QJsonParseError>

#include <cmath>

namespace Berth::Json {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Json)
};

constexpr double MaxExactInteger = 9007199254740992.0; // 2^53: beyond it doubles skip integers

QString describe(const QJsonValue &value)
{
    switch (value.type()) {
    case QJsonValue::Null:
        return Tr::tr("null");
    case QJsonValue::Bool:
        return Tr::tr("a boolean");
    case QJsonValue::Double:
        return Tr::tr("a number");
    case QJsonValue::String:
        return Tr::tr("a string");
    case QJsonValue::Array:
        return Tr::tr("an array");
    case QJsonValue::Object:
        return Tr::tr("an object");
    case QJsonValue::Undefined:
        break;
    }
    return Tr::tr("missing");
}

QString invalidPrefix()
{
    return Tr::tr("Unexpected answer from the registry:");
}

} // namespace

Result<QJsonObject> parseObject(const QByteArray &body)
{
    if (body.trimmed().isEmpty())
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidResponse, invalidPrefix() + u' ' + Tr::tr("the body is empty.")));
    QJsonParseError parseError;
    const QJsonDocument document = QJsonDocument::fromJson(body, &parseError);
    if (parseError.error != QJsonParseError::NoError)
        return std::unexpected(RegistryError::make(
            ErrorCode::InvalidResponse, invalidPrefix() + u' '
                                            + Tr::tr("the body is not valid JSON (%1 at byte %2).")
                                                  .arg(parseError.errorString())
                                                  .arg(parseError.offset)));
    if (!document.isObject())
        return std::unexpected(
            RegistryError::make(ErrorCode::InvalidResponse,
                                invalidPrefix() + u' ' + Tr::tr("the body is not a JSON object.")));
    return document.object();
}

QString childPath(const QString &path, const QString &key)
{
    return path.isEmpty() ? key : path + u'.' + key;
}

QString indexPath(const QString &path, qsizetype index)
{
    return path + u'[' + QString::number(index) + u']';
}

// Field paths hold the registry's own object keys: printable() in every message.
RegistryError typeError(const QString &field, const QString &expected, const QJsonValue &found)
{
    return RegistryError::make(ErrorCode::InvalidResponse,
                               invalidPrefix() + u' '
                                   + Tr::tr("\"%1\" should be %2, not %3.")
                                         .arg(printable(field), expected, describe(found)));
}

RegistryError valueError(const QString &field, const QString &problem)
{
    return RegistryError::make(ErrorCode::InvalidResponse,
                               invalidPrefix() + u' '
                                   + Tr::tr("\"%1\" %2.").arg(printable(field), problem));
}

RegistryError grammarError(const QString &field, const QString &expected, const QString &found)
{
    return valueError(field, Tr::tr("is not %1: %2").arg(expected, printableQuoted(found)));
}

FieldReader::FieldReader(const QJsonObject &object, const QString &path)
    : m_object(object)
    , m_path(path)
{}

bool FieldReader::has(QLatin1String key) const
{
    const QJsonValue v = value(key);
    return !v.isUndefined() && !v.isNull();
}

void FieldReader::fail(const RegistryError &error)
{
    if (!m_error)
        m_error = error;
}

void FieldReader::require(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!has(key) || (v.isString() && v.toString().isEmpty()))
        fail(valueError(path(key), Tr::tr("is missing or empty")));
}

QJsonValue FieldReader::typed(QLatin1String key, QJsonValue::Type type, const char *expected)
{
    QJsonValue v = value(key);
    if (v.type() == type)
        return v;
    if (has(key))
        fail(typeError(path(key), Tr::tr(expected), v));
    return {};
}

QString FieldReader::string(QLatin1String key)
{
    return typed(key, QJsonValue::String, QT_TRANSLATE_NOOP("Berth::Json", "a string")).toString();
}

std::optional<bool> FieldReader::boolean(QLatin1String key)
{
    const QJsonValue v
        = typed(key, QJsonValue::Bool, QT_TRANSLATE_NOOP("Berth::Json", "a boolean"));
    return v.isBool() ? std::optional<bool>(v.toBool()) : std::nullopt;
}

qint64 FieldReader::integer(QLatin1String key, qint64 absent, qint64 min, qint64 max)
{
    const QJsonValue v = value(key);
    if (!has(key))
        return absent;
    if (!v.isDouble()) {
        fail(typeError(path(key), Tr::tr("an integer"), v));
        return absent;
    }
    const double d = v.toDouble();
    if (!std::isfinite(d) || std::trunc(d) != d || std::fabs(d) > MaxExactInteger) {
        fail(valueError(path(key), Tr::tr("should be an integer, not %1").arg(d)));
        return absent;
    }
    const auto n = static_cast<qint64>(d);
    if (n < min || n > max) {
        fail(valueError(path(key), Tr::tr("is out of range (%1)").arg(n)));
        return absent;
    }
    return n;
}

QDateTime FieldReader::dateTime(QLatin1String key)
{
    const QJsonValue v = value(key);
    if (!has(key))
        return {};
    if (!v.isString()) {
        fail(typeError(path(key), Tr::tr("a date and time"), v));
        return {};
    }
    QDateTime time = QDateTime::fromString(v.toString(), Qt::ISODateWithMs);
    if (!time.isValid()) {
        fail(valueError(path(key), Tr::tr("is not an ISO 8601 date and time")));
        return {};
    }
    if (time.timeSpec() == Qt::LocalTime)
        time.setTimeSpec(Qt::UTC); // registries speak UTC; a missing offset means UTC
    return time;
}

QString FieldReader::matching(QLatin1String key, Grammar valid, const QString &what)
{
    QString text = string(key);
    if (value(key).isString() && !valid(text)) { // "" matches none of them
        fail(grammarError(path(key), what, text));
        return {};
    }
    return text;
}

QStringList FieldReader::allMatching(QLatin1String key, Grammar valid, const QString &what)
{
    QStringList list = strings(key);
    for (qsizetype i = 0; i < list.size(); ++i) {
        if (!valid(list.at(i))) {
            fail(grammarError(indexPath(path(key), i), what, list.at(i)));
            return {};
        }
    }
    return list;
}

QString FieldReader::digest(QLatin1String key)
{
    return matching(key, isValidDigest, Tr::tr("a valid digest"));
}

QString FieldReader::repositoryName(QLatin1String key)
{
    return matching(key, isValidRepositoryName, Tr::tr("a valid repository name"));
}

QString FieldReader::tag(QLatin1String key)
{
    return matching(key, isValidTag, Tr::tr("a valid tag"));
}

QStringList FieldReader::repositoryNames(QLatin1String key)
{
    return allMatching(key, isValidRepositoryName, Tr::tr("a valid repository name"));
}

QStringList FieldReader::tags(QLatin1String key)
{
    return allMatching(key, isValidTag, Tr::tr("a valid tag"));
}

QJsonObject FieldReader::object(QLatin1String key)
{
    return typed(key, QJsonValue::Object, QT_TRANSLATE_NOOP("Berth::Json", "an object")).toObject();
}

QJsonArray FieldReader::array(QLatin1String key)
{
    return typed(key, QJsonValue::Array, QT_TRANSLATE_NOOP("Berth::Json", "an array")).toArray();
}

QStringList FieldReader::strings(QLatin1String key)
{
    const QJsonArray items = array(key);
    QStringList list;
    list.reserve(items.size());
    for (qsizetype i = 0; i < items.size(); ++i) {
        const QJsonValue item = items.at(i);
        if (!item.isString()) {
            fail(typeError(indexPath(path(key), i), Tr::tr("a string"), item));
            return {};
        }
        list.append(item.toString());
    }
    return list;
}

QJsonObject FieldReader::stringMap(QLatin1String key)
{
    QJsonObject map = object(key);
    for (auto it = map.constBegin(); it != map.constEnd(); ++it) {
        if (!it.value().isString()) {
            fail(typeError(childPath(path(key), it.key()), Tr::tr("a string"), it.value()));
            return {};
        }
    }
    return map;
}

} // namespace Berth::Json
