// UploadQueueModel over a real UploadWorker uploading to the in-process ACR emulator, with
// QAbstractItemModelTester watching from the start: rows appear as entries are added and
// change in place, progress climbs to 1000 per mille, states end Done with the digest,
// paused entries count in the overall figures, removeFinished() drops only finished rows,
// a missing file ends Failed with the error, a destroyed worker's rows end Cancelled, and a
// worker allocated where a destroyed one was gets rows of its own.

#include "fixtures/datatable.h"
#include <QTest> // before uploadtest.h, which uses it

#include "../upload/uploadtest.h"
#include "core/sha256.h"
#include "emulator/acremulator.h"
#include "models/format.h"
#include "models/jobtransfer.h"
#include "models/uploadqueuemodel.h"
#include "registry/connection.h"
#include "upload/uploadworker.h"

#include <QAbstractItemModelTester>
#include <QSignalSpy>
#include <QTest>

using namespace Berth;
using namespace Berth::Test;

namespace {
constexpr int Wait = 60000;
const QString Repo = QStringLiteral("uploads/model");
} // namespace

class tst_UploadQueueModel : public QObject
{
    Q_OBJECT

    std::unique_ptr<AcrEmulator> m_emu;
    std::unique_ptr<QTemporaryDir> m_dir;

    ConnectionSettings settings() const
    {
        ConnectionSettings s;
        s.registry = *normalizeRegistryUrl(m_emu->url().toString(), false);
        s.credentials = Credentials::password(QStringLiteral("u"), QStringLiteral("p"));
        return s;
    }
    static UploadRequest blob(const QString &path, qint64 chunkSize = -1)
    {
        UploadRequest request;
        request.repository = Repo;
        request.path = path;
        request.chunkSize = chunkSize;
        return request;
    }
    static UploadState state(const UploadQueueModel &model, int row)
    {
        return UploadState(model.index(row, 0).data(UploadQueueModel::StateRole).toInt());
    }
    static bool allIn(const UploadQueueModel &model, UploadState wanted)
    {
        for (int row = 0; row < model.rowCount(); ++row) {
            if (state(model, row) != wanted)
                return false;
        }
        return true;
    }

private Q_SLOTS:
    void init()
    {
        m_emu = std::make_unique<AcrEmulator>();
        m_emu->addUser(QStringLiteral("u"), QStringLiteral("p"));
        QVERIFY(m_emu->listen());
        m_dir = std::make_unique<QTemporaryDir>();
        QVERIFY(m_dir->isValid());
    }
    void cleanup()
    {
        m_emu.reset();
        m_dir.reset();
    }

    void rowsFollowTheWorkerAndEndDoneAtFullProgress()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UploadWorker worker(settings());
        model.attach(&worker);
        const QStringList paths{writePatternFile(*m_dir, QStringLiteral("big.bin"), 8 << 20, 1),
                                writePatternFile(*m_dir, QStringLiteral("small.txt"), 70000, 2),
                                writePatternFile(*m_dir, QStringLiteral("empty"), 0, 3)};
        // Progress as the view sees it, per row, and which rows changed.
        QList<QList<int>> progress(paths.size());
        QSignalSpy rowsInserted(&model, &QAbstractItemModel::rowsInserted);
        QSignalSpy overall(&model, &UploadQueueModel::overallChanged);
        connect(&model, &QAbstractItemModel::dataChanged, this,
                [&](const QModelIndex &topLeft, const QModelIndex &bottomRight) {
                    QCOMPARE(topLeft.row(), bottomRight.row()); // one row at a time
                    QCOMPARE(topLeft.column(), 0);
                    QCOMPARE(bottomRight.column(), UploadQueueModel::ColumnCount - 1);
                    progress[topLeft.row()] << topLeft.data(UploadQueueModel::ProgressRole).toInt();
                });

