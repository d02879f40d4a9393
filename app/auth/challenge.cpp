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

#include "core/headerreader.h"

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

class ChallengeReader : public HeaderReader
{
public:
    explicit ChallengeReader(const QByteArray &text)
        : HeaderReader(text)
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
    void skipSpace() { skip(isSpace); }
    void skipSpaceAndCommas()
    {
        skip([](char c) { return isSpace(c) || c == ','; });
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

    QByteArray readToken() { return readWhile(isTchar); }

    // Is the text at the current position `token BWS "=" ...` but not a token68's padding?
    bool atParameter() const
    {
        const qsizetype name = skipFrom(m_pos, isTchar);
        if (name == m_pos)
            return false;
        const qsizetype at = skipFrom(name, isSpace);
        return at < m_text.size() && m_text.at(at) == '=';
    }

    // A token68 ends at a comma or the end of the value, after optional '=' padding.
    // "name=, other=x" reads better as two parameters (the first empty) than as a token68
    // followed by a broken challenge, so padding followed by a parameter is not a token68.
    bool atToken68() const
    {
        const qsizetype padding = skipFrom(m_pos, isToken68Char);
        if (padding == m_pos)
            return false;
        const qsizetype at = skipFrom(skipFrom(padding, [](char c) { return c == '='; }), isSpace);
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
            challenge.token68 = QString::fromLatin1(
                readWhile([](char c) { return isToken68Char(c) || c == '='; }));
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
                const QString value = peek() == '"' ? readQuotedValue() : readBareValue();
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

    QString readQuotedValue()
    {
        bool terminated = false; // an unterminated string ends with the header
        return QString::fromUtf8(readQuoted(&terminated));
    }

    QString readBareValue()
    {
        return QString::fromUtf8(readWhile([](char c) { return c != ',' && !isSpace(c); }));
    }
};

} // namespace

QList<AuthChallenge> parseChallenges(const QByteArray &headerValue)
{
    return ChallengeReader(headerValue).readAll();
}

} // namespace Berth
