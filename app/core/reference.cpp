// The OCI distribution grammar (distribution-spec, "Pulling manifests"):
//   name   = component ("/" component)*, component = [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
//   tag    = [a-zA-Z0-9_][a-zA-Z0-9._-]{0,127}
//   digest = sha256:<64 lower-case hex> | sha512:<128 lower-case hex>
// A repository name cannot hold ':' or '@', so in "a/b:tag@digest" the '@' starts the
// digest and the last ':' after the last '/' starts the tag.

#include "core/reference.h"

#include <QCoreApplication>

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Reference)
};

constexpr qsizetype MaxNameLength = 255;

bool isLowerAlnum(QChar c)
{
    return (c >= u'a' && c <= u'z') || (c >= u'0' && c <= u'9');
}

bool isHexLower(QChar c)
{
    return (c >= u'a' && c <= u'f') || (c >= u'0' && c <= u'9');
}

// [a-z0-9]+((\.|_|__|-+)[a-z0-9]+)*
bool isValidComponent(QStringView component)
{
    qsizetype i = 0;
    const qsizetype n = component.size();
    while (true) {
        const qsizetype runStart = i;
        while (i < n && isLowerAlnum(component[i]))
            ++i;
        if (i == runStart)
            return false; // empty component, or a separator at the start or twice
        if (i == n)
            return true;
        const QChar c = component[i];
        if (c == u'.') {
            ++i;
        } else if (c == u'_') {
            ++i;
            if (i < n && component[i] == u'_')
                ++i;
        } else if (c == u'-') {
            while (i < n && component[i] == u'-')
                ++i;
        } else {
            return false;
        }
    }
}

RegistryError invalid(const QString &message)
{
    return RegistryError::make(ErrorCode::InvalidArgument, message);
}

} // namespace

QString Reference::toString() const
{
    QString text = repository;
    if (hasTag())
        text += u':' + tag;
    if (hasDigest())
        text += u'@' + digest;
    return text;
}

bool isValidRepositoryName(const QString &name)
{
    if (name.isEmpty() || name.size() > MaxNameLength)
        return false;
    for (QStringView component : QStringView(name).split(u'/')) {
        if (!isValidComponent(component))
            return false;
    }
    return true;
}

bool isValidTag(const QString &tag)
{
    if (tag.isEmpty() || tag.size() > 128)
        return false;
    for (qsizetype i = 0; i < tag.size(); ++i) {
        const QChar c = tag[i];
        const bool word = (c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                          || (c >= u'0' && c <= u'9') || c == u'_';
        if (!word && (i == 0 || (c != u'.' && c != u'-')))
            return false;
    }
    return true;
}

bool isValidDigest(const QString &digest)
{
    qsizetype hexLength = 0;
    QStringView hex;
    if (digest.startsWith(QLatin1String("sha256:"))) {
        hexLength = 64;
        hex = QStringView(digest).mid(7);
    } else if (digest.startsWith(QLatin1String("sha512:"))) {
        hexLength = 128;
        hex = QStringView(digest).mid(7);
    } else {
        return false;
    }
    if (hex.size() != hexLength)
        return false;
    for (QChar c : hex) {
        if (!isHexLower(c))
            return false;
    }
    return true;
}

namespace {
// With a separator at `at` (none when negative): moves what follows it from `rest` to `part`,
// and fails with `message` (untranslated, %1 the part) unless `valid(part)`.
std::optional<RegistryError> cutPart(
    QString &rest, qsizetype at, QString &part, bool (*valid)(const QString &), const char *message)
{
    if (at < 0)
        return std::nullopt;
    part = rest.mid(at + 1);
    rest.truncate(at);
    if (valid(part))
        return std::nullopt;
    return invalid(Tr::tr(message).arg(part));
}
} // namespace

Result<Reference> parseReference(const QString &text, ReferenceNeeds needs)
{
    if (text.isEmpty())
        return std::unexpected(invalid(Tr::tr("The image reference is empty.")));

    Reference ref;
    QString rest = text;
    if (auto e = cutPart(rest, rest.indexOf(u'@'), ref.digest, isValidDigest,
                         QT_TRANSLATE_NOOP("Berth::Reference",
                                           "\"%1\" is not a valid digest (expected sha256: and "
                                           "64 lower-case hex digits).")))
        return std::unexpected(*e);
    const qsizetype colon = rest.lastIndexOf(u':');
    if (auto e = cutPart(rest, colon > rest.lastIndexOf(u'/') ? colon : -1, ref.tag, isValidTag,
                         QT_TRANSLATE_NOOP("Berth::Reference",
                                           "\"%1\" is not a valid tag (letters, digits, '_', '.' "
                                           "and '-', not starting with '.' or '-', at most 128 "
                                           "characters).")))
        return std::unexpected(*e);
    ref.repository = rest;
    if (ref.repository.isEmpty())
        return std::unexpected(invalid(Tr::tr("\"%1\" names no repository.").arg(text)));
    if (!isValidRepositoryName(ref.repository)) {
        QString message = Tr::tr("\"%1\" is not a valid repository name (lower-case letters, "
                                 "digits and separators, components joined by '/').")
                              .arg(ref.repository);
        if (ref.repository.contains(u':'))
            message += u' ' + Tr::tr("The registry is chosen separately, not in the reference.");
        return std::unexpected(invalid(message));
    }

    switch (needs) {
    case ReferenceNeeds::Nothing:
        break;
    case ReferenceNeeds::TagOrDigest:
        if (!ref.hasTag() && !ref.hasDigest())
            return std::unexpected(
                invalid(Tr::tr("\"%1\" needs a tag (:tag) or a digest (@sha256:...).").arg(text)));
        break;
    case ReferenceNeeds::Tag:
        if (!ref.hasTag())
            return std::unexpected(invalid(Tr::tr("\"%1\" needs a tag (:tag).").arg(text)));
        break;
    case ReferenceNeeds::Digest:
        if (!ref.hasDigest())
            return std::unexpected(
                invalid(Tr::tr("\"%1\" needs a digest (@sha256:...).").arg(text)));
        break;
    }
    return ref;
}

} // namespace Berth
