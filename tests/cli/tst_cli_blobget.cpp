// berth-cli blob get -o FILE against Debian's docker-registry, through the fault proxy that
// counts the requests: a blob of 64 MiB (the parallel threshold) comes in 16 Range requests, as
// `pull` fetches a layer, and lands byte for byte over the FILE that was there; wrong bytes (the
// registry's stored copy damaged) leave neither FILE nor FILE.part, and a FILE that was there
// keeps its content, in parts and as one stream alike; a FILE that cannot be created fails at
// once with IO_ERROR naming it, exit 1, before a request is sent.

#include "clirun.h"
#include "core/sha256.h"
#include "fixtures/faultproxy.h"
#include "fixtures/ocilayout.h"
#include "fixtures/realregistry.h"

#include <QFile>
#include <QHash>
#include <QTemporaryDir>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {

constexpr qsizetype LargeSize = qsizetype(64) << 20; // RangedDownloadOptions::threshold
constexpr int LargeParts = 16;                       // of size / 16 each
constexpr qsizetype SmallSize = 300000;              // one stream

QByteArray contentOf(const QString &path)
{
    QFile file(path);
    return file.open(QIODevice::ReadOnly) ? file.readAll() : QByteArray();
}

bool writeContent(const QString &path, const QByteArray &data)
{
    QFile file(path);
    return file.open(QIODevice::WriteOnly) && file.write(data) == data.size();
}

} // namespace

class tst_CliBlobGet : public QObject
{
    Q_OBJECT

    QTemporaryDir m_dir;
    RealRegistry m_registry;
    FaultProxy m_proxy;
    QHash<qsizetype, QString> m_damaged; // blob size → digest of a blob the registry damaged

    CliRun cli(const QStringList &args)
    {
        QProcessEnvironment env = QProcessEnvironment::systemEnvironment();
        env.insert(QStringLiteral("BERTH_REGISTRY"), m_proxy.url().toString());
        env.insert(QStringLiteral("BERTH_CLI_DEBUG"), QStringLiteral("1"));
        env.remove(QStringLiteral("BERTH_USERNAME"));
        env.remove(QStringLiteral("BERTH_PASSWORD"));
        return runCli(args, env);
    }
    QString path(const QString &name) const { return m_dir.filePath(name); }

    // Pushes `data` as a blob of `repo` with berth-cli; its digest, or empty on failure.
    QString push(const QString &repo, const QByteArray &data)
    {
        QString digest = Sha256::digestOf(data);
        const QString in = path(digest.mid(7, 12));
        if (!writeContent(in, data))
            return {};
        const CliRun r = cli({u"blob"_qs, u"push"_qs, repo, in});
        QFile::remove(in);
        if (r.exitCode != 0 || r.out.trimmed() != digest.toUtf8()) {
            qWarning("blob push: %s", r.err.constData());
            return {};
        }
        return digest;
    }

    // The registry's stored copy of `digest`: one byte in the middle changed, so that the
    // registry serves wrong bytes under the right name.
    bool damageStoredBlob(const QString &digest)
    {
        const QString hex = digest.mid(7);
        QFile data(m_registry.storageDir() + u"/docker/registry/v2/blobs/sha256/"_qs + hex.left(2)
                   + u'/' + hex + u"/data"_qs);
        if (!data.open(QIODevice::ReadWrite) || !data.seek(data.size() / 2))
            return false;
        char byte = 0;
        return data.getChar(&byte) && data.seek(data.size() / 2) && data.putChar(char(~byte));
    }

    int blobRequests(const QByteArray &method) const
    {
        int n = 0;
        for (const QByteArray &line : m_proxy.requestLines())
            n += line.startsWith(QByteArray(method + ' ')) && line.contains("/blobs/sha256:") ? 1
                                                                                              : 0;
        return n;
    }

private Q_SLOTS:
    void initTestCase()
    {
        QVERIFY(m_dir.isValid());
        QString error;
        QVERIFY2(m_registry.start(RealRegistry::Mode::Plain, &error), qPrintable(error));
        QVERIFY2(m_proxy.start(m_registry.port(), &error), qPrintable(error));
        for (const qsizetype size : {LargeSize, SmallSize}) {
            const QString digest = push(u"get/damaged"_qs, deterministicBytes(size, 2));
            QVERIFY(!digest.isEmpty());
            QVERIFY(damageStoredBlob(digest));
            m_damaged.insert(size, digest);
        }
    }

