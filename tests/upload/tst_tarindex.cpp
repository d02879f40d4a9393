// TarIndex against archives written by GNU tar and hand-made headers: long names (GNU, PAX),
// base-256 sizes, links resolved only inside the archive, and inputs that are not an
// uncompressed tar.

#include "fixtures/datatable.h"
#include "imagesourcetest.h"

using namespace Berth;
using namespace Berth::Test;
using namespace Qt::StringLiterals;

class tst_TarIndex : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void tarIndexReadsLongNames_data()
    {
        // longLink: a symlink whose target is the long name
        addColumns<QString, QString, bool>("format", "name", "longLink");
        const QString longFile = QString(150, u'n'); // no '/': ustar cannot split it
        const QString longPath = QString(70, u'd') + u'/' + QString(79, u'f'); // fits prefix + name
        QTest::newRow("PAX path and linkpath, with a global header")
            << u"pax"_s << u"deep/"_s + longFile << true;
        QTest::newRow("GNU long name and long link") << u"gnu"_s << u"deep/"_s + longFile << true;
        QTest::newRow("ustar prefix and name") << u"ustar"_s << longPath << false;
    }

    void tarIndexReadsLongNames()
    {
        BERTH_REQUIRE_EXECUTABLE(u"tar"_s);
        QFETCH(QString, format);
        QFETCH(QString, name);
        QFETCH(bool, longLink);
        QTemporaryDir dir;
        const QString root = dir.filePath(u"root"_s);
        const QByteArray content = deterministicBytes(1500, 11);
        QVERIFY(writeFile(root + u'/' + name, content));
        if (longLink)
            QCOMPARE(::symlink(qPrintable(name), qPrintable(root + u"/link"_s)), 0);
        const QString archive = dir.filePath(u"long.tar"_s);
        QStringList arguments{u"--format="_s + format, u"--sort=name"_s, u"-cf"_s, archive};
        if (format == u"pax")
            arguments << u"--pax-option=comment=written by tst_imagesource"_s; // a 'g' header
        const QString tarError = runTar(arguments + QStringList{u"-C"_s, root, u"."_s}, dir.path());
        QVERIFY2(tarError.isEmpty(), qPrintable(tarError));

        const Result<TarIndex> tar = TarIndex::read(archive);
        QVERIFY2(tar, qPrintable(errorOf(tar)));
        const Result<TarEntry> file = tar->file(name);
        QVERIFY2(file, qPrintable(errorOf(file)));
        QCOMPARE(file->name, name);
        QCOMPARE(file->size, content.size());
        QCOMPARE(readSlice(archive, file->dataOffset, file->size), content);
        if (longLink) {
            const TarEntry *link = tar->entry(u"./link"_s);
            QVERIFY(link);
            QCOMPARE(link->type, TarEntry::Type::Symlink);
            QCOMPARE(link->linkTarget, name);
            QCOMPARE(tar->file(u"link"_s)->dataOffset, file->dataOffset);
        }
    }

    void tarIndexReadsBase256Sizes()
    {
        // GNU tar writes sizes of 8 GiB and more in base-256; the same encoding works for any size.
        QByteArray size(12, '\0');
        size[0] = char(0x80);
        size[10] = char(0x01);
        size[11] = char(0x2c); // 300
        const QByteArray content = deterministicBytes(300, 9);
        QTemporaryDir dir;
        const QString archive = dir.filePath(u"base256.tar"_s);
        QVERIFY(writeFile(archive, tarMember("big.bin", content, '0', {}, size)
                                       + tarMember("next", "x") + kTarEnd));
        const Result<TarIndex> tar = TarIndex::read(archive);
        QVERIFY2(tar, qPrintable(errorOf(tar)));
        QCOMPARE(tar->entries().size(), 2);
        QCOMPARE(tar->entries()[0].size, 300);
        QCOMPARE(readSlice(archive, tar->entries()[0].dataOffset, 300), content);
        QCOMPARE(readSlice(archive, tar->file(u"next"_s)->dataOffset, 1), QByteArray("x"));
    }

    void tarIndexFollowsLinksInsideTheArchiveOnly()
    {
        QByteArray members
            = tarMember("./dir/", {}, '5') + tarMember("./dir/file", "payload")
              + tarMember("dir/rel", {}, '2', "file")
              + tarMember("up", {}, '2', "dir/../dir/./file")
              + tarMember("dir/sub/back", {}, '2', "../file")
              + tarMember("hard", {}, '1', "./dir/file") + tarMember("loop1", {}, '2', "loop2")
              + tarMember("loop2", {}, '2', "loop1") + tarMember("escape", {}, '2', "../outside")
              + tarMember("absolute", {}, '2', "/etc/passwd")
              + tarMember("dangling", {}, '2', "nothing");
        for (int i = 0; i < 9; ++i) { // chain0 -> ... -> chain8 -> dir/file: 9 hops
            const QByteArray next
                = i == 8 ? QByteArray("dir/file") : QByteArray("chain" + QByteArray::number(i + 1));
            members += tarMember("chain" + QByteArray::number(i), {}, '2', next);
        }
        QTemporaryDir dir;
        const QString archive = dir.filePath(u"links.tar"_s);
        QVERIFY(writeFile(archive, members + kTarEnd));
        const Result<TarIndex> tar = TarIndex::read(archive);
        QVERIFY2(tar, qPrintable(errorOf(tar)));
        QCOMPARE(tar->entry(u"dir"_s)->type, TarEntry::Type::Directory);

        for (const QString &name : {u"dir/file"_s, u"./dir//file"_s, u"dir/rel"_s, u"up"_s,
                                    u"dir/sub/back"_s, u"hard"_s, u"chain1"_s}) {
            const Result<TarEntry> file = tar->file(name);
            QVERIFY2(file, qPrintable(name + u": "_s + (file ? QString() : file.error().message)));
            QCOMPARE(file->name, u"dir/file"_s);
            QCOMPARE(readSlice(archive, file->dataOffset, file->size), QByteArray("payload"));
        }
        const std::pair<QString, QString> failures[] = {
            {u"dir"_s, u"is not a regular file"_s},
            {u"loop1"_s, u"link loop"_s},
            {u"chain0"_s, u"link loop"_s}, // 9 hops: one too many
            {u"escape"_s, u"leaves the archive"_s},
            {u"absolute"_s, u"leaves the archive"_s},
            {u"../dir/file"_s, u"leaves the archive"_s},
            {u"dangling"_s, u"points to \"nothing\", which is not in the archive"_s},
            {u"missing"_s, u"has no member \"missing\""_s},
        };
        for (const auto &[name, expected] : failures) {
            const Result<TarEntry> file = tar->file(name);
            QVERIFY2(!file, qPrintable(name));
            QVERIFY2(file.error().message.contains(expected), qPrintable(file.error().message));
        }
    }

    void tarIndexRejectsWhatIsNotAnUncompressedTar_data()
    {
        addColumns<QByteArray, QString>("bytes", "expected");
        const QByteArray tar = tarWithFile(u"a.bin"_s, deterministicBytes(5000, 3));
        QByteArray damaged = tarMember("a", "x") + tarMember("b", "y") + kTarEnd;
        damaged[1024] = 'c'; // the second header's name, under its checksum
        QTest::newRow("random bytes") << deterministicBytes(4096, 7) << u"is not a tar archive"_s;
        QTest::newRow("short text") << QByteArray("hello\n") << u"is not a tar archive"_s;
        QTest::newRow("empty file") << QByteArray() << u"the file is empty"_s;
        QTest::newRow("gzip") << gzipStored(
            tar) << u"is a compressed archive (gzip); decompress it first (e.g. gunzip)"_s;
        QTest::newRow("zstd") << QByteArray("\x28\xb5\x2f\xfd rest") << u"(e.g. unzstd)"_s;
        QTest::newRow("xz") << QByteArray("\xfd\x37\x7a\x58\x5a rest") << u"(e.g. unxz)"_s;
        QTest::newRow("cut inside member data")
            << tar.left(2000) << u"is truncated: member \"a.bin\" ends past the end of the file"_s;
        QTest::newRow("cut inside a header")
            << QByteArray(tarMember("a", "x") + tarMember("b", "y")).left(1024 + 100)
            << u"is truncated: it ends inside the tar header at byte 1024"_s;
        QTest::newRow("damaged second header")
            << damaged << u"bad tar header checksum at byte 1024"_s;
    }

    void tarIndexRejectsWhatIsNotAnUncompressedTar()
    {
        QFETCH(QByteArray, bytes);
        QFETCH(QString, expected);
        QTemporaryDir dir;
        const QString path = dir.filePath(u"input.tar"_s);
        QVERIFY(writeFile(path, bytes));
        const Result<TarIndex> tar = TarIndex::read(path);
        QVERIFY(!tar);
        QCOMPARE(tar.error().code, ErrorCode::InvalidArgument);
        QVERIFY2(tar.error().message.contains(expected) && tar.error().message.contains(path),
                 qPrintable(tar.error().message));
        const Result<ImageSource> source = readImageSource(path);
        QVERIFY(!source);
        // The same answer, unchanged, except that gzip and zstd archives are decompressed.
        const QString compression = TarIndex::compressionOf(bytes);
        if (compression != u"gzip" && compression != u"zstd")
            QCOMPARE(source.error().message, tar.error().message);
        QVERIFY(!isImageSource(path));
    }
};

QTEST_GUILESS_MAIN(tst_TarIndex)
#include "tst_tarindex.moc"
