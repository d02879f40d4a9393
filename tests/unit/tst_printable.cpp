#include "core/printable.h"
#include "fixtures/datatable.h"

#include <QTest>

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::Literals::StringLiterals;

class tst_Printable : public QObject
{
    Q_OBJECT

private slots:
    void escapesWhatCouldFoolATerminal_data();
    void escapesWhatCouldFoolATerminal();
    void printableTextIsSafeAndStable_data();
    void printableTextIsSafeAndStable();
    void quotedValuesAreCut_data();
    void quotedValuesAreCut();
    void errorLineHasACleanCodeAndOneLine_data();
    void errorLineHasACleanCodeAndOneLine();
};

void tst_Printable::escapesWhatCouldFoolATerminal_data()
{
    addColumns<QString, QString>("text", "expected");

    QTest::newRow("plain ascii") << u"team/app:v1.0 -> ok"_s << u"team/app:v1.0 -> ok"_s;
    QTest::newRow("backslash stays") << u"C:\\x1b"_s << u"C:\\x1b"_s;
    QTest::newRow("accented and cjk")
        << u"\u00e4\u00f6 \u6f22\u5b57"_s << u"\u00e4\u00f6 \u6f22\u5b57"_s;
    QTest::newRow("emoji (a surrogate pair)") << u"\U0001F433"_s << u"\U0001F433"_s;
    QTest::newRow("replacement character") << u"\uFFFD"_s << u"\uFFFD"_s;
    QTest::newRow("newline") << u"a\nb"_s << u"a\\nb"_s;
    QTest::newRow("carriage return") << u"a\rb"_s << u"a\\rb"_s;
    QTest::newRow("tab") << u"a\tb"_s << u"a\\tb"_s;
    QTest::newRow("escape sequence") << u"\x1b[31mred"_s << u"\\x1b[31mred"_s;
    QTest::newRow("bell") << u"ding\x07"_s << u"ding\\x07"_s;
    QTest::newRow("nul") << QString(QChar(0)) << u"\\x00"_s;
    QTest::newRow("osc title") << u"\x1b]0;owned\x07"_s << u"\\x1b]0;owned\\x07"_s;
    QTest::newRow("delete") << u"\x7f"_s << u"\\x7f"_s;
    QTest::newRow("c1 csi") << u"\u009b31m"_s << u"\\u009b31m"_s;
    QTest::newRow("c1 next line") << u"a\u0085b"_s << u"a\\u0085b"_s;
    QTest::newRow("right-to-left override") << u"evil\u202Etxt.exe"_s << u"evil\\u202etxt.exe"_s;
    QTest::newRow("bidi embeddings")
        << u"\u202A\u202B\u202C\u202D"_s << u"\\u202a\\u202b\\u202c\\u202d"_s;
    QTest::newRow("bidi marks") << u"\u200E\u200F\u061C"_s << u"\\u200e\\u200f\\u061c"_s;
    QTest::newRow("bidi isolates")
        << u"\u2066\u2067\u2068\u2069"_s << u"\\u2066\\u2067\\u2068\\u2069"_s;
    QTest::newRow("zero width space") << u"a\u200Bb"_s << u"a\\u200bb"_s;
    QTest::newRow("byte order mark") << u"\uFEFFa"_s << u"\\ufeffa"_s;
    QTest::newRow("line separator") << u"a\u2028b"_s << u"a\\u2028b"_s;
    QTest::newRow("paragraph separator") << u"a\u2029b"_s << u"a\\u2029b"_s;
    QTest::newRow("non-character") << u"a\uFFFE"_s << u"a\\ufffe"_s;
    QTest::newRow("tag character beyond the bmp") << u"\U000E0041"_s << u"\\U000e0041"_s;
    QTest::newRow("lone high surrogate") << (u"a"_s + QChar(0xD800) + u"b"_s) << u"a\\ud800b"_s;
    QTest::newRow("lone low surrogate") << (QString(QChar(0xDC00)) + u"z"_s) << u"\\udc00z"_s;
    QTest::newRow("high surrogate at the end") << (u"a"_s + QChar(0xDBFF)) << u"a\\udbff"_s;
}

void tst_Printable::escapesWhatCouldFoolATerminal()
{
    QFETCH(QString, text);
    QFETCH(QString, expected);
    QCOMPARE(printable(text), expected);
}

void tst_Printable::printableTextIsSafeAndStable_data()
{
    addColumns<QString>("text");

    QTest::newRow("every c0 and c1 control") << [] {
        QString all;
        for (char16_t c = 0; c < 0xa0; ++c)
            all += QChar(c);
        return all;
    }();
    QTest::newRow("forged line") << u"v1\nberth-cli: OK: all fine\r\n"_s;
    QTest::newRow("invalid utf-8 decoded") << QString::fromUtf8("\xff\xfe\xc3(\x1b\xe2\x80\xae");
    QTest::newRow("header bytes as latin-1") << QString::fromLatin1("sha256:\x9b"
                                                                    "2J\x85");
}

