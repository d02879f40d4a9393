#pragma once

#include <QByteArray>

namespace Berth {

// Reads an HTTP header value character by character: the base of the Link and
// WWW-Authenticate parsers. Every read stops at the end of the text.
class HeaderReader
{
public:
    static bool isSpace(char c) { return c == ' ' || c == '\t'; }

protected:
    explicit HeaderReader(const QByteArray &text)
        : m_text(text)
    {}

    bool atEnd() const { return m_pos >= m_text.size(); }
    // The character `offset` places ahead, '\0' past the end.
    char peek(qsizetype offset = 0) const
    {
        const qsizetype at = m_pos + offset;
        return at < m_text.size() ? m_text.at(at) : '\0';
    }
    // Where the run of characters matching `pred` that starts at `at` ends.
    template<typename Pred>
    qsizetype skipFrom(qsizetype at, Pred pred) const
    {
        while (at < m_text.size() && pred(m_text.at(at)))
            ++at;
        return at;
    }
    template<typename Pred>
    void skip(Pred pred)
    {
        m_pos = skipFrom(m_pos, pred);
    }
    // Consumes and returns the run of characters matching `pred`.
    template<typename Pred>
    QByteArray readWhile(Pred pred)
    {
        const qsizetype start = m_pos;
        skip(pred);
        return m_text.mid(start, m_pos - start);
    }
    // At an opening quote: consumes the quoted-string and returns its content with the
    // quoted-pairs resolved. `terminated` tells whether the closing quote came before the end.
    QByteArray readQuoted(bool *terminated)
    {
        ++m_pos; // opening quote
        QByteArray value;
        while (!atEnd()) {
            const char c = m_text.at(m_pos++);
            if (c == '"') {
                *terminated = true;
                return value;
            }
            if (c == '\\' && !atEnd())
                value.append(m_text.at(m_pos++));
            else
                value.append(c);
        }
        *terminated = false;
        return value;
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

} // namespace Berth
