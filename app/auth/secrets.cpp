#include "auth/secrets.h"

#include "auth/credentials.h"

#include <QJsonArray>
#include <QJsonObject>
#include <QUrl>

#include <algorithm>

namespace Berth {

const QString Secrets::Mask = QStringLiteral("***");

namespace {

QJsonValue scrubbed(const QJsonValue &value, const Secrets &secrets)
{
    if (value.isString())
        return secrets.scrub(value.toString());
    if (value.isArray()) {
        QJsonArray out;
        for (const QJsonValue item : value.toArray())
            out.append(scrubbed(item, secrets));
        return out;
    }
    if (value.isObject()) {
        QJsonObject out;
        const QJsonObject object = value.toObject();
        for (auto it = object.begin(); it != object.end(); ++it)
            out.insert(secrets.scrub(it.key()), scrubbed(it.value(), secrets));
        return out;
    }
    return value;
}

} // namespace

void Secrets::addCredentials(const Credentials &credentials)
{
    if (credentials.secret.isEmpty())
        return;
    const QByteArray secret = credentials.secret.toUtf8();
    add(secret);
    // The Basic header's value, and the pair without the username.
    const QByteArray pair = credentials.username.toUtf8() + ':' + secret;
    addForm(pair.toBase64());
}

void Secrets::add(const QByteArray &secret)
{
    if (secret.size() < MinLength)
        return;
    addForm(secret);
    addForm(QUrl::toPercentEncoding(QString::fromUtf8(secret)));
    addForm(secret.toBase64());
    addForm(secret.toBase64(QByteArray::Base64UrlEncoding | QByteArray::OmitTrailingEquals));
}

void Secrets::addForm(const QByteArray &form)
{
    if (form.size() < MinLength)
        return;
    const QString text = QString::fromUtf8(form);
    if (m_forms.contains(text))
        return;
    m_forms.append(text);
    std::stable_sort(m_forms.begin(), m_forms.end(),
                     [](const QString &a, const QString &b) { return a.size() > b.size(); });
}

QString Secrets::scrub(QString text) const
{
    for (const QString &form : m_forms)
        text.replace(form, Mask, Qt::CaseSensitive);
    return text;
}

void Secrets::scrub(RegistryError &error) const
{
    if (m_forms.isEmpty())
        return;
    error.message = scrub(error.message);
    error.code = scrub(error.code);
    error.detail = scrubbed(error.detail, *this);
}

} // namespace Berth