// Whatever goes in, nothing a terminal acts on comes out, and escaping again changes nothing.
void tst_Printable::printableTextIsSafeAndStable()
{
    QFETCH(QString, text);
    const QString once = printable(text);
    for (QChar c : once) {
        QVERIFY2(c.unicode() >= 0x20 && c.unicode() != 0x7f, qPrintable(once));
        QVERIFY2(c.unicode() < 0x80 || c.unicode() > 0x9f, qPrintable(once));
        QVERIFY(c.category() != QChar::Other_Format && c.category() != QChar::Separator_Line
                && c.category() != QChar::Separator_Paragraph);
        QVERIFY(!c.isSurrogate()); // no lone halves either
    }
    QCOMPARE(printable(once), once);
}

void tst_Printable::quotedValuesAreCut_data()
{
    addColumns<QString, int, QString>("text", "maxLength", "expected");

    QTest::newRow("short") << u"v1"_s << 80 << u"\"v1\""_s;
    QTest::newRow("escaped inside") << u"v1\x1b"_s << 80 << u"\"v1\\x1b\""_s;
    QTest::newRow("cut") << u"abcdef"_s << 3 << u"\"abc\u2026\""_s;
    QTest::newRow("exactly the limit") << u"abc"_s << 3 << u"\"abc\""_s;
    QTest::newRow("pair kept whole") << u"ab\U0001F433c"_s << 3 << u"\"ab\u2026\""_s;
}

void tst_Printable::quotedValuesAreCut()
{
    QFETCH(QString, text);
    QFETCH(int, maxLength);
    QFETCH(QString, expected);
    QCOMPARE(printableQuoted(text, maxLength), expected);
}

void tst_Printable::errorLineHasACleanCodeAndOneLine_data()
{
    addColumns<QString, QString, int, QString>("code", "message", "status", "expected");

    QTest::newRow("distribution code")
        << u"NAME_UNKNOWN"_s << u"repository name not known to registry"_s << 404
        << u"NAME_UNKNOWN: repository name not known to registry (HTTP 404)"_s;
    QTest::newRow("status already said") << u"SERVER_ERROR"_s << u"HTTP 502 from proxy"_s << 502
                                         << u"SERVER_ERROR: HTTP 502 from proxy"_s;
    QTest::newRow("no message: the code")
        << u"TIMEOUT"_s << QString() << 0 << u"TIMEOUT: TIMEOUT"_s;
    QTest::newRow("digits in the code") << u"E404_X"_s << u"gone"_s << 0 << u"E404_X: gone"_s;
    QTest::newRow("forged second line in the code")
        << u"X\nberth-cli: OK: forged"_s << u"denied"_s << 403
        << u"UNKNOWN: denied (HTTP 403) (registry code \"X\\nberth-cli: OK: forged\")"_s;
    QTest::newRow("escape sequence in the code")
        << u"\x1b[2JDENIED"_s << u"no"_s << 0
        << u"UNKNOWN: no (registry code \"\\x1b[2JDENIED\")"_s;
    QTest::newRow("azure code") << u"InvalidRequest"_s << u"The request is invalid."_s << 400
                                << u"UNKNOWN: The request is invalid. (HTTP 400) (registry code "
                                   "\"InvalidRequest\")"_s;
    QTest::newRow("oauth code without message")
        << u"invalid_grant"_s << QString() << 0 << u"UNKNOWN: (registry code \"invalid_grant\")"_s;
    QTest::newRow("over-long code")
        << QString(65, u'A') << u"m"_s << 0
        << u"UNKNOWN: m (registry code \""_s + QString(64, u'A') + u"\u2026\")"_s;
    QTest::newRow("no code") << QString() << u"m"_s << 0 << u"UNKNOWN: m"_s;
    QTest::newRow("newline in the message") << u"DENIED"_s << u"a\nberth-cli: OK: forged"_s << 0
                                            << u"DENIED: a\\nberth-cli: OK: forged"_s;
    QTest::newRow("bidi override in the message")
        << u"DENIED"_s << u"\u202Ekcatta"_s << 0 << u"DENIED: \\u202ekcatta"_s;
}

void tst_Printable::errorLineHasACleanCodeAndOneLine()
{
    QFETCH(QString, code);
    QFETCH(QString, message);
    QFETCH(int, status);
    QFETCH(QString, expected);
    const QString line = printableErrorLine(RegistryError::make(code, message, status));
    QCOMPARE(line, expected);
    QVERIFY(!line.contains(u'\n'));
}

QTEST_GUILESS_MAIN(tst_Printable)
#include "tst_printable.moc"
