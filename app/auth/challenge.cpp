// RFC 7235 WWW-Authenticate parser.
//
//   WWW-Authenticate = 1#challenge
//   challenge        = auth-scheme [ 1*SP ( token68 / #auth-param ) ]
//   auth-param       = token BWS "=" BWS ( token / quoted-string )
//   token68          = 1*( ALPHA / DIGIT / "-" / "." / "_" / "~" / "+" / "/" ) *"="
//
// Commas separate both challenges and the parameters of one challenge; what follows a
// comma is a parameter when it reads `token BWS "="`, else it starts the next challenge.
// Unquoted values are read up to the next comma or white space (servers send unquoted
// URLs, which are not tokens). Anything unreadable is skipped up to the next comma.

#include "auth/challenge.h"

#include <cstring>

namespace Berth {

namespace {

bool isTchar(char c)
{
    if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9'))
        return true;
    return c != '\0' && std::strchr("!#$%&'*+-.^_`|~", c) != nullptr;
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

bool isSpace(char c)
{
    return c == ' ' || c == '\t';
}

class ChallengeReader
{
public:
    explicit ChallengeReader(const QByteArray &text)
        : m_text(text)
    {}

    QList<AuthChallenge> readAll()
    {
        QList<AuthChallenge> challenges;
        while (true) {
            skipSpaceAndCommas();
            if (atEnd())
                break;
            const QByteArray scheme = readToken();
            if (scheme.isEmpty()) {
                skipPastComma(); // not a challenge: drop it
                continue;
            }
            AuthChallenge challenge;
            challenge.scheme = QString::fromLatin1(scheme).toLower();
            readChallengeBody(challenge);
            challenges.append(challenge);
        }
        return challenges;
    }

private:
    bool atEnd() const { return m_pos >= m_text.size(); }
    char peek(qsizetype offset = 0) const
    {
        const qsizetype at = m_pos + offset;
        return at < m_text.size() ? m_text.at(at) : '\0';
    }

    void skipSpace()
    {
        while (!atEnd() && isSpace(peek()))
            ++m_pos;
    }

    void skipSpaceAndCommas()
    {
        while (!atEnd() && (isSpace(peek()) || peek() == ','))
            ++m_pos;
    }

    // Moves past the next comma that is not inside a quoted string.
    void skipPastComma()
    {
        bool quoted = false;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (quoted && c == '\\')
                ++m_pos;
            else if (c == '"')
                quoted = !quoted;
            else if (!quoted && c == ',')
                return;
        }
    }

    QByteArray readToken()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && isTchar(peek()))
            ++m_pos;
        return m_text.mid(start, m_pos - start);
    }

    // Is the text at the current position `token BWS "=" ...` but not a token68's padding?
    bool atParameter() const
    {
        qsizetype at = m_pos;
        while (at < m_text.size() && isTchar(m_text.at(at)))
            ++at;
        if (at == m_pos)
            return false;
        while (at < m_text.size() && isSpace(m_text.at(at)))
            ++at;
        return at < m_text.size() && m_text.at(at) == '=';
    }

    // A token68 ends at a comma or the end of the value, after optional '=' padding.
    // "name=, other=x" reads better as two parameters (the first empty) than as a token68
    // followed by a broken challenge, so padding followed by a parameter is not a token68.
    bool atToken68() const
    {
        qsizetype at = m_pos;
        while (at < m_text.size() && isToken68Char(m_text.at(at)))
            ++at;
        if (at == m_pos)
            return false;
        const qsizetype padding = at;
        while (at < m_text.size() && m_text.at(at) == '=')
            ++at;
        while (at < m_text.size() && isSpace(m_text.at(at)))
            ++at;
        if (at == m_text.size())
            return true;
        if (m_text.at(at) != ',')
            return false;
        if (at == padding)
            return true;
        ChallengeReader after(m_text);
        after.m_pos = at;
        after.skipSpaceAndCommas();
        return !after.atParameter();
    }

    void readChallengeBody(AuthChallenge &challenge)
    {
        skipSpace();
        if (atEnd())
            return;
        if (peek() == ',') {
            ++m_pos;
            skipSpaceAndCommas();
            if (!atParameter())
                return; // a scheme without parameters; the next challenge follows
        } else if (atToken68()) {
            const qsizetype start = m_pos;
            while (!atEnd() && (isToken68Char(peek()) || peek() == '='))
                ++m_pos;
            challenge.token68 = QString::fromLatin1(m_text.mid(start, m_pos - start));
            skipPastComma();
            return;
        }
        readParameters(challenge);
    }

    void readParameters(AuthChallenge &challenge)
    {
        while (!atEnd()) {
            if (!atParameter()) {
                skipPastComma(); // junk where a parameter should be
            } else {
                const QString name = QString::fromLatin1(readToken()).toLower();
                skipSpace();
                ++m_pos; // '='
                skipSpace();
                const QString value = peek() == '"' ? readQuoted() : readBareValue();
                if (!challenge.params.contains(name))
                    challenge.params.insert(name, value);
                skipSpace();
                if (!atEnd() && peek() != ',')
                    skipPastComma(); // junk after the value
                else if (!atEnd())
                    ++m_pos;
            }
            skipSpaceAndCommas();
            if (!atParameter())
                return; // end, or the next challenge
        }
    }

    QString readQuoted()
    {
        ++m_pos; // opening quote
        QByteArray value;
        while (!atEnd()) {
            const char c = peek();
            ++m_pos;
            if (c == '"')
                break;
            if (c == '\\' && !atEnd()) {
                value.append(peek());
                ++m_pos;
                continue;
            }
            value.append(c);
        }
        return QString::fromUtf8(value); // an unterminated string ends with the header
    }

    QString readBareValue()
    {
        const qsizetype start = m_pos;
        while (!atEnd() && peek() != ',' && !isSpace(peek()))
            ++m_pos;
        return QString::fromUtf8(m_text.mid(start, m_pos - start));
    }

    const QByteArray &m_text;
    qsizetype m_pos = 0;
};

} // namespace

QList<AuthChallenge> parseChallenges(const QByteArray &headerValue)
{
    return ChallengeReader(headerValue).readAll();
}

} // namespace Berth
