#include "core/headervalue.h"

#include <QByteArrayView>

namespace Berth {

namespace {

bool isTokenChar(char c)
{
    static constexpr QByteArrayView Extra = "!#$%&'*+-.^_`|~";
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
           || Extra.contains(c);
}

bool isToken68Char(char c)
{
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-'
           || c == '.' || c == '_' || c == '~' || c == '+' || c == '/';
}

} // namespace

bool isSafeHeaderValue(const QByteArray &value)
{
    for (const char c : value) {
        const auto u = static_cast<unsigned char>(c);
        if ((u < 0x20 && u != '\t') || u == 0x7f)
            return false;
    }
    return true;
}

bool isSafeHeaderName(const QByteArray &name)
{
    if (name.isEmpty())
        return false;
    for (const char c : name) {
        if (!isTokenChar(c))
            return false;
    }
    return true;
}

bool isToken68(const QByteArray &token)
{
    qsizetype i = 0;
    while (i < token.size() && isToken68Char(token.at(i)))
        ++i;
    if (i == 0)
        return false;
    while (i < token.size() && token.at(i) == '=')
        ++i;
    return i == token.size();
}

} // namespace Berth