    void aLargeBlobComesInRangesOverTheOldFile()
    {
        const QByteArray data = deterministicBytes(LargeSize, 1);
        const QString digest = push(u"get/large"_qs, data);
        QVERIFY(!digest.isEmpty());
        const QString out = path(u"large.bin"_qs);
        QVERIFY(writeContent(out, "an older file"));
        m_proxy.clearLog();
        const CliRun r = cli({u"blob"_qs, u"get"_qs, u"get/large"_qs, digest, u"-o"_qs, out});
        QVERIFY2(r.exitCode == 0, r.err.constData());
        QVERIFY2(r.out.isEmpty() && r.err.isEmpty(), r.err.constData());
        QVERIFY(contentOf(out) == data);
        QVERIFY(!QFile::exists(out + u".part"_qs));
        QCOMPARE(blobRequests("HEAD"), 1);
        QCOMPARE(blobRequests("GET"), LargeParts);
        QVERIFY(m_proxy.connectionsAccepted() > 1); // several at once
    }

    // Wrong bytes under the right digest: DIGEST_MISMATCH, and nothing written stays.
    void wrongBytesLeaveNothingAndTheOldFileAsItWas_data()
    {
        QTest::addColumn<qsizetype>("size");
        QTest::addColumn<bool>("fileBefore");
        QTest::newRow("in parts, no file before") << LargeSize << false;
        QTest::newRow("in parts, a file before") << LargeSize << true;
        QTest::newRow("one stream, no file before") << SmallSize << false;
        QTest::newRow("one stream, a file before") << SmallSize << true;
    }
    void wrongBytesLeaveNothingAndTheOldFileAsItWas()
    {
        QFETCH(qsizetype, size);
        QFETCH(bool, fileBefore);
        const QString digest = m_damaged.value(size);
        QVERIFY(!digest.isEmpty());
        const QString out = path(u"damaged.bin"_qs);
        QFile::remove(out);
        const QByteArray old = "the file that was there";
        if (fileBefore)
            QVERIFY(writeContent(out, old));
        m_proxy.clearLog();
        const CliRun r = cli({u"blob"_qs, u"get"_qs, u"get/damaged"_qs, digest, u"-o"_qs, out});
        QCOMPARE(r.exitCode, 1);
        QVERIFY2(r.err.startsWith("berth-cli: DIGEST_MISMATCH: "), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QCOMPARE(blobRequests("GET"), size >= LargeSize ? LargeParts : 1);
        QVERIFY(!QFile::exists(out + u".part"_qs));
        QCOMPARE(QFile::exists(out), fileBefore);
        if (fileBefore)
            QCOMPARE(contentOf(out), old);
    }

    // The .part cannot be created: IO_ERROR naming it, exit 1, no request sent.
    void anUnwritableDirectoryFailsClearly_data()
    {
        QTest::addColumn<QString>("out");
        QTest::newRow("no such directory") << path(u"missing/blob.bin"_qs);
        QTest::newRow("a directory no one may write") << u"/proc/berth-blob.bin"_qs;
    }
    void anUnwritableDirectoryFailsClearly()
    {
        QFETCH(QString, out);
        const QString digest = Sha256::digestOf("never fetched");
        m_proxy.clearLog();
        const CliRun r = cli({u"blob"_qs, u"get"_qs, u"get/none"_qs, digest, u"-o"_qs, out});
        QCOMPARE(r.exitCode, 1);
        const QByteArray expected = "berth-cli: IO_ERROR: Cannot write " + out.toUtf8() + ".part: ";
        QVERIFY2(r.err.startsWith(expected), r.err.constData());
        QCOMPARE(r.err.count('\n'), 1);
        QVERIFY(r.out.isEmpty());
        QVERIFY(m_proxy.requestLines().isEmpty());
        QVERIFY(!QFile::exists(out));
    }
};

QTEST_GUILESS_MAIN(tst_CliBlobGet)
#include "tst_cli_blobget.moc"
