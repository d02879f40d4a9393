// StreamPipe on its own: bytes come out in order across its blocks whatever the sizes of the
// writes and reads, limitRead() and closeWrite() end the reader where they say, a writer that
// stops at a bound (large or small) goes on as the reader drains, and bytesWritten() comes
// once per NotifyBytes read (or when the pipe is empty), not once per read; readyRead()
// comes when a write finds the pipe empty, not for every write.

#include "upload/streampipe.h"

#include <QSignalSpy>
#include <QTest>
#include <QTimer>

using namespace Berth;

namespace {
QByteArray pattern(qint64 size)
{
    QByteArray bytes(size, Qt::Uninitialized);
    for (qint64 i = 0; i < size; ++i)
        bytes[i] = char((i * 7 + i / 251) & 0xff);
    return bytes;
}
} // namespace

class tst_StreamPipe : public QObject
{
    Q_OBJECT

private Q_SLOTS:
    void bytesComeOutInOrderAcrossBlocks()
    {
        const QByteArray in = pattern(3 * StreamPipe::BlockBytes + 12345);
        const QList<qint64> writes{1, 100000, StreamPipe::BlockBytes, 7, 300000, 1 << 20};
        const QList<qint64> reads{16384, 3, StreamPipe::BlockBytes + 1, 99999};
        StreamPipe pipe;
        QByteArray out;
        qint64 written = 0;
        for (int turn = 0; out.size() < in.size(); ++turn) {
            const qint64 w = qMin(writes[turn % writes.size()], in.size() - written);
            if (w > 0)
                QCOMPARE(pipe.write(in.constData() + written, w), w);
            written += w;
            QCOMPARE(pipe.bytesToWrite(), written - out.size());
            out += pipe.read(reads[turn % reads.size()]);
        }
        QCOMPARE(out, in);
        QCOMPARE(pipe.totalWritten(), qint64(in.size()));
        QCOMPARE(pipe.bytesAvailable(), qint64(0));
        QVERIFY(!pipe.atEnd());
        pipe.closeWrite();
        QVERIFY(pipe.atEnd());
        QCOMPARE(pipe.write("x", 1), qint64(-1));
    }

    void limitReadEndsTheReaderEarly()
    {
        const QByteArray in = pattern(StreamPipe::BlockBytes + 10);
        StreamPipe pipe;
        pipe.write(in);
        pipe.limitRead(StreamPipe::BlockBytes - 5);
        QCOMPARE(pipe.bytesAvailable(), StreamPipe::BlockBytes - 5);
        QByteArray out = pipe.read(in.size());
        QCOMPARE(out.size(), StreamPipe::BlockBytes - 5);
        QVERIFY(pipe.atEnd());
        QCOMPARE(pipe.read(1), QByteArray());
        pipe.limitRead(-1);
        out += pipe.read(in.size());
        QCOMPARE(out, in);
    }

    // The writer writes while the pipe holds less than `bound`; the reader takes 16 KiB a
    // turn. Whatever the bound, every byte passes and the pipe never holds more than the
    // bound and one write.
    void aBoundedWriterGoesOnAsTheReaderDrains_data()
    {
        QTest::addColumn<qint64>("bound");
        QTest::addColumn<qint64>("slice");
        QTest::newRow("1 MiB, RequestJob's") << (qint64(1) << 20) << (qint64(1) << 20);
        QTest::newRow("4 KiB, under NotifyBytes") << qint64(4096) << qint64(1000);
    }
    void aBoundedWriterGoesOnAsTheReaderDrains()
    {
        QFETCH(qint64, bound);
        QFETCH(qint64, slice);
        const QByteArray in = pattern(qint64(3) << 20);
        StreamPipe pipe;
        qint64 written = 0;
        qint64 peak = 0;
        const auto writeSome = [&] {
            while (written < in.size() && pipe.bytesToWrite() < bound) {
                const qint64 n = qMin(slice, in.size() - written);
                pipe.write(in.constData() + written, n);
                written += n;
                peak = qMax(peak, pipe.bytesToWrite());
            }
        };
        connect(&pipe, &QIODevice::bytesWritten, this, writeSome);
        QByteArray out;
        QTimer reader;
        reader.setInterval(0);
        connect(&reader, &QTimer::timeout, this, [&] { out += pipe.read(16384); });
        reader.start();
        writeSome();
        QTRY_VERIFY(out.size() == in.size());
        QCOMPARE(out, in);
        QVERIFY2(peak < bound + slice, qPrintable(QString::number(peak)));
    }

    // A reader that waits for readyRead() after it found the pipe empty is woken by the next
    // write; one that has not read everything gets no readyRead() for more writes.
    void readyReadComesWhenAWriteFindsThePipeEmpty()
    {
        StreamPipe pipe;
        QSignalSpy spy(&pipe, &QIODevice::readyRead);
        pipe.write(pattern(1000));
        QCOMPARE(spy.size(), 1);
        for (int i = 0; i < 10; ++i)
            pipe.write(pattern(16384));
        QCOMPARE(spy.size(), 1);
        pipe.read(100);
        pipe.write(pattern(10));
        QCOMPARE(spy.size(), 1);
        QCOMPARE(pipe.read(1 << 20).size(), 1000 + 10 * 16384 + 10 - 100);
        pipe.write(pattern(10));
        QCOMPARE(spy.size(), 2);
    }

    // 1 MiB read 16 KiB at a time, each read in its own turn: four bytesWritten() (one per
    // NotifyBytes), not 64; together they count every byte.
    void bytesWrittenComesOncePerNotifyBytes()
    {
        const qint64 size = qint64(1) << 20;
        StreamPipe pipe;
        pipe.write(pattern(size));
        QSignalSpy spy(&pipe, &QIODevice::bytesWritten);
        qint64 read = 0;
        while (read < size) {
            read += pipe.read(16384).size();
            QCoreApplication::processEvents();
        }
        QTRY_VERIFY(pipe.bytesToWrite() == 0 && !spy.isEmpty());
        qint64 counted = 0;
        for (const QList<QVariant> &signal : std::as_const(spy))
            counted += signal.at(0).toLongLong();
        QCOMPARE(counted, size);
        QCOMPARE(spy.size(), int(size / StreamPipe::NotifyBytes));
    }
};

QTEST_GUILESS_MAIN(tst_StreamPipe)
#include "tst_streampipe.moc"
