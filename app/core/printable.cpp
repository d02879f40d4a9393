#include "core/printable.h"

#include <QCoreApplication>
#include <QStringList>

namespace Berth {

namespace {

struct Tr
{
    Q_DECLARE_TR_FUNCTIONS(Berth::Printable)
};

constexpr qsizetype MaxCodeLength = 64;

bool needsEscape(char32_t c)
{
    if (c < 0x20 || (c >= 0x7f && c <= 0x9f))
        return true;
    if (c < 0xa0)
        return false;
    if (QChar::isNonCharacter(c) || QChar::isSurrogate(c))
        return true;
    switch (QChar::category(c)) {
    case QChar::Other_Format:
    case QChar::Separator_Line:
    case QChar::Separator_Paragraph:
        return true;
    default:
        return false;
    }
}

QString escape(char32_t c)
{
    switch (c) {
    case u'\n':
        return QStringLiteral("\\n");
    case u'\r':
        return QStringLiteral("\\r");
    case u'\t':
        return QStringLiteral("\\t");
    default:
        break;
    }
    if (c < 0x80)
        return QStringLiteral("\\x%1").arg(uint(c), 2, 16, QLatin1Char('0'));
    if (c <= 0xffff)
        return QStringLiteral("\\u%1").arg(uint(c), 4, 16, QLatin1Char('0'));
    return QStringLiteral("\\U%1").arg(uint(c), 8, 16, QLatin1Char('0'));
}

bool isCleanCode(QStringView code)
{
    if (code.isEmpty() || code.size() > MaxCodeLength)
        return false;
    for (QChar c : code) {
        if (!((c >= u'A' && c <= u'Z') || (c >= u'0' && c <= u'9') || c == u'_'))
            return false;
    }
    return true;
}

} // namespace

QString printable(QStringView text)
{
    QString out;
    out.reserve(text.size());
    const qsizetype n = text.size();
    for (qsizetype i = 0; i < n; ++i) {
        char32_t c = text[i].unicode();
        qsizetype units = 1;
        // A pair is one character; a lone surrogate stays itself and is escaped.
        if (QChar::isHighSurrogate(c) && i + 1 < n && text[i + 1].isLowSurrogate()) {
            c = QChar::surrogateToUcs4(text[i], text[i + 1]);
            units = 2;
        }
        if (needsEscape(c))
            out += escape(c);
        else
            out += text.mid(i, units);
        i += units - 1;
    }
    return out;
}

QString printableQuoted(QStringView text, qsizetype maxLength)
{
    QStringView shown = text;
    if (text.size() > maxLength) {
        qsizetype cut = maxLength;
        if (cut > 0 && text[cut - 1].isHighSurrogate() && text[cut].isLowSurrogate())
            --cut; // keep a pair whole
        shown = text.left(cut);
    }
    QString quoted = u'"' + printable(shown);
    if (shown.size() < text.size())
        quoted += QChar(0x2026);
    return quoted + u'"';
}

QString printableErrorLine(const RegistryError &error)
{
    const bool clean = isCleanCode(error.code);
    const QString message = error.message.isEmpty() && clean ? error.code : error.message;
    QStringList parts;
    if (!message.isEmpty())
        parts << message;
    if (error.httpStatus > 0 && !message.contains(QStringLiteral("HTTP %1").arg(error.httpStatus)))
        parts << QStringLiteral("(HTTP %1)").arg(error.httpStatus);
    if (!clean && !error.code.isEmpty())
        parts << Tr::tr("(registry code %1)").arg(printableQuoted(error.code, MaxCodeLength));
    return (clean ? error.code : ErrorCode::Unknown) + u": " + printable(parts.join(u' '));
}

} // namespace Berth
