// Dragging a tag onto a file manager (X Direct Save), the part without X: the file name
// Berth suggests is safe whatever the registry calls its repositories and tags, and the URI a
// file manager writes back is taken only as a clean local path into a folder that exists,
// never over an existing file ('S'); anything else is refused with the protocol's answer
// ('F': not a local file, the file manager may fall back; 'E': refused, Berth says why).

#include "ui/directsave.h"

#include <QDir>
#include <QFile>
#include <QTemporaryDir>
#include <QTest>
#include <QUrl>

#include <unistd.h>

using namespace Berth;
using namespace Qt::Literals::StringLiterals;

class tst_DirectSave : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;

    QByteArray uriOf(const QString &name) const
    {
        return QUrl::fromLocalFile(m_dir.filePath(name)).toEncoded();
    }
    void touch(const QString &name, const QByteArray &content = "keep")
    {
        QFile file(m_dir.filePath(name));
        QVERIFY(file.open(QIODevice::WriteOnly));
        file.write(content);
    }

private Q_SLOTS:
    void fileNamesAreSafe_data()
    {
        QTest::addColumn<QString>("repo");
        QTest::addColumn<QString>("tag");
        QTest::addColumn<QString>("expected"); // empty: only the safety checks
        QTest::newRow("plain") << u"hello-world"_s << u"v1"_s << u"hello-world-v1.tar"_s;
        QTest::newRow("path") << u"library/hello"_s << u"1.0"_s << u"library_hello-1.0.tar"_s;
        QTest::newRow("traversal") << u"../../etc"_s << u"passwd"_s << u"_._.._etc-passwd.tar"_s;
        QTest::newRow("newline") << u"a\nb"_s << u"t\r"_s << u"a_b-t_.tar"_s;
        QTest::newRow("control") << QString(u"x" + QChar(0x01) + QChar(0x7f)) << u"y"_s
                                 << u"x__-y.tar"_s;
        QTest::newRow("nul") << QString(u"n" + QChar(0) + u"ul") << u"t"_s << u"n_ul-t.tar"_s;
        QTest::newRow("option") << u"-rf"_s << u"x"_s << u"_rf-x.tar"_s;
        QTest::newRow("hidden") << u".config"_s << u"x"_s << u"_config-x.tar"_s;
        QTest::newRow("unicode") << u"ünï/𝄞"_s << u"tag"_s << u"_n____-tag.tar"_s;
        QTest::newRow("shell") << u"$(rm -rf ~)"_s << u"`x`;|&"_s << QString();
        QTest::newRow("backslash") << u"a\\b"_s << u"c:d"_s << u"a_b-c_d.tar"_s;
        QTest::newRow("empty") << QString() << u"v1"_s << u"image.tar"_s;
        QTest::newRow("long") << QString(5000, u'r') << QString(5000, u't') << QString();
    }
    void fileNamesAreSafe()
    {
        QFETCH(QString, repo);
        QFETCH(QString, tag);
        QFETCH(QString, expected);
        const QString name = DirectSave::fileName(repo, tag);
        if (!expected.isEmpty())
            QCOMPARE(name, expected);
        QVERIFY(name.endsWith(u".tar"));
        QVERIFY(name.size() <= DirectSave::MaxNameLength + 4);
        QVERIFY(!name.startsWith(u'.') && !name.startsWith(u'-'));
        for (QChar c : name)
            QVERIFY2((c >= u'a' && c <= u'z') || (c >= u'A' && c <= u'Z')
                         || (c >= u'0' && c <= u'9') || c == u'.' || c == u'-' || c == u'_',
                     qPrintable(name));
    }

    void aLocalFolderTakesTheFile()
    {
        const DirectSave::Target target = DirectSave::target(uriOf(u"hello-world-v1.tar"_s));
        QCOMPARE(target.answer, 'S');
        QCOMPARE(target.path, m_dir.filePath(u"hello-world-v1.tar"_s));
        // The forms file managers write: a host of this machine, a trailing NUL, spaces.
        const QString path = m_dir.filePath(u"with space.tar"_s);
        const QByteArray encoded = QUrl::toPercentEncoding(path, "/");
        const QList<QByteArray> uris{
            QByteArray("file://localhost" + encoded),
            QByteArray(QUrl::fromLocalFile(path).toEncoded() + QByteArray(1, '\0')),
            QByteArray("file://" + QSysInfo::machineHostName().toUtf8() + encoded)};
        for (const QByteArray &uri : uris) {
            const DirectSave::Target local = DirectSave::target(uri);
            QCOMPARE(local.answer, 'S');
            QCOMPARE(local.path, path);
        }
    }

    void refusedTargets_data()
    {
        QTest::addColumn<QByteArray>("uri");
        QTest::addColumn<char>("answer");
        QTest::newRow("http") << QByteArray("http://example.com/x.tar") << 'F';
        QTest::newRow("sftp") << QByteArray("sftp://host/tmp/x.tar") << 'F';
        QTest::newRow("smb") << QByteArray("smb://server/share/x.tar") << 'F';
        QTest::newRow("other host") << QByteArray("file://elsewhere.invalid/tmp/x.tar") << 'F';
        QTest::newRow("bare path") << QByteArray("/tmp/x.tar") << 'F';
        QTest::newRow("garbage") << QByteArray("\x01\x02 not a uri") << 'F';
        QTest::newRow("empty") << QByteArray() << 'F';
        QTest::newRow("relative") << QByteArray("file:relative/x.tar") << 'E';
        QTest::newRow("missing folder")
            << QByteArray("file:///nonexistent-berth-folder/sub/x.tar") << 'E';
        QTest::newRow("dot dot") << QByteArray("file:///tmp/../tmp/x.tar") << 'E';
        QTest::newRow("folder only") << QByteArray("file:///tmp/") << 'E';
        QTest::newRow("newline in name") << QByteArray("file:///tmp/x%0A.tar") << 'E';
        QTest::newRow("escape in name") << QByteArray("file:///tmp/x%1B[31m.tar") << 'E';
        QTest::newRow("nul in name") << QByteArray("file:///tmp/x%00.tar") << 'E';
    }
    void refusedTargets()
    {
        QFETCH(QByteArray, uri);
        QFETCH(char, answer);
        const DirectSave::Target target = DirectSave::target(uri);
        QCOMPARE(target.answer, answer);
        QVERIFY(target.path.isEmpty());
        QVERIFY(!target.reason.isEmpty());
    }

    // An existing file (or a link, even a dangling one) is never overwritten: the next free
    // "name (n).tar" is taken; when all are taken, the drop is refused.
    void anExistingFileIsNotOverwritten()
    {
        touch(u"app-v1.tar"_s);
        DirectSave::Target target = DirectSave::target(uriOf(u"app-v1.tar"_s));
        QCOMPARE(target.answer, 'S');
        QCOMPARE(target.path, m_dir.filePath(u"app-v1 (2).tar"_s));
        touch(u"app-v1 (2).tar"_s);
        QVERIFY(QFile::link(m_dir.filePath(u"gone"_s), m_dir.filePath(u"app-v1 (3).tar"_s)));
        target = DirectSave::target(uriOf(u"app-v1.tar"_s));
        QCOMPARE(target.path, m_dir.filePath(u"app-v1 (4).tar"_s));

        touch(u"noext"_s);
        QCOMPARE(DirectSave::target(uriOf(u"noext"_s)).path, m_dir.filePath(u"noext (2)"_s));

        for (int n = 4; n <= DirectSave::MaxCopies; ++n)
            touch(u"app-v1 (%1).tar"_s.arg(n));
        target = DirectSave::target(uriOf(u"app-v1.tar"_s));
        QCOMPARE(target.answer, 'E');
        QVERIFY(target.path.isEmpty());
        QFile kept(m_dir.filePath(u"app-v1.tar"_s));
        QVERIFY(kept.open(QIODevice::ReadOnly));
        QCOMPARE(kept.readAll(), QByteArray("keep"));
    }

    void aFolderThatCannotBeWrittenIsRefused()
    {
        if (geteuid() == 0)
            QSKIP("root may write into any folder");
        const QString locked = m_dir.filePath(u"locked"_s);
        QVERIFY(QDir().mkdir(locked));
        QVERIFY(QFile::setPermissions(locked, QFile::ReadOwner | QFile::ExeOwner));
        const DirectSave::Target target
            = DirectSave::target(QUrl::fromLocalFile(locked + u"/x.tar").toEncoded());
        QFile::setPermissions(locked, QFile::ReadOwner | QFile::WriteOwner | QFile::ExeOwner);
        QCOMPARE(target.answer, 'E');
    }
};

QTEST_GUILESS_MAIN(tst_DirectSave)
#include "tst_directsave.moc"