        QList<int> ids;
        for (const QString &path : paths)
            ids << worker.enqueue(blob(path, 1 << 20));
        QCOMPARE(rowsInserted.size(), 3); // appended as they are added
        QCOMPARE(model.rowCount(), 3);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(model.index(row, 0).data(UploadQueueModel::IdRole).toInt(), ids.at(row));
            QCOMPARE(model.index(row, UploadQueueModel::Repository).data().toString(), Repo);
            QCOMPARE(model.worker(row), &worker);
        }
        QCOMPARE(model.index(0, UploadQueueModel::Name).data().toString(),
                 QStringLiteral("big.bin"));
        const QString tip = model.index(0, UploadQueueModel::Name).data(Qt::ToolTipRole).toString();
        QVERIFY2(tip.contains(QDir::toNativeSeparators(paths.at(0))) && tip.contains(Repo),
                 qPrintable(tip));
        QCOMPARE(model.activeCount(), 3);

        QTRY_VERIFY_WITH_TIMEOUT(allIn(model, UploadState::Done), Wait);
        for (int row = 0; row < 3; ++row) {
            QCOMPARE(model.index(row, 0).data(UploadQueueModel::ProgressRole).toInt(), 1000);
            QCOMPARE(model.index(row, UploadQueueModel::Progress).data().toString(),
                     QStringLiteral("100 %"));
            QCOMPARE(model.index(row, UploadQueueModel::State).data().toString(),
                     UploadQueueModel::stateName(UploadState::Done));
            QCOMPARE(model.index(row, 0).data(UploadQueueModel::DigestRole).toString(),
                     Sha256::digestOf(readAll(paths.at(row))));
            QVERIFY(!model.index(row, UploadQueueModel::State)
                         .data(Qt::ToolTipRole)
                         .toString()
                         .isEmpty()); // what happened
            QVERIFY(model.index(row, UploadQueueModel::Rate).data().toString().isEmpty());
            QVERIFY(model.index(row, UploadQueueModel::TimeLeft).data().toString().isEmpty());
            // Progress never went back, and ended at 1000.
            const QList<int> &seen = progress.at(row);
            QVERIFY(!seen.isEmpty());
            QCOMPARE(seen.last(), 1000);
            for (qsizetype i = 1; i < seen.size(); ++i)
                QVERIFY2(seen.at(i) >= seen.at(i - 1) || seen.at(i - 1) < 0,
                         qPrintable(QStringLiteral("row %1 went back").arg(row)));
        }
        QCOMPARE(model.index(0, UploadQueueModel::Size).data().toString(), Format::size(8 << 20));
        QCOMPARE(model.activeCount(), 0);
        QCOMPARE(model.totalBytes(), 0);
        QCOMPARE(model.bytesPerSecond(), 0.0);
        QTRY_VERIFY_WITH_TIMEOUT(!overall.isEmpty(), Wait); // coalesced, but said
    }

    void pausedEntriesCountInTheOverallButNotInTheRate()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UploadWorker worker(settings(), 1); // one at a time: the others wait queued
        model.attach(&worker);
        const QString a = writePatternFile(*m_dir, QStringLiteral("a"), 4 << 20, 4);
        const QString b = writePatternFile(*m_dir, QStringLiteral("b"), 3 << 20, 5);
        const int first = worker.enqueue(blob(a, 64 << 10));
        const int second = worker.enqueue(blob(b, 64 << 10));
        worker.pause(first);
        worker.pause(second);
        QTRY_VERIFY_WITH_TIMEOUT(allIn(model, UploadState::Paused), Wait);
        QCOMPARE(model.activeCount(), 2);
        QCOMPARE(model.totalBytes(), qint64(7 << 20));
        QVERIFY(model.sentBytes() < model.totalBytes());
        QCOMPARE(model.bytesPerSecond(), 0.0);
        QCOMPARE(model.index(0, UploadQueueModel::State).data().toString(),
                 UploadQueueModel::stateName(UploadState::Paused));
        QVERIFY(model.index(0, UploadQueueModel::Rate).data().toString().isEmpty());
        QVERIFY(model.index(1, UploadQueueModel::Size)
                    .data()
                    .toString()
                    .contains(Format::size(3 << 20)));

        worker.resume(first);
        worker.resume(second);
        QTRY_VERIFY_WITH_TIMEOUT(allIn(model, UploadState::Done), Wait);
        QCOMPARE(model.activeCount(), 0);
    }

    void removeFinishedDropsOnlyFinishedRows()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UploadWorker worker(settings());
        model.attach(&worker);
        // Rows: done, paused, done, done: two ranges to remove around the paused one.
        worker.enqueue(blob(writePatternFile(*m_dir, QStringLiteral("r0"), 1000, 6)));
        const int paused = worker.enqueue(
            blob(writePatternFile(*m_dir, QStringLiteral("r1"), 6 << 20, 7), 64 << 10));
        worker.pause(paused);
        worker.enqueue(blob(writePatternFile(*m_dir, QStringLiteral("r2"), 2000, 8)));
        worker.enqueue(blob(writePatternFile(*m_dir, QStringLiteral("r3"), 3000, 9)));
        QTRY_VERIFY_WITH_TIMEOUT(
            state(model, 0) == UploadState::Done && state(model, 1) == UploadState::Paused
                && state(model, 2) == UploadState::Done && state(model, 3) == UploadState::Done,
            Wait);

        QSignalSpy removed(&model, &QAbstractItemModel::rowsRemoved);
        model.removeFinished();
        QCOMPARE(removed.size(), 2);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.index(0, 0).data(UploadQueueModel::IdRole).toInt(), paused);
        QCOMPARE(model.rowOf(&worker, paused), 0);

        // The remaining row still follows its entry.
        worker.resume(paused);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), UploadState::Done, Wait);
        model.removeFinished();
        QCOMPARE(model.rowCount(), 0);
    }

    void aMissingFileEndsFailedWithTheError()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UploadWorker worker(settings());
        model.attach(&worker);
        worker.enqueue(blob(m_dir->filePath(QStringLiteral("not-there.bin"))));
        QCOMPARE(model.rowCount(), 1);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), UploadState::Failed, Wait);
        QCOMPARE(model.index(0, UploadQueueModel::State).data().toString(),
                 UploadQueueModel::stateName(UploadState::Failed));
        const QString message
            = model.index(0, UploadQueueModel::State).data(Qt::ToolTipRole).toString();
        QVERIFY(!message.isEmpty());
        QCOMPARE(message, model.status(0).message);
        QCOMPARE(model.activeCount(), 0);
    }

    void aDestroyedWorkersUnfinishedRowsEndCancelled()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        auto worker = std::make_unique<UploadWorker>(settings());
        model.attach(worker.get());
        const int id = worker->enqueue(
            blob(writePatternFile(*m_dir, QStringLiteral("gone"), 4 << 20, 10), 64 << 10));
        worker->pause(id);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), UploadState::Paused, Wait);
        QSignalSpy changed(&model, &QAbstractItemModel::dataChanged);
        worker.reset();
        QCOMPARE(changed.size(), 1);
        QCOMPARE(state(model, 0), UploadState::Cancelled);
        QCOMPARE(model.worker(0), nullptr);
        QCOMPARE(model.activeCount(), 0);
        QVERIFY(
            !model.index(0, UploadQueueModel::State).data(Qt::ToolTipRole).toString().isEmpty());
    }

    // The allocator may put a new worker where a destroyed one was (remove a registry with
    // uploads, add one, drop a file). Simulated deterministically by constructing the second
    // worker in the first one's storage: it must get rows of its own (ids restart at 1), and
    // the old rows must keep what they ended with.
    void aWorkerAtAFreedAddressGetsRowsOfItsOwn()
    {
        struct InPlace
        {
            alignas(UploadWorker) std::byte bytes[sizeof(UploadWorker)];
            UploadWorker *worker = nullptr;
            UploadWorker *make(const ConnectionSettings &s)
            {
                worker = new (bytes) UploadWorker(s);
                return worker;
            }
            void destroy()
            {
                if (worker)
                    std::exchange(worker, nullptr)->~UploadWorker();
            }
            ~InPlace() { destroy(); }
        } storage;
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        UploadWorker *first = storage.make(settings());
        model.attach(first);
        const int old = first->enqueue(
            blob(writePatternFile(*m_dir, QStringLiteral("old"), 4 << 20, 11), 64 << 10));
        first->pause(old);
        QTRY_COMPARE_WITH_TIMEOUT(state(model, 0), UploadState::Paused, Wait);
        storage.destroy();
        QCOMPARE(state(model, 0), UploadState::Cancelled);

        UploadWorker *second = storage.make(settings());
        QCOMPARE(static_cast<void *>(second), static_cast<void *>(first)); // the same address
        QCOMPARE(model.rowOf(second, old), -1); // the old rows are not the new worker's
        model.attach(second);
        QSignalSpy finished(second, &UploadWorker::finished);
        const int id
            = second->enqueue(blob(writePatternFile(*m_dir, QStringLiteral("new"), 1000, 12)));
        QCOMPARE(id, old); // each worker counts from 1
        QVERIFY(finished.wait(Wait));
        QCOMPARE(model.rowCount(), 2);
        QCOMPARE(state(model, 0), UploadState::Cancelled); // untouched
        QCOMPARE(model.index(0, UploadQueueModel::Name).data().toString(), QStringLiteral("old"));
        QCOMPARE(model.worker(0), nullptr);
        QCOMPARE(state(model, 1), UploadState::Done);
        QCOMPARE(model.index(1, UploadQueueModel::Name).data().toString(), QStringLiteral("new"));
        QCOMPARE(model.worker(1), second);
        QCOMPARE(model.rowOf(second, id), 1);
    }

    void durationsReadAsMinutesAndSeconds_data()
    {
        addColumns<qint64, QString>("seconds", "text");
        QTest::newRow("seconds") << qint64(42) << QStringLiteral("42 s");
        QTest::newRow("minutes") << qint64(63) << QStringLiteral("1 min 3 s");
        QTest::newRow("hours") << qint64(3 * 3600 + 125) << QStringLiteral("3 h 2 min");
    }
    void durationsReadAsMinutesAndSeconds()
    {
        QFETCH(qint64, seconds);
        QFETCH(QString, text);
        QCOMPARE(UploadQueueModel::durationText(seconds), text);
    }
    // A download or copy as a row: progress and rate from its job, cancel, retry, done;
    // a transfer destroyed while it runs reads Cancelled.
    void jobTransferRows()
    {
        UploadQueueModel model;
        QAbstractItemModelTester tester(&model,
                                        QAbstractItemModelTester::FailureReportingMode::QtTest);
        QPointer<Job<QString>> job; // the run in progress
        int runs = 0;
        auto *transfer = new JobTransfer(
            JobTransfer::Kind::Download, QStringLiteral("hello-world:v1"),
            QStringLiteral("/tmp/x.tar"),
            [&](QObject *parent) {
                ++runs;
                job = new Job<QString>(parent);
                return job.data();
            },
            &model);
        model.attach(transfer);
        QCOMPARE(model.rowCount(), 1);
        QCOMPARE(model.kind(0), UploadQueueModel::TransferKind::Download);
        QCOMPARE(model.transfer(0), transfer);
        QCOMPARE(model.index(0, UploadQueueModel::Name).data().toString(), u"hello-world:v1"_qs);
        QCOMPARE(model.index(0, UploadQueueModel::Repository).data().toString(), u"/tmp/x.tar"_qs);
        transfer->start();
        QCOMPARE(model.index(0, UploadQueueModel::State).data().toString(), u"Downloading"_qs);
        Q_EMIT job->progress(250, 1000);
        QCOMPARE(model.index(0, 0).data(UploadQueueModel::ProgressRole).toInt(), 250);
        QCOMPARE(model.activeCount(), 1);

        transfer->cancel();
        QTRY_COMPARE(model.status(0).state, UploadState::Cancelled);
        QCOMPARE(model.activeCount(), 0);
        transfer->retry();
        QCOMPARE(runs, 2);
        QCOMPARE(model.status(0).state, UploadState::Sending);
        QCOMPARE(model.status(0).sent, 0); // a new run starts from its own progress
        job->succeed(QStringLiteral("sha256:abc"));
        QTRY_COMPARE(model.status(0).state, UploadState::Done);
        QCOMPARE(model.status(0).digest, u"sha256:abc"_qs);
        transfer->retry(); // nothing to retry once done
        QCOMPARE(runs, 2);

        auto *copy = new JobTransfer(
            JobTransfer::Kind::Copy, QStringLiteral("a:1"), QStringLiteral("host/b:1"),
            [](QObject *parent) { return new Job<QString>(parent); }, &model);
        model.attach(copy);
        copy->start();
        QCOMPARE(model.index(1, UploadQueueModel::State).data().toString(), u"Copying"_qs);
        delete copy;
        QCOMPARE(model.status(1).state, UploadState::Cancelled);
        QCOMPARE(model.transfer(1), nullptr);
        model.removeFinished();
        QCOMPARE(model.rowCount(), 0);
    }
};

QTEST_GUILESS_MAIN(tst_UploadQueueModel)
#include "tst_uploadqueuemodel.moc"
