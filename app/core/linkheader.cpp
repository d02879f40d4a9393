// RFC 8288 Link header: `Link: <uri-ref>; rel="next"; type="x", <uri-ref>; rel=prev`.
//
//   Link       = #link-value
//   link-value = "<" URI-Reference ">" *( OWS ";" OWS link-param )
//   link-param = token BWS [ "=" BWS ( token / quoted-string ) ]
//
// Only the first rel parameter of a link counts (RFC 8288 section 3.3). Reading stops at
// the first malformed link-value.

#include "core/linkheader.h"

#include "core/headerreader.h"

#include <optional>

namespace Berth {

namespace {

class LinkReader : public HeaderReader
{
public:
    explicit LinkReader(const QByteArray &text)
        : HeaderReader(text)
    {}

    // The target of the first link whose relation types include "next"; empty if none.
    std::optional<QByteArray> findNext()
    {
        while (true) {
            skip([](char c) { return isSpace(c) || c == ','; });
            if (atEnd() || m_text.at(m_pos) != '<')
                return std::nullopt;
            const qsizetype close = m_text.indexOf('>', m_pos + 1);
            if (close < 0)
                return std::nullopt;
            const QByteArray target = m_text.mid(m_pos + 1, close - m_pos - 1);
            m_pos = close + 1;
            std::optional<bool> isNext = readParams();
            if (!isNext)
                return std::nullopt; // malformed parameters
            if (*isNext)
                return target;
        }
    }

private:
    // Reads the parameters of one link up to the comma that ends it (or the end).
    // Whether rel holds "next"; nullopt when the parameters are malformed.
    std::optional<bool> readParams()
    {
        bool sawRel = false;
        bool isNext = false;
        while (true) {
            skip(isSpace);
            if (atEnd())
                return isNext;
            const char c = m_text.at(m_pos);
            if (c == ',') {
                ++m_pos;
                return isNext;
            }
            if (c != ';')
                return std::nullopt;
            ++m_pos;
            skip(isSpace);
            const qsizetype nameStart = m_pos;
            skip([](char ch) { return ch != '=' && ch != ';' && ch != ',' && !isSpace(ch); });
            const QByteArray name = m_text.mid(nameStart, m_pos - nameStart).toLower();
            skip(isSpace);
            QByteArray value;
            if (!atEnd() && m_text.at(m_pos) == '=') {
                ++m_pos;
                skip(isSpace);
                std::optional<QByteArray> read = readValue();
                if (!read)
                    return std::nullopt;
                value = *read;
            }
            if (name == "rel" && !sawRel) {
                sawRel = true;
                const QList<QByteArray> types = value.simplified().split(' ');
                for (const QByteArray &type : types)
                    isNext = isNext || type.toLower() == "next";
            }
        }
    }

    std::optional<QByteArray> readValue()
    {
        if (atEnd() || m_text.at(m_pos) != '"')
            return readWhile([](char ch) { return ch != ';' && ch != ',' && !isSpace(ch); });
        bool terminated = false;
        QByteArray value = readQuoted(&terminated);
        if (!terminated)
            return std::nullopt; // unterminated quoted string
        return value;
    }
};

} // namespace

QUrl parseNextLink(const QByteArray &linkHeader, const QUrl &base)
{
    const std::optional<QByteArray> target = LinkReader(linkHeader).findNext();
    if (!target)
        return {};
    const QUrl url = QUrl::fromEncoded(target->trimmed());
    if (!url.isValid())
        return {};
    return base.resolved(url);
}

} // namespace Berth
