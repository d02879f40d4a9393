#pragma once

#include "core/registryerror.h"

#include <QByteArray>
#include <QList>
#include <QString>

namespace Berth {

struct Credentials;

// The secrets one connection holds — the password or token it was given, the refresh and
// access tokens it obtained — in every form a server could echo them back: as given,
// percent-encoded (as sent in a form), and Base64 (as sent in a Basic header). scrub()
// replaces each of them in text that is about to reach a user, a log or a file.
//
// Values shorter than MinLength are not tracked: they would match inside ordinary words and
// make every message unreadable, and such a value protects nothing anyway.
class Secrets
{
public:
    static constexpr int MinLength = 4;
    static const QString Mask; // what a secret is replaced with

    void addCredentials(const Credentials &credentials);
    void add(const QByteArray &secret);

    QString scrub(QString text) const;
    void scrub(RegistryError &error) const;
    bool isEmpty() const { return m_forms.isEmpty(); }

private:
    void addForm(const QByteArray &form);

    QList<QString> m_forms; // longest first, so a longer form is replaced before its parts
};

} // namespace Berth
