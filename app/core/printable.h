#pragma once

#include "core/registryerror.h"

#include <QString>
#include <QStringView>

namespace Berth {

// Text from a registry made safe to print on a terminal, every character still visible.
//
// Escaped (everything else, backslashes included, passes unchanged):
//   \n \r \t                         as written here
//   other C0 controls and DEL        \xHH  (ESC: \x1b, BEL: \x07)
//   C1 controls (U+0080-U+009F)      \uHHHH
//   format characters (Unicode Cf: the bidi controls U+200E/U+200F, U+202A-U+202E,
//   U+2066-U+2069, U+061C, zero-width and invisible characters), U+2028, U+2029,
//   non-characters (U+FFFE, ...) and lone surrogates
//                                    \uHHHH, or \UHHHHHHHH beyond U+FFFF
// So an escape sequence cannot reach the terminal, a newline cannot start a forged line and
// a right-to-left override cannot turn text around.
QString printable(QStringView text);

// printable(text) in double quotes, cut to at most `maxLength` characters of `text` (then
// ending in "…"): for naming a bad value inside a message.
QString printableQuoted(QStringView text, qsizetype maxLength = 80);

// "<CODE>: <message>" on one line, printable. The code is shown as it is only when it is a
// clean token, [A-Z0-9_]+ of at most 64 characters (every code of Berth and of the
// distribution spec is). Any other code a registry sends (Azure's "InvalidRequest", OAuth's
// "invalid_grant", or "X\nberth-cli: OK: ..." trying to forge a line) is shown as UNKNOWN,
// and the message ends with the registry's code, quoted and escaped, so nothing is lost.
// " (HTTP <status>)" is added unless the message says so already.
QString printableErrorLine(const RegistryError &error);

} // namespace Berth
