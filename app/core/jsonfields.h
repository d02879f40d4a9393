#pragma once

#include "core/result.h"

#include <QDateTime>
#include <QJsonArray>
#include <QJsonObject>
#include <QStringList>

#include <optional>
#include <type_traits>

namespace Berth::Json {

// The body as a JSON object, or INVALID_RESPONSE saying why not (empty, not JSON, cut
// short, not an object).
Result<QJsonObject> parseObject(const QByteArray &body);

// "tags" + 3 -> "tags[3]"; "tag" + "name" -> "tag.name"; "" + "name" -> "name".
QString childPath(const QString &path, const QString &key);
QString indexPath(const QString &path, qsizetype index);

// An INVALID_RESPONSE error: "<field> should be <expected>, not <what it was>".
RegistryError typeError(const QString &field, const QString &expected, const QJsonValue &found);
RegistryError valueError(const QString &field, const QString &problem);
// "<field> is not <expected>: "<found, escaped and cut>"".
RegistryError grammarError(const QString &field, const QString &expected, const QString &found);

// Reads typed fields of one JSON object. Absent and null fields give the empty value; a
// field of the wrong type records an INVALID_RESPONSE error naming it by its path, and
// only the first such error is kept. Check ok() once all fields are read.
class FieldReader
{
public:
    FieldReader(const QJsonObject &object, const QString &path);

    bool has(QLatin1String key) const; // present and not null
    QString path(QLatin1String key) const { return childPath(m_path, key); }

    void require(QLatin1String key); // an error when absent, null or an empty string
    QString string(QLatin1String key);
    std::optional<bool> boolean(QLatin1String key);
    // An integral number within [min, max]; `absent` when absent or null.
    qint64 integer(QLatin1String key, qint64 absent, qint64 min, qint64 max);
    QDateTime dateTime(QLatin1String key); // ISO 8601, any number of fraction digits
    // Values with a grammar (core/reference.h): a value that does not match records an
    // INVALID_RESPONSE naming the field and showing the value, escaped. Empty if absent.
    QString digest(QLatin1String key); // a well-formed digest ("" is not)
    QString repositoryName(QLatin1String key);
    QString tag(QLatin1String key);
    QStringList repositoryNames(QLatin1String key); // an array of repository names
    QStringList tags(QLatin1String key);            // an array of tags
    QJsonObject object(QLatin1String key);
    QJsonArray array(QLatin1String key);
    QStringList strings(QLatin1String key);   // an array of strings
    QJsonObject stringMap(QLatin1String key); // an object whose values are strings

    // The field `key` read by `parse(value, path)`, which returns a Result<T>: its error is
    // recorded like a field's (T() returned then).
    template<typename T, typename Parse>
    T parsed(QLatin1String key, Parse parse)
    {
        Result<T> item = parse(value(key), path(key));
        if (item)
            return std::move(*item);
        fail(item.error());
        return T();
    }
    // The array `key` (absent or null: none), each element read by `parse(value, path)`,
    // which returns a Result<T>. The first element that fails records its error and ends the
    // list; nothing is read once an error is recorded.
    template<typename T, typename Parse>
    QList<T> objects(QLatin1String key, Parse parse)
    {
        const QJsonArray items = array(key);
        QList<T> list;
        list.reserve(items.size());
        for (qsizetype i = 0; i < items.size() && ok(); ++i) {
            Result<T> item = parse(items.at(i), indexPath(path(key), i));
            if (item)
                list.append(std::move(*item));
            else
                fail(item.error());
        }
        return list;
    }
    const QJsonObject &json() const { return m_object; }

    void fail(const RegistryError &error);
    bool ok() const { return !m_error.has_value(); }
    const RegistryError &error() const { return *m_error; }
    // `item` when every field was read fine, else the first error.
    template<typename T>
    Result<T> result(T item) const
    {
        if (!ok())
            return std::unexpected(*m_error);
        return item;
    }

private:
    using Grammar = bool (*)(const QString &);
    QJsonValue value(QLatin1String key) const { return m_object.value(key); }
    // The field when it has `type`; else null, and a type error saying it should be
    // `expected` (untranslated, QT_TRANSLATE_NOOP in context Berth::Json) unless absent.
    QJsonValue typed(QLatin1String key, QJsonValue::Type type, const char *expected);
    QString matching(QLatin1String key, Grammar valid, const QString &what);
    QStringList allMatching(QLatin1String key, Grammar valid, const QString &what);

    const QJsonObject &m_object;
    QString m_path;
    std::optional<RegistryError> m_error;
};

// Reads the object `value` (at `path`) with `read(FieldReader &)`, which returns what it
// read: a type error when `value` is not an object, else the reader's first error if any.
template<typename Read>
auto readObject(const QJsonValue &value, const QString &path, Read read)
    -> Result<std::invoke_result_t<Read, FieldReader &>>
{
    if (!value.isObject())
        return std::unexpected(typeError(path, QStringLiteral("an object"), value));
    const QJsonObject object = value.toObject();
    FieldReader r(object, path);
    auto item = read(r);
    return r.result(std::move(item));
}

// The same, where an absent or null value gives an empty (default) value.
template<typename Read>
auto readOptionalObject(const QJsonValue &value, const QString &path, Read read)
    -> Result<std::invoke_result_t<Read, FieldReader &>>
{
    if (value.isUndefined() || value.isNull())
        return std::invoke_result_t<Read, FieldReader &>();
    return readObject(value, path, read);
}

} // namespace Berth::Json
